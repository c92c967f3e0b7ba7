/**
 * Typo tolerance for the session search: indexed words close to a query
 * word, found in the index's own vocabulary (fts5vocab), never by scanning
 * text. Rule (issue 7 item 3): only words of 5+ characters; a candidate
 * starts with the same letter, and is within Damerau-Levenshtein distance
 * 1 (words of 5-7 characters) or 2 (8+), which also bounds its length.
 */
import type { FullTextIndex } from '../catalog/text-columns.js';

/** Shortest query word that gets typo tolerance. */
export const TYPO_MIN_LENGTH = 5;
/** Candidates kept per word, closest (then commonest) first. */
const MAX_CANDIDATES = 3;

/** Allowed distance for a word of `length` characters (0: none). */
export function typoBudget(length: number): number {
  return length < TYPO_MIN_LENGTH ? 0 : length < 8 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent
 * transpositions) between `a` and `b`, or `max + 1` as soon as it must
 * exceed `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Indexed terms that may be what `word` (folded, one token) was meant to
 * be, best first; [] for words under 5 characters, without a letter, or
 * with no close term. The word itself is never a candidate.
 */
export function typoCandidates(index: FullTextIndex, word: string): string[] {
  const max = typoBudget(word.length);
  if (max === 0 || !/\p{L}/u.test(word)) return [];
  const first = String.fromCodePoint(word.codePointAt(0)!);
  const next = String.fromCodePoint(first.codePointAt(0)! + 1);
  const found: { term: string; distance: number; doc: number }[] = [];
  for (const { term, doc } of index.vocabulary(first, next)) {
    if (term === word || Math.abs(term.length - word.length) > max) continue;
    const distance = typoDistance(word, term, max);
    if (distance <= max) found.push({ term, distance, doc });
  }
  found.sort((a, b) => a.distance - b.distance || b.doc - a.doc || (a.term < b.term ? -1 : 1));
  return found.slice(0, MAX_CANDIDATES).map((f) => f.term);
}
