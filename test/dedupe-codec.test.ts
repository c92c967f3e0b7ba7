/**
 * Kept call copies stored as columns (scan/dedupe-codec.ts): a fold state
 * comes back from the catalog exactly as it was folded, so a file read on
 * from its offset, and copies attributed across sessions, see the same
 * calls and tokens as before it was stored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packDedupe, unpackDedupe } from '../src/store/scan/dedupe-codec.js';
import { stateJson } from '../src/store/scan/packed-state.js';
import { parseState } from '../src/store/catalog/stored-rows.js';
import { SUMMARY_STATE_VERSION, type SummaryState } from '../src/store/scan/summary-reader.js';
import type { KeptCopy } from '../src/store/scan/summarize.js';

const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const kept: fc.Arbitrary<KeptCopy> = fc
  .record(
    {
      b: fc.constantFrom('', 'anthropic|claude-code|claude-sonnet-4-5', 'openai|codex|gpt-5|odd'),
      t: fc.record(
        { input: count, output: count, cacheRead: count, cacheWrite: count, total: count, cacheWrite5m: count, cacheWrite1h: count, reasoning: count, rejected: fc.integer({ min: 1, max: 9 }) },
        { requiredKeys: ['input', 'output', 'cacheRead', 'cacheWrite', 'total'] },
      ),
      c: fc.integer({ min: 0, max: 3 }),
      a: fc.constant(1 as const),
    },
    { requiredKeys: ['b', 't', 'c'] },
  );
// Any string a log holds may be a key ("__proto__", "constructor" too): the fold keeps them in a Map.
const dedupe = fc.dictionary(fc.string({ minLength: 1, maxLength: 40 }), kept, { maxKeys: 30 }).map((o) => new Map(Object.entries(o)));

describe('kept call copies as columns', () => {
  it('round-trip exactly, whatever the keys, buckets and optional token parts', () => {
    fc.assert(
      fc.property(dedupe, (d) => {
        const back = unpackDedupe(JSON.parse(JSON.stringify(packDedupe(d))));
        expect(back).toEqual(d);
        expect([...back!.keys()]).toEqual([...d.keys()]); // in the same order
      }),
    );
  });

  it('come back through the stored state, and a state stored the old way still parses', () => {
    const copy: KeptCopy = { b: 'anthropic|claude-code|claude-opus-4-6', t: { input: 3, output: 50, cacheRead: 900, cacheWrite: 100, total: 1053, cacheWrite5m: 40, cacheWrite1h: 60 }, c: 1, a: 1 };
    const d = new Map([['msg_1:req_1', copy], ['__proto__', { ...copy, c: 2 }]]);
    const state = { v: SUMMARY_STATE_VERSION, offset: 10, d: { dedupe: d, user: 1 } } as unknown as SummaryState;
    const stored = stateJson(state);
    expect(stored).not.toContain('"dedupe"');
    expect(parseState(stored)?.d.dedupe).toEqual(d);
    expect(state.d.dedupe).toBe(d); // the state in memory is left as it was
    // Stored the old way: the copies as a plain object, keyed by call key.
    const old = JSON.stringify({ ...state, d: { ...state.d, dedupe: { 'msg_1:req_1': copy, ['__proto__']: { ...copy, c: 2 } } } });
    expect(old).toContain('"__proto__"');
    expect(parseState(old)?.d.dedupe).toEqual(d);
  });

  it('damaged columns make the stored state unusable (the file is read again), never wrong calls', () => {
    const state = { v: SUMMARY_STATE_VERSION, offset: 10, d: { dq: { k: ['a', 'b'], b: ['x'], n: [0, 1, 1] } } };
    expect(parseState(JSON.stringify(state))).toBeUndefined();
    expect(unpackDedupe({ k: ['a'], b: [], n: new Array(12).fill(0) })).toBeUndefined();
  });
});
