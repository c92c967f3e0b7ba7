/**
 * zod schemas shared by the native dialects: the token usage object
 * (FORMAT.md §3), tool calls and chat messages. Each dialect's own record
 * schemas live in its folder (store/schema.ts, events/schema.ts, ...).
 * Reading is liberal: optional fields of the wrong type are dropped
 * (`.catch(undefined)`) rather than failing the record; only the fields that
 * make a record what it is are required. Unknown fields are ignored.
 */
import { z } from 'zod';

/** Liberal optional fields: a value of the wrong type is dropped, not fatal. */
export const optStr = z.string().optional().catch(undefined);
export const optNum = z.number().finite().optional().catch(undefined);
export const optBool = z.boolean().optional().catch(undefined);

/** A token count as recorded: rawFromUsage takes non-negative safe integers and flags the rest (never dropped silently). */
const rawCount = z.unknown().optional();

/** Token usage object (format §3). Every count is optional and defaults to 0. */
export const tokenUsageSchema = z.object({
  input_tokens: rawCount,
  output_tokens: rawCount,
  cache_read_tokens: rawCount,
  cache_write_tokens: rawCount,
  total_tokens: rawCount,
});
export type TokenUsageRecord = z.infer<typeof tokenUsageSchema>;
export const optUsage = tokenUsageSchema.optional().catch(undefined);

/** A tool call as carried by assistant messages and llm.response records. */
export const toolCallSchema = z.object({
  id: optStr,
  name: z.string().catch('(unnamed)'),
  arguments: z.unknown().optional(),
});

/** A message's `content`: a string, an array of parts, or null. */
export const contentSchema = z.union([z.string(), z.array(z.unknown()), z.null()]).optional().catch(undefined);

/** A chat message (store `message.message`, checkpoint messages, llm.request messages). */
export const chatMessageSchema = z.object({
  role: z.string(),
  content: contentSchema,
  tool_calls: z.array(toolCallSchema).optional().catch(undefined),
  tool_call_id: optStr,
  name: optStr,
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;
