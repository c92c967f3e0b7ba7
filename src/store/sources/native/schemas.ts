/**
 * zod schemas shared by the native dialects: the token usage object
 * (FORMAT.md §3), tool calls and chat messages. Each dialect's own record
 * schemas live in its folder (store/schema.ts, events/schema.ts, ...).
 * Reading is liberal: optional fields of the wrong type are dropped
 * (`z.catch(…, undefined)`) rather than failing the record; only the fields
 * that make a record what it is are required. Unknown fields are ignored.
 */
import * as z from '../../zod.js';

/** Liberal optional fields: a value of the wrong type is dropped, not fatal. */
export const optStr = z.catch(z.optional(z.string()), undefined);
/** `z.number()` is finite: Infinity and NaN are dropped too. */
export const optNum = z.catch(z.optional(z.number()), undefined);
export const optBool = z.catch(z.optional(z.boolean()), undefined);

/** A token count as recorded: rawFromUsage takes non-negative safe integers and flags the rest (never dropped silently). */
const rawCount = z.optional(z.unknown());

/** Token usage object (format §3). Every count is optional and defaults to 0. */
export const tokenUsageSchema = z.object({
  input_tokens: rawCount,
  output_tokens: rawCount,
  cache_read_tokens: rawCount,
  cache_write_tokens: rawCount,
  total_tokens: rawCount,
});
export type TokenUsageRecord = z.infer<typeof tokenUsageSchema>;
export const optUsage = z.catch(z.optional(tokenUsageSchema), undefined);

/** A tool call as carried by assistant messages and llm.response records: an object with a string `name`. */
export const toolCallSchema = z.object({
  id: optStr,
  name: z.string(),
  arguments: z.optional(z.unknown()),
});
export type ToolCallRecord = z.infer<typeof toolCallSchema>;

/**
 * A `tool_calls` value read entry by entry: the entries that are tool calls
 * (`calls`, in order), and how many were not (`dropped`: a number, an object
 * with no string name), so one junk entry costs only itself, never the
 * message's other calls. A value that is no list is one dropped entry;
 * null and absent hold no calls and drop nothing (`calls` undefined).
 */
export function readToolCalls(value: unknown): { calls: ToolCallRecord[] | undefined; dropped: number } {
  if (value === undefined || value === null) return { calls: undefined, dropped: 0 };
  if (!Array.isArray(value)) return { calls: undefined, dropped: 1 };
  const calls: ToolCallRecord[] = [];
  let dropped = 0;
  for (const item of value) {
    const parsed = toolCallSchema.safeParse(item);
    if (parsed.success) calls.push(parsed.data);
    else dropped++;
  }
  return { calls, dropped };
}

/**
 * An object's raw `tool_calls` replaced, in place, by its tool calls, with
 * `droppedCalls` added when entries were dropped (in place: zod's output
 * keeps its keys in the schema's order, which the fast path matches).
 */
function keepToolCalls<T extends { tool_calls?: unknown }>(o: T): Omit<T, 'tool_calls'> & { tool_calls?: ToolCallRecord[]; droppedCalls?: number } {
  const { calls, dropped } = readToolCalls(o.tool_calls);
  const out = o as unknown as Omit<T, 'tool_calls'> & { tool_calls?: ToolCallRecord[]; droppedCalls?: number };
  if ('tool_calls' in o) out.tool_calls = calls;
  if (dropped > 0) out.droppedCalls = dropped;
  return out;
}

/** A record whose `tool_calls` is read by {@link readToolCalls}: `tool_calls` holds its tool calls, `droppedCalls` counts the rest. */
export function withToolCalls<S extends z.core.$ZodShape & { tool_calls: z.core.$ZodType }>(fields: S) {
  return z.pipe(
    z.object(fields),
    z.transform((o) => keepToolCalls(o as { tool_calls?: unknown } & z.infer<z.ZodMiniObject<S>>)),
  );
}

/** A message's `content`: a string, an array of parts, or null. */
export const contentSchema = z.catch(z.optional(z.union([z.string(), z.array(z.unknown()), z.null()])), undefined);

/** A chat message (store `message.message`, checkpoint messages, llm.request messages). */
export const chatMessageSchema = withToolCalls({
  role: z.string(),
  content: contentSchema,
  tool_calls: z.optional(z.unknown()),
  tool_call_id: optStr,
  name: optStr,
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/**
 * A list of chat messages (checkpoint `messages`, llm.request `messages`)
 * read entry by entry, like {@link readToolCalls}: the entries that are
 * messages (`messages`, in order) and the positions in the recorded list of
 * those that are not (`dropped`: a number, an object with no string `role`),
 * so one junk message costs only itself, never the checkpoint's or the
 * request's other messages. A value that is no list is one dropped entry at
 * position 0; null and absent hold no messages and drop nothing.
 */
export function readMessages(value: unknown): { messages: ChatMessage[]; dropped: number[] } {
  if (value === undefined || value === null) return { messages: [], dropped: [] };
  if (!Array.isArray(value)) return { messages: [], dropped: [0] };
  const messages: ChatMessage[] = [];
  const dropped: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const parsed = chatMessageSchema.safeParse(value[i]);
    if (parsed.success) messages.push(parsed.data);
    else dropped.push(i);
  }
  return { messages, dropped };
}

/**
 * A record whose `messages` is read by {@link readMessages}: `messages`
 * holds its chat messages (always a list), and `droppedMessages`, present
 * only when entries were dropped, their positions in the recorded list
 * (the recorded list's length is `messages.length + droppedMessages.length`).
 * With nothing dropped the output is the fields' as zod gives them, which
 * the fast path (fast-schemas.ts) matches.
 */
export function withMessages<S extends z.core.$ZodShape & { messages: z.core.$ZodType }>(fields: S) {
  return z.pipe(
    z.object(fields),
    z.transform((o) => {
      const { messages, dropped } = readMessages((o as { messages?: unknown }).messages);
      // In place: the key keeps its position in the schema's order.
      const out = o as unknown as Omit<z.infer<z.ZodMiniObject<S>>, 'messages'> & { messages: ChatMessage[]; droppedMessages?: number[] };
      out.messages = messages;
      if (dropped.length > 0) out.droppedMessages = dropped;
      return out;
    }),
  );
}
