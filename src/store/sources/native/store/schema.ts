/**
 * zod schemas of the store dialect (FORMAT.md §2.1). Reading is liberal (see ../schemas.ts).
 */
import * as z from '../../../zod.js';
import { chatMessageSchema, optNum, optStr, optUsage, tokenUsageSchema, withMessages } from '../schemas.js';
import * as fast from '../fast-schemas.js';
import { chatMessage, literal, MISS, shape, type Field } from '../fast-schemas.js';

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
  endpoint_usage: z.catch(z.optional(z.record(z.string(), tokenUsageSchema)), undefined),
});
export const storeMessageSchema = z.object({
  type: z.literal('message'),
  timestamp: optStr,
  message: chatMessageSchema,
});
/** A checkpoint's `messages` are read entry by entry (../schemas.ts readMessages): a junk message is dropped, the others kept. */
export const storeCheckpointSchema = withMessages({
  type: z.literal('checkpoint'),
  timestamp: optStr,
  token_count: z.catch(z.number(), 0),
  messages: z.optional(z.unknown()),
});
export const storeUsageSchema = z.object({
  type: z.literal('usage'),
  entry: z.object({
    timestamp: optStr,
    turn_index: optNum,
    model: optStr,
    vendor: optStr,
    endpoint: optStr,
    usage: z.catch(tokenUsageSchema, {}),
  }),
});
export const storeMetricSchema = z.object({
  type: z.literal('metric'),
  timestamp: optStr,
  vendor: optStr,
  endpoint: optStr,
  metric: z.object({ name: z.string(), value: z.number() }),
});
export const storeTunnelSchema = z.object({
  type: z.literal('tunnel_event'),
  event: z.optional(z.unknown()),
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

/**
 * The store records most lines are (message, usage, metric) as
 * storeRecordSchema outputs them, when every field has its happy type
 * (fast-schemas.ts); undefined for anything else: ask the schema.
 */
export function fastStoreRecord(raw: Record<string, unknown>): StoreRecord | undefined {
  const fast = typeof raw.type === 'string' ? FAST_STORE.get(raw.type) : undefined;
  const out = fast === undefined ? MISS : fast(raw);
  return out === MISS ? undefined : (out as StoreRecord);
}

const FAST_STORE = new Map<string, Field>(Object.entries({
  message: shape([
    ['type', literal('message')],
    ['timestamp', fast.optStr],
    ['message', chatMessage],
  ]),
  usage: shape([
    ['type', literal('usage')],
    [
      'entry',
      shape([
        ['timestamp', fast.optStr],
        ['turn_index', fast.optNum],
        ['model', fast.optStr],
        ['vendor', fast.optStr],
        ['endpoint', fast.optStr],
        ['usage', fast.usage],
      ]),
    ],
  ]),
  metric: shape([
    ['type', literal('metric')],
    ['timestamp', fast.optStr],
    ['vendor', fast.optStr],
    ['endpoint', fast.optStr],
    ['metric', shape([['name', fast.str], ['value', fast.num]])],
  ]),
}));
