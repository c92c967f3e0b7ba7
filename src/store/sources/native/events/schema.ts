/**
 * zod schemas of the events dialect (FORMAT.md §2.2). Reading is liberal (see ../schemas.ts).
 */
import { z } from 'zod';
import { chatMessageSchema, contentSchema, optNum, optStr, optUsage, toolCallSchema } from '../schemas.js';

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
