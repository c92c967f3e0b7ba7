/**
 * zod schemas of the events dialect (FORMAT.md §2.2). Reading is liberal (see ../schemas.ts).
 */
import * as z from '../../../zod.js';
import { contentSchema, optNum, optStr, optUsage, withMessages, withToolCalls } from '../schemas.js';
import * as fast from '../fast-schemas.js';
import { arrayOf, chatMessage, content, isObject, MISS, optional, shape, toolCall, type Field } from '../fast-schemas.js';

export const eventRecordSchema = z.object({
  session_id: optStr,
  seq: z.number(),
  type: z.string().check(z.regex(/\./)),
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
/** A request's `messages` are read entry by entry (../schemas.ts readMessages): a junk message is dropped, the others kept. */
export const llmRequestDataSchema = withMessages({
  messages: z.optional(z.unknown()),
  model: optStr,
  tools: z.catch(z.optional(z.array(z.object({ name: z.catch(z.string(), '') }))), undefined),
});
export const llmResponseDataSchema = withToolCalls({
  content: contentSchema,
  tool_calls: z.optional(z.unknown()),
  usage: optUsage,
  cost_usd: optNum,
  latency_ms: optNum,
  model: optStr,
  provider: optStr,
  endpoint: optStr,
  finish_reason: optStr,
});
export const toolCallDataSchema = z.object({
  tool: z.catch(z.string(), '(unnamed)'),
  input: z.optional(z.unknown()),
  output: z.optional(z.unknown()),
  duration_ms: optNum,
  error: z.optional(z.unknown()),
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

/** What a happy-path shape gives: its output, or undefined for "ask the schema". */
const happy = <T>(field: Field, v: unknown): T | undefined => {
  const out = field(v);
  return out === MISS ? undefined : (out as T);
};

/** `z.record(z.string(), z.unknown())` on the happy path: a copy of an object's own keys (one named `__proto__` goes to zod). */
const record: Field = (v) => {
  if (!isObject(v) || Object.hasOwn(v, '__proto__')) return MISS;
  return { ...v };
};

const fastEvent = shape([
  ['session_id', fast.optStr],
  ['seq', fast.num],
  ['type', (v) => (typeof v === 'string' && v.includes('.') ? v : MISS)],
  ['timestamp', fast.optStr],
  ['data', record],
]);
const fastRequest = shape([
  ['messages', arrayOf(chatMessage)],
  ['model', fast.optStr],
  ['tools', optional(arrayOf(shape([['name', fast.str]])))],
]);
const fastResponse = shape([
  ['content', content],
  ['tool_calls', optional(arrayOf(toolCall))],
  ['usage', optional(fast.usage)],
  ['cost_usd', fast.optNum],
  ['latency_ms', fast.optNum],
  ['model', fast.optStr],
  ['provider', fast.optStr],
  ['endpoint', fast.optStr],
  ['finish_reason', fast.optStr],
]);
const fastToolCall = shape([
  ['tool', fast.str],
  ['input', fast.any],
  ['output', fast.any],
  ['duration_ms', fast.optNum],
  ['error', fast.any],
]);

/** eventRecordSchema's output when every field has its happy type (fast-schemas.ts), else undefined. */
export const fastEventRecord = (raw: Record<string, unknown>): EventRecord | undefined => happy(fastEvent, raw);
/** llmRequestDataSchema's output on the happy path, else undefined. */
export const fastLlmRequest = (data: unknown): z.infer<typeof llmRequestDataSchema> | undefined => happy(fastRequest, data);
/** llmResponseDataSchema's output on the happy path, else undefined. */
export const fastLlmResponse = (data: unknown): z.infer<typeof llmResponseDataSchema> | undefined => happy(fastResponse, data);
/** toolCallDataSchema's output on the happy path, else undefined. */
export const fastToolCallData = (data: unknown): z.infer<typeof toolCallDataSchema> | undefined => happy(fastToolCall, data);
