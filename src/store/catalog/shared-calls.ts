/**
 * One billed call, many files (ADAPTERS.md "Dedupe across files, not only
 * within one"; Codex records "across all files"): a forked Claude session or
 * an old-style resume copies earlier responses, `message.id + requestId` and
 * usage included, into a new session's file. Each session's fold already
 * keeps one copy per call across its own files; this decides, among the
 * sessions of one scope that kept the same call, which one counts it, and
 * tells the others what they hold as copies (SessionSummary.copies).
 *
 * The rule: the largest copy (most output tokens: the others are streaming
 * partials, ADAPTERS.md) counts, in the session that holds it; among equal
 * copies (a verbatim copy, the usual case) the earliest session by
 * `createdAt`, then the session whose file was created first (a fork's
 * copied lines keep the original's times, so `createdAt` ties: the file's
 * birth time tells them apart where the file system records it), then by
 * path. So the session that made the calls keeps them and a fork is left
 * with the calls it made itself.
 */
import { toTokens } from '../sources/common/fold-common.js';
import { addCall, priceBuckets, type Buckets } from '../sources/common/fold-usage.js';
import type { PriceTable } from '../pricing.js';
import type { KeptCopy } from '../scan/summarize.js';
import type { CopiedUsage, SessionSummary } from '../types.js';

/** The copies each session's fold kept of calls it shares with another session: path → key hash → copy (SummaryCache.sharedCopies). */
export type SharedCopies = ReadonlyMap<string, ReadonlyMap<string, KeptCopy>>;

/** One session holding a copy of a call; `born`: its file's birth time in ms, 0 when unknown. */
type Holder = { s: SessionSummary; copy: KeptCopy; born: number };

/** Orders the holders of one call: the counting one first (largest output, earliest createdAt, file born first, path). */
function before(a: Holder, b: Holder): number {
  return (
    b.copy.t.output - a.copy.t.output ||
    (a.s.createdAt < b.s.createdAt ? -1 : a.s.createdAt > b.s.createdAt ? 1 : 0) ||
    (a.born > 0 && b.born > 0 ? a.born - b.born : 0) ||
    (a.s.path < b.s.path ? -1 : a.s.path > b.s.path ? 1 : 0)
  );
}

/** Splits a bucket key `vendor|endpoint|model` (fold-usage.ts addCall); the model may hold `|`. */
function bucketParts(b: string): { vendor: string; endpoint: string; model: string } {
  const i = b.indexOf('|');
  const j = i === -1 ? -1 : b.indexOf('|', i + 1);
  if (i === -1 || j === -1) return { vendor: b, endpoint: '', model: '' };
  return { vendor: b.slice(0, i), endpoint: b.slice(i + 1, j), model: b.slice(j + 1) };
}

/**
 * `sessions` with {@link CopiedUsage} set on each that holds copies of calls
 * another of them counts (a new object for those; the others as given, in
 * the same order). Copies are priced like the session's own calls (its
 * model prices a call that named none), so a session's cost minus its
 * copies' cost is what its own calls cost, to within a micro-dollar per model.
 * `bornAt(path)`: the birth time of a session's file in ms (0: unknown),
 * asked only for sessions that share a call.
 */
export function attributeCopies(sessions: readonly SessionSummary[], shared: SharedCopies, pricing: PriceTable, bornAt: (path: string) => number = () => 0): SessionSummary[] {
  if (shared.size === 0) return [...sessions];
  const byPath = new Map(sessions.map((s) => [s.path, s]));
  const holders = new Map<string, Holder[]>();
  for (const [path, copies] of shared) {
    const s = byPath.get(path);
    if (!s) continue;
    const born = bornAt(path);
    for (const [hash, copy] of copies) {
      const list = holders.get(hash);
      if (list) list.push({ s, copy, born });
      else holders.set(hash, [{ s, copy, born }]);
    }
  }
  const copied = new Map<string, { buckets: Buckets; calls: number; countedIn: Set<string> }>();
  for (const list of holders.values()) {
    if (list.length < 2) continue;
    list.sort(before);
    const counted = list[0]!.s;
    for (const { s, copy } of list.slice(1)) {
      let acc = copied.get(s.path);
      if (!acc) copied.set(s.path, (acc = { buckets: {}, calls: 0, countedIn: new Set() }));
      addCall(acc.buckets, { ...bucketParts(copy.b), tokens: copy.t, calls: copy.c });
      acc.calls += copy.c;
      acc.countedIn.add(counted.id);
    }
  }
  return sessions.map((s) => {
    const acc = copied.get(s.path);
    if (!acc) return s;
    const priced = priceBuckets(acc.buckets, s.model, s.provider, pricing, {});
    const copies: CopiedUsage = {
      calls: acc.calls,
      tokens: toTokens(priced.tokens),
      costMicros: priced.costMicros,
      models: priced.models,
      endpoints: priced.endpoints.map(({ metrics: _m, ...e }) => e),
      countedIn: [...acc.countedIn].sort(),
    };
    return { ...s, copies };
  });
}
