/**
 * Trigram signatures of the message text: per session a small bit set with
 * one bit per (hashed) trigram of its lower-cased `searchText`. A word can
 * only occur in a session whose signature holds all of the word's trigrams,
 * so a keystroke checks a few bits per session instead of scanning ~50 MB
 * of text; `indexOf` then confirms the few candidates (and finds the offset).
 *
 * The bit sets are sized ~2 bits per character of text, so a few percent
 * of bits are set and a 5-letter word has well under 1% false candidates.
 * Each session salts its hash, so a collision in one session is not
 * repeated in every other session of the same size.
 */

/** Signatures of all sessions, packed in one array. */
export interface Trigrams {
  /** Bit words of all sessions, back to back. */
  readonly bits: Int32Array;
  /** Where session i's bit words start in `bits`. */
  readonly offset: Int32Array;
  /** 32 − log2(bits of session i): the hash's top bits pick the bit. */
  readonly shift: Int32Array;
}

const MIN_LOG2 = 8; // 256 bits
const MAX_LOG2 = 17; // 128 Kbit = 16 KB for the longest texts
const GOLDEN = 0x9e3779b1;

/** Builds the signatures of lower-cased texts. Linear in the total length. */
export function buildTrigrams(lowered: readonly string[]): Trigrams {
  const n = lowered.length;
  const offset = new Int32Array(n + 1);
  const shift = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const len = (lowered[i] ?? '').length;
    let log2 = MIN_LOG2;
    while (log2 < MAX_LOG2 && 1 << log2 < len * 2) log2++;
    offset[i] = total;
    shift[i] = 32 - log2;
    total += (1 << log2) >>> 5;
  }
  offset[n] = total;

  const bits = new Int32Array(total);
  for (let i = 0; i < n; i++) {
    const text = lowered[i] ?? '';
    const sh = shift[i] ?? 32;
    const base = offset[i] ?? 0;
    const salt = saltOf(i);
    let h = 0;
    for (let k = 0; k < text.length; k++) {
      // The last three UTF-16 units, 10 bits each is plenty once hashed.
      h = ((h << 10) ^ text.charCodeAt(k)) & 0x3fffffff;
      if (k < 2) continue;
      const b = Math.imul(h ^ salt, GOLDEN) >>> sh;
      const w = base + (b >>> 5);
      bits[w] = (bits[w] ?? 0) | (1 << (b & 31));
    }
  }
  return { bits, offset, shift };
}

/** Trigram keys of a lower-cased word (empty when shorter than three). */
export function trigramKeys(loweredWord: string): Int32Array {
  const keys: number[] = [];
  let h = 0;
  for (let k = 0; k < loweredWord.length; k++) {
    h = ((h << 10) ^ loweredWord.charCodeAt(k)) & 0x3fffffff;
    if (k >= 2) keys.push(h);
  }
  return Int32Array.from(keys);
}

/** False when session `i`'s text certainly lacks the word whose `trigramKeys` these are. */
export function mayContain(t: Trigrams, i: number, keys: Int32Array): boolean {
  const sh = t.shift[i] ?? 32;
  const base = t.offset[i] ?? 0;
  const salt = saltOf(i);
  for (let k = 0; k < keys.length; k++) {
    const b = Math.imul((keys[k] ?? 0) ^ salt, GOLDEN) >>> sh;
    if (((t.bits[base + (b >>> 5)] ?? 0) & (1 << (b & 31))) === 0) return false;
  }
  return true;
}

function saltOf(i: number): number {
  return Math.imul(i + 1, 0x85ebca6b) & 0x3fffffff;
}
