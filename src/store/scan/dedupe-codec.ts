/**
 * How a fold state's kept call copies (SummarizerState.dedupe) are stored:
 * as columns, not one small object per call. A Claude session keeps a copy
 * of every billed response (its `message.id:requestId` key, the bucket it
 * went to, its tokens) so that a later copy can replace it and so that
 * copies shared with other sessions can be attributed (shared-calls.ts).
 * As objects that was ~240 bytes of JSON a call, 45 MB for the 1,837
 * sessions of a 1 GB Claude home: most of each stored state, serialised in
 * the scan workers and written by the catalog on every cold scan. As
 * columns the bucket key is written once per state, not once per call.
 * In memory the copies are a Map (key → KeptCopy): states are packed when
 * they are serialised (packed-state.ts) and unpacked when parsed
 * (stored-rows.ts), which still reads a state stored the old way, a plain
 * object `dedupe` (no state version bump; {@link dedupeFromObject}).
 */
import type { RawTokens } from '../sources/common/fold-common.js';
import type { KeptCopy } from './summarize.js';

/** The stored form of a dedupe map. */
export interface PackedDedupe {
  /** The keys, in the map's order. */
  k: string[];
  /** The distinct bucket keys (KeptCopy.b). */
  b: string[];
  /** {@link FIELDS} numbers a key, in the order of `k` (see {@link FIELDS}). */
  n: number[];
}

/**
 * Numbers per key: bucket index into `b`, calls, across files (1/0),
 * input, output, cacheRead, cacheWrite, total, then the optional token
 * parts cacheWrite5m, cacheWrite1h, reasoning, rejected (-1: absent).
 */
const FIELDS = 12;
const OPTIONAL = ['cacheWrite5m', 'cacheWrite1h', 'reasoning', 'rejected'] as const;

/** `dedupe` (call key → kept copy) as columns, in the Map's order. */
export function packDedupe(dedupe: ReadonlyMap<string, KeptCopy>): PackedDedupe {
  const k: string[] = [];
  const b: string[] = [];
  const bucketIndex = new Map<string, number>();
  const n: number[] = [];
  for (const [key, kept] of dedupe) {
    let bi = bucketIndex.get(kept.b);
    if (bi === undefined) {
      bi = b.length;
      b.push(kept.b);
      bucketIndex.set(kept.b, bi);
    }
    const t = kept.t;
    k.push(key);
    n.push(bi, kept.c, kept.a === 1 ? 1 : 0, t.input, t.output, t.cacheRead, t.cacheWrite, t.total);
    for (const part of OPTIONAL) n.push(t[part] ?? -1);
  }
  return { k, b, n };
}

/**
 * The dedupe map `packed` stands for, or undefined when it is not a
 * well-formed {@link PackedDedupe} (the caller then treats the state as
 * damaged and reads the file again).
 */
export function unpackDedupe(packed: unknown): Map<string, KeptCopy> | undefined {
  const p = packed as Partial<PackedDedupe> | null;
  if (!p || !Array.isArray(p.k) || !Array.isArray(p.b) || !Array.isArray(p.n) || p.n.length !== p.k.length * FIELDS) return undefined;
  const out = new Map<string, KeptCopy>();
  const n = p.n;
  for (let i = 0; i < p.k.length; i++) {
    const at = i * FIELDS;
    const bucket = p.b[n[at]!];
    if (typeof bucket !== 'string') return undefined;
    const t: RawTokens = { input: n[at + 3]!, output: n[at + 4]!, cacheRead: n[at + 5]!, cacheWrite: n[at + 6]!, total: n[at + 7]! };
    OPTIONAL.forEach((part, j) => {
      const v = n[at + 8 + j]!;
      if (v !== -1) t[part] = v;
    });
    const kept: KeptCopy = { b: bucket, t, c: n[at + 1]! };
    if (n[at + 2] === 1) kept.a = 1;
    out.set(p.k[i]!, kept);
  }
  return out;
}

/**
 * The dedupe map of a state stored before the columns (a plain object,
 * call key → KeptCopy, as JSON.parse made it: every key its own, even
 * "__proto__"), or undefined when `old` is not an object (a damaged state).
 */
export function dedupeFromObject(old: unknown): Map<string, KeptCopy> | undefined {
  if (typeof old !== 'object' || old === null || Array.isArray(old)) return undefined;
  return new Map(Object.entries(old as Record<string, KeptCopy>));
}
