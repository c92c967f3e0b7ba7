import { describe, expect, it } from 'vitest';
import type * as z from '../src/store/zod.js';
import { arrayOf, content, looped, MISS, optional, optStr, shape, str, toolCall } from '../src/store/sources/native/fast-schemas.js';
import { fastStoreRecord, storeRecordSchema } from '../src/store/sources/native/store/schema.js';
import {
  eventRecordSchema,
  fastEventRecord,
  fastLlmRequest,
  fastLlmResponse,
  fastToolCallData,
  llmRequestDataSchema,
  llmResponseDataSchema,
  toolCallDataSchema,
} from '../src/store/sources/native/events/schema.js';

/** A value's exact shape: key order, keys present with undefined, arrays, numbers like Infinity and -0. */
function exact(v: unknown): unknown {
  if (v === undefined) return '<undefined>';
  if (typeof v === 'number') return Object.is(v, -0) ? '<-0>' : Number.isFinite(v) ? v : `<${v}>`;
  if (Array.isArray(v)) return v.map(exact);
  if (v !== null && typeof v === 'object') return Object.keys(v).map((k) => [k, exact((v as Record<string, unknown>)[k])]);
  return v;
}

/** Values a field is tried with: every JSON type, the edge numbers JSON.parse can give, and nothing (the key absent). */
const ABSENT = Symbol('absent');
const VALUES: unknown[] = [ABSENT, undefined, null, '', 'text', 0, -0, 7, 1.5, -3, 1e999, true, false, [], ['a', { type: 'text', text: 'b' }], {}, { a: 1 }];

/** Every record made from `base` by setting one field (at `path`) to each value, plus an unknown key and a shuffled order. */
function variants(base: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [base, { ...base, extra: 1 }, Object.fromEntries(Object.entries(base).reverse())];
  const paths: string[][] = [];
  const walk = (o: Record<string, unknown>, at: string[]) => {
    for (const [k, v] of Object.entries(o)) {
      paths.push([...at, k]);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, [...at, k]);
      if (Array.isArray(v)) v.forEach((item, i) => item !== null && typeof item === 'object' && walk(item as Record<string, unknown>, [...at, k, String(i)]));
    }
  };
  walk(base, []);
  for (const path of paths) {
    for (const value of VALUES) {
      const copy = structuredClone(base);
      let o = copy as Record<string, unknown>;
      for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
      const last = path[path.length - 1]!;
      if (value === ABSENT) delete o[last];
      else o[last] = structuredClone(value);
      out.push(copy);
    }
  }
  return out;
}

/** Holds `fast` to `schema`: wherever the fast path answers, the schema accepts and outputs exactly the same. Returns how often it answered. */
function holdsTo(fast: (v: Record<string, unknown>) => unknown, schema: z.ZodMiniType, bases: Record<string, unknown>[]): number {
  let answered = 0;
  for (const base of bases) {
    expect(fast(base), `a happy record takes the fast path: ${JSON.stringify(base)}`).not.toBeUndefined();
    for (const v of variants(base)) {
      const got = fast(v);
      if (got === undefined) continue;
      answered++;
      const parsed = schema.safeParse(v);
      expect(parsed.success, JSON.stringify(v)).toBe(true);
      expect(exact(got), JSON.stringify(v)).toEqual(exact(parsed.data));
    }
  }
  return answered;
}

const usage = { input_tokens: 10, output_tokens: 2, cache_read_tokens: 0, cache_write_tokens: 5, total_tokens: 17 };
const call = { id: 'c1', name: 'read_file', arguments: '{"path":"a.go"}' };

