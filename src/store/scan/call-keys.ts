/**
 * The keyed calls of a fold state that count once across sessions' files
 * (ADAPTERS.md: Claude `message.id + requestId`, Codex `(thread_id,
 * response_id)`; UsageEvent.acrossFiles), as the short hashes the catalog
 * indexes (catalog-db.ts `calls`): the index tells which sessions share a
 * call without holding the keys themselves, which stay in the fold state.
 */
import * as crypto from 'node:crypto';
import type { KeptCopy, SummarizerState } from './summarize.js';

/**
 * Node's one-shot `crypto.hash` (20.12+, 21.7+): a third of the time of
 * `createHash().update().digest()` for short keys, which builds a Hash
 * object per call (a cold scan of a Claude home hashes every billed call).
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;

/**
 * Bytes of a key's hash: 8. Among ten million calls the chance that two
 * different keys share a hash is about 3 in a million (birthday bound
 * n² / 2^65); a shared hash would count two calls as one.
 */
export const CALL_HASH_BYTES = 8;

/** The hash of one call key (`message.id:requestId`, `record:thread:response`): the first 8 bytes of its SHA-1. */
export function callKeyHash(key: string): Buffer {
  const digest = oneShot ? oneShot('sha1', key, 'buffer') : crypto.createHash('sha1').update(key).digest();
  return digest.subarray(0, CALL_HASH_BYTES);
}

/** The same hash as 16 lowercase hex digits (how the catalog's query hands it back). */
export function callKeyHex(key: string): string {
  return callKeyHash(key).toString('hex');
}

/**
 * Hashes of the across-files keys `d` kept (`a: 1`), leaving out those
 * `before` already held (a file read on from its state's offset: only the
 * new keys need indexing). Retractions (no calls, no bucket) are left out.
 */
export function acrossFileHashes(d: SummarizerState, before?: SummarizerState): Buffer[] {
  const out: Buffer[] = [];
  const old = before?.dedupe;
  if (!d.dedupe) return out;
  for (const [key, kept] of d.dedupe) {
    if (kept.a !== 1 || !kept.b || old?.get(key)?.a === 1) continue;
    out.push(callKeyHash(key));
  }
  return out;
}

/** The across-files copies `d` kept whose hashes (hex) are in `wanted`, by hash. */
export function keptCopies(d: SummarizerState, wanted: ReadonlySet<string>): Map<string, KeptCopy> {
  const out = new Map<string, KeptCopy>();
  if (!d.dedupe) return out;
  for (const [key, kept] of d.dedupe) {
    if (kept.a !== 1 || !kept.b) continue;
    const hex = callKeyHex(key);
    if (wanted.has(hex)) out.set(hex, kept);
  }
  return out;
}
