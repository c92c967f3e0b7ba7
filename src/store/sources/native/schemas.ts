/**
 * zod schemas for every record kind of docs/format.md §2, in one place.
 * Reading is liberal: optional fields of the wrong type are dropped
 * (`.catch(undefined)`) rather than failing the record; only the fields that
 * make a record what it is are required. Unknown fields are ignored.
 */
import { z } from 'zod';

const optStr = z.string().optional().catch(undefined);
const optNum = z.number().finite().optional().catch(undefined);
const optBool = z.boolean().optional().catch(undefined);

/** Token usage object (format §3). Every count is optional and defaults to 0. */
export const tokenUsageSchema = z.object({
  input_tokens: optNum,
  output_tokens: optNum,
  cache_read_tokens: optNum,
  cache_write_tokens: optNum,
  total_tokens: optNum,
});
export type TokenUsageRecord = z.infer<typeof tokenUsageSchema>;
const optUsage = tokenUsageSchema.optional().catch(undefined);

/** A tool call as carried by assistant messages and llm.response records. */
export const toolCallSchema = z.object({
  id: optStr,
  name: z.string().catch('(unnamed)'),
  arguments: z.unknown().optional(),
});

const contentSchema = z.union([z.string(), z.array(z.unknown()), z.null()]).optional().catch(undefined);

/** A chat message (store `message.message`, checkpoint messages, llm.request messages). */
export const chatMessageSchema = z.object({
  role: z.string(),
  content: contentSchema,
  tool_calls: z.array(toolCallSchema).optional().catch(undefined),
  tool_call_id: optStr,
  name: optStr,
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

// ---- store dialect (format §2.1) ----

export const storeMetaSchema = z.object({
  type: z.literal('meta'),
  id: optStr,
  created_at: optStr,
  updated_at: optStr,
  title: optStr,
  workspace: optStr,
  vendor: optStr,
  endpoint: optStr,
  model: optStr,
  token_usage: optUsage,
  endpoint_usage: z.record(z.string(), tokenUsageSchema).optional().catch(undefined),
});
export const storeMessageSchema = z.object({
  type: z.literal('message'),
  timestamp: optStr,
  message: chatMessageSchema,
});
export const storeCheckpointSchema = z.object({
  type: z.literal('checkpoint'),
  timestamp: optStr,
  token_count: z.number().finite().catch(0),
  messages: z.array(chatMessageSchema).catch([]),
});
export const storeUsageSchema = z.object({
  type: z.literal('usage'),
  entry: z.object({
    timestamp: optStr,
    turn_index: optNum,
    model: optStr,
    vendor: optStr,
    endpoint: optStr,
    usage: tokenUsageSchema.catch({}),
  }),
});
export const storeMetricSchema = z.object({
  type: z.literal('metric'),
  timestamp: optStr,
  vendor: optStr,
  endpoint: optStr,
  metric: z.object({ name: z.string(), value: z.number().finite() }),
});
export const storeTunnelSchema = z.object({
  type: z.literal('tunnel_event'),
  event: z.unknown().optional(),
});
export const storeRecordSchema = z.discriminatedUnion('type', [
  storeMetaSchema,
  storeMessageSchema,
  storeCheckpointSchema,
  storeUsageSchema,
  storeMetricSchema,
  storeTunnelSchema,
]);
export type StoreRecord = z.infer<typeof storeRecordSchema>;
export const STORE_TYPES: ReadonlySet<string> = new Set(['meta', 'message', 'checkpoint', 'usage', 'metric', 'tunnel_event']);

// ---- events dialect (format §2.2) ----

export const eventRecordSchema = z.object({
  session_id: optStr,
  seq: z.number(),
  type: z.string().regex(/\./),
  timestamp: optStr,
  data: z.record(z.string(), z.unknown()),
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

export const sessionStartDataSchema = z.object({
  provider: optStr,
  model: optStr,
  work_dir: optStr,
  prompt: optStr,
});
export const llmRequestDataSchema = z.object({
  messages: z.array(chatMessageSchema).catch([]),
  model: optStr,
  tools: z.array(z.object({ name: z.string().catch('') })).optional().catch(undefined),
});
export const llmResponseDataSchema = z.object({
  content: contentSchema,
  tool_calls: z.array(toolCallSchema).optional().catch(undefined),
  usage: optUsage,
  cost_usd: optNum,
  latency_ms: optNum,
  model: optStr,
  provider: optStr,
  endpoint: optStr,
  finish_reason: optStr,
});
export const toolCallDataSchema = z.object({
  tool: z.string().catch('(unnamed)'),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  duration_ms: optNum,
  error: z.unknown().optional(),
});
export const sessionEndDataSchema = z.object({
  status: optStr,
  output: optStr,
  tokens: optUsage,
  cost_usd: optNum,
  duration_ms: optNum,
  model: optStr,
  selected_provider: optStr,
});

// ---- turns dialect (format §2.3) ----

export const TURN_TYPES: ReadonlySet<string> = new Set(['user', 'assistant', 'tool_call', 'tool_result', 'system']);
export const EPHEMERAL_TURN_TYPES: ReadonlySet<string> = new Set(['progress', 'typing', 'ping']);
export const turnRecordSchema = z.object({
  type: z.enum(['user', 'assistant', 'tool_call', 'tool_result', 'system']),
  content: z.string(),
  timestamp: optStr,
  tool_name: optStr,
  tool_id: optStr,
  model: optStr,
});
export type TurnRecord = z.infer<typeof turnRecordSchema>;

// ---- skills dialect (format §2.4) ----

export const skillAttemptSchema = z.object({
  attempt: z.number().catch(0),
  model: z.string().catch(''),
  tier: z.string().catch(''),
  duration_ms: z.number().catch(0),
  warm_start: optBool,
  verified: z.boolean().catch(false),
  verdict: z.string().catch(''),
  feedback: optStr,
});
export const skillRecordSchema = z.object({
  session_id: optStr,
  timestamp: optStr,
  skill: z.string(),
  phase: optStr,
  project_root: optStr,
  attempts: z.array(skillAttemptSchema).catch([]),
  final_status: z.string(),
  file_path: optStr,
  model_used: optStr,
  duration_ms: optNum,
  message: optStr,
});
export type SkillRecord = z.infer<typeof skillRecordSchema>;
