/**
 * The keyed calls of a fold state that count once across sessions' files
 * (ADAPTERS.md: Claude `message.id + requestId`, Codex `(thread_id,
 * response_id)`; UsageEvent.acrossFiles), as the short hashes the catalog
 * indexes (catalog-db.ts `calls`): the index tells which sessions share a
 * call without holding the keys themselves, which stay in the fold state.
 */
import type { KeptCopy, SummarizerState } from './summarize.js';

/**
 * Bytes of a key's hash: 8. Among ten million calls the chance that two
 * different keys share a hash is about 3 in a million (birthday bound
 * n² / 2^65); a shared hash would count two calls as one.
 */
export const CALL_HASH_BYTES = 8;

/**
 * The hash of one call key (`message.id:requestId`, `record:thread:response`):
 * two 32-bit MurmurHash3 lanes over the key's UTF-16 code units, two at a
 * time, crossed and finalised as MurmurHash3's 128-bit variant does, written
 * big-endian into `out` at `at` (CALL_HASH_BYTES). In plain JavaScript: a
 * cold scan of a Claude home hashes every billed call, and node:crypto's
 * SHA-1 (a native call and a Buffer a key) cost a scan worker 0.15 s of a
 * 1 GB home where this costs a few tens of ms. Not a cryptographic hash:
 * keys come from the user's own logs. Stored in the catalog's calls index
 * (changing it is a catalog schema change).
 */
export function writeCallKeyHash(key: string, out: Uint8Array, at: number): void {
  let h1 = 0x9747b28c;
  let h2 = 0x2f3a1b5d;
  const n = key.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16);
    h1 ^= mixK(k, 0xcc9e2d51, 0x1b873593);
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
    h2 ^= mixK(k, 0x85ebca6b, 0xc2b2ae35);
    h2 = (Math.imul((h2 << 17) | (h2 >>> 15), 5) + 0x561ccd1b) | 0;
  }
  if (i < n) {
    const k = key.charCodeAt(i);
    h1 ^= mixK(k, 0xcc9e2d51, 0x1b873593);
    h2 ^= mixK(k, 0x85ebca6b, 0xc2b2ae35);
  }
  h1 ^= n;
  h2 ^= n;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  out[at] = h1 >>> 24;
  out[at + 1] = h1 >>> 16;
  out[at + 2] = h1 >>> 8;
  out[at + 3] = h1;
  out[at + 4] = h2 >>> 24;
  out[at + 5] = h2 >>> 16;
  out[at + 6] = h2 >>> 8;
  out[at + 7] = h2;
}

/** MurmurHash3's mixing of one 32-bit block. */
function mixK(k: number, c1: number, c2: number): number {
  k = Math.imul(k, c1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, c2);
}

/** MurmurHash3's finaliser: every input bit reaches every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The hash of one call key ({@link writeCallKeyHash}) as CALL_HASH_BYTES bytes. */
export function callKeyHash(key: string): Buffer {
  const out = Buffer.allocUnsafe(CALL_HASH_BYTES);
  writeCallKeyHash(key, out, 0);
  return out;
}

/** The same hash as 16 lowercase hex digits (how the catalog's query hands it back). */
export function callKeyHex(key: string): string {
  return callKeyHash(key).toString('hex');
}

/**
 * Hashes of the across-files keys `d` kept (`a: 1`), leaving out those
 * `before` already held (a file read on from its state's offset: only the
 * new keys need indexing), end to end (CALL_HASH_BYTES each) in one array.
 * Retractions (no calls, no bucket) are left out.
 */
export function acrossFileHashes(d: SummarizerState, before?: SummarizerState): Uint8Array {
  if (!d.dedupe) return new Uint8Array(0);
  const old = before?.dedupe;
  const out = new Uint8Array(d.dedupe.size * CALL_HASH_BYTES);
  let at = 0;
  for (const [key, kept] of d.dedupe) {
    if (kept.a !== 1 || !kept.b || old?.get(key)?.a === 1) continue;
    writeCallKeyHash(key, out, at);
    at += CALL_HASH_BYTES;
  }
  // A view would carry the whole array through postMessage: a continued read's few new keys are copied out.
  return at === out.length ? out : out.slice(0, at);
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