describe('cheap checks before the schemas (fast-schemas.ts)', () => {
  it('a shape gives the same with generated code as without it', () => {
    const fields = [['role', str], ['content', content], ['name', optStr], ['tool_calls', optional(arrayOf(toolCall))]] as const;
    const [withCode, without] = [shape(fields), looped(fields)];
    for (const v of variants({ role: 'user', content: 'x', name: 'n', tool_calls: [call] })) expect(exact(withCode(v))).toEqual(exact(without(v)));
    expect(withCode({ role: 1 })).toBe(MISS);
  });

  it('store records: the fast path outputs what storeRecordSchema outputs, or leaves the record to it', () => {
    const n = holdsTo(fastStoreRecord, storeRecordSchema, [
      { type: 'message', timestamp: 'T', message: { role: 'assistant', content: 'hi', tool_calls: [call], tool_call_id: 'x', name: 'n' } },
      { type: 'message', message: { role: 'user', content: [{ type: 'text', text: 'a' }] } },
      { type: 'usage', entry: { timestamp: 'T', turn_index: 1, model: 'm', vendor: 'v', endpoint: 'e', usage } },
      { type: 'metric', timestamp: 'T', vendor: 'v', endpoint: 'e', metric: { name: 'ttft_ms', value: 420 } },
    ]);
    expect(n).toBeGreaterThan(100);
    // A checkpoint always goes to the schema, which reads its messages one by one.
    const checkpoint = { type: 'checkpoint', timestamp: 'T', token_count: 5, messages: [{ role: 'system', content: 's' }, 42, { role: 'user', content: 'u' }] };
    expect(fastStoreRecord(checkpoint)).toBeUndefined();
    expect(storeRecordSchema.parse(checkpoint)).toEqual({ ...checkpoint, messages: [checkpoint.messages[0], checkpoint.messages[2]], droppedMessages: [1] });
    // Records of other types, and a type that names an Object property, always go to the schema.
    expect(fastStoreRecord({ type: 'meta', id: 'x' })).toBeUndefined();
    expect(fastStoreRecord({ type: 'constructor' })).toBeUndefined();
    expect(fastStoreRecord({ type: '__proto__' })).toBeUndefined();
  });

  it('events records and their data: the fast path outputs what the schemas output, or leaves the record to them', () => {
    expect(holdsTo(fastEventRecord, eventRecordSchema, [{ session_id: 's', seq: 3, type: 'llm.request', timestamp: 'T', data: { b: 1, a: [2], 1: 'x' } }])).toBeGreaterThan(20);
    const messages = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'c1', content: 'out' },
    ];
    expect(holdsTo(fastLlmRequest as (v: unknown) => unknown, llmRequestDataSchema, [{ messages, model: 'm', tools: [{ name: 'read_file' }] }])).toBeGreaterThan(50);
    expect(
      holdsTo(fastLlmResponse as (v: unknown) => unknown, llmResponseDataSchema, [
        { content: 'a', tool_calls: [call], usage, cost_usd: 0.1, latency_ms: 30, model: 'm', provider: 'p', endpoint: 'e', finish_reason: 'stop' },
      ]),
    ).toBeGreaterThan(50);
    expect(holdsTo(fastToolCallData as (v: unknown) => unknown, toolCallDataSchema, [{ tool: 't', input: { a: 1 }, output: 'o', duration_ms: 5, error: null }])).toBeGreaterThan(50);
    // A junk message (any value that is no message, at any position) is the schema's: it keeps the others.
    for (let i = 0; i < messages.length; i++) {
      for (const value of VALUES.filter((v) => v !== ABSENT && !(v !== null && typeof v === 'object' && !Array.isArray(v)))) {
        const data = { messages: messages.map((m, j) => (j === i ? value : m)), model: 'm' };
        expect(fastLlmRequest(data), JSON.stringify(data)).toBeUndefined();
        const parsed = llmRequestDataSchema.parse(data);
        expect(parsed.messages).toEqual(messages.filter((_, j) => j !== i));
        expect(parsed.droppedMessages).toEqual([i]);
      }
    }
    // An own `__proto__` key in data is the schema's to copy.
    expect(fastEventRecord(JSON.parse('{"seq":1,"type":"a.b","data":{"__proto__":{"x":1}}}'))).toBeUndefined();
  });
});
