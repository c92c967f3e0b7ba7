/**
 * Small text helpers of the transcript search and the snippets: smart
 * case, offset-safe lower-casing, query splitting, range bookkeeping and a
 * case-aware typo distance. No React, no I/O.
 */
import type { SearchRange } from './types.js';

/**
 * Smart case: a query with any upper-case letter is matched case-sensitively,
 * an all-lower-case query case-insensitively (like ripgrep's `--smart-case`).
 */
export function isCaseSensitive(query: string): boolean {
  return query !== query.toLowerCase();
}

/**
 * Lower-cases `s` without changing its length, so an offset found in the
 * result is the same offset in `s` (snippets and highlights rely on that).
 * `toLowerCase` is length-preserving for nearly all text; the rare
 * characters that grow (e.g. 'İ' → 'i̇') are kept as they are.
 */
export function lowerKeepOffsets(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length) return lower;
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Splits a query into its distinct words (whitespace separated, order kept). */
export function splitWords(query: string): string[] {
  const words: string[] = [];
  for (const w of query.split(/\s+/u)) {
    if (w !== '' && !words.includes(w)) words.push(w);
  }
  return words;
}

/** Sorts ranges and merges the overlapping or touching ones. */
export function mergeRanges(ranges: readonly SearchRange[]): SearchRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: SearchRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/**
 * Smallest restricted Damerau–Levenshtein distance between `word` and any
 * substring of `text` (Sellers' algorithm), for smart case: a typo may not
 * touch a capital letter of the query, so 'Auth' never reaches 'auth'.
 */
export function casedTypoDistance(word: string, text: string): number {
  const REFUSED = 99;
  // A capital in the query is what the user insisted on: it may not be
  // dropped, replaced, or matched by its lower-case twin.
  const isUpper = (x: string): boolean => x !== x.toLowerCase();
  const cost = (x: string, y: string): number =>
    x === y ? 0 : isUpper(x) || x.toLowerCase() === y.toLowerCase() ? REFUSED : 1;
  // Rows over the word, columns over the text; row 0 is all zeros because a
  // match may start anywhere. Three rolling rows cover the transposition.
  let prev2: number[] = [];
  let prev: number[] = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= word.length; i++) {
    const ca = word.charAt(i - 1);
    const drop = isUpper(ca) ? REFUSED : 1;
    const row: number[] = [(prev[0] ?? 0) + drop];
    for (let j = 1; j <= text.length; j++) {
      const cb = text.charAt(j - 1);
      let d = Math.min((prev[j] ?? 0) + drop, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost(ca, cb));
      if (i > 1 && j > 1 && ca === text.charAt(j - 2) && word.charAt(i - 2) === cb) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return Math.min(...prev);
}

/** Character bigrams of a word (its letters and digits), for cheap similarity prefilters. */
export function bigrams(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= word.length; i++) {
    const g = word.slice(i, i + 2);
    if (!out.includes(g)) out.push(g);
  }
  return out;
}

/** Fraction (0..1) of `grams` that occur in `hay`. */
export function bigramOverlap(hay: string, grams: readonly string[]): number {
  if (grams.length === 0) return 0;
  let hit = 0;
  for (const g of grams) if (hay.includes(g)) hit++;
  return hit / grams.length;
}
