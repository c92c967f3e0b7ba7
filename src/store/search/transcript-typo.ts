/**
 * The typo tolerance of the transcript search (transcript.ts): uFuzzy for
 * one typo, fuse.js match ranges checked under smart case. The session list
 * searches the catalog's full-text index instead (session-search.ts).
 */
import uFuzzy from '@leeoniya/ufuzzy';
import type { SearchRange } from './types.js';
import { casedTypoDistance } from './text.js';

const fuzzy = new uFuzzy({ intraMode: 1 });

/** Only plain ASCII words of 3+ characters get typo tolerance: shorter ones are all noise. */
const FUZZY_WORD = /^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_\-./:]{2,47}$/;
/** fuse.js's score threshold the transcript search uses (one typo per three letters). */
const THRESHOLD = 0.34;

/**
 * Indexes of the texts of `hay` (among `idxs`, default all) holding `word`
 * with at most one typo, under smart case; [] for words too short or too
 * unusual for uFuzzy. Used for transcript lines.
 */
export function fuzzyFilter(hay: readonly string[], word: string, cs: boolean, idxs?: number[]): number[] {
  if (!FUZZY_WORD.test(word)) return [];
  // uFuzzy only reads the haystack; its typings just ask for a mutable array.
  const found = fuzzy.filter(hay as string[], word, idxs) ?? [];
  return cs ? found.filter((i) => casedFuzzyOk(hay[i] ?? '', word)) : found;
}

/**
 * uFuzzy ignores case; under smart case the text must also hold the word
 * within one typo that leaves its capitals alone. The capitals check first
 * rejects most candidates ('login' for 'Login') without the distance table.
 */
function casedFuzzyOk(text: string, word: string): boolean {
  for (const ch of word) {
    if (ch !== ch.toLowerCase() && !text.includes(ch)) return false;
  }
  return casedTypoDistance(word, text) <= 1;
}

/**
 * The ranges of a fuse.js match worth showing, or null when smart case
 * rejects it: fuse.js counts 'auth' as one typo away from 'Auth'.
 */
export function acceptTypo(
  indices: readonly (readonly [number, number])[],
  value: string,
  word: string,
  caseSensitive: boolean,
): SearchRange[] | null {
  const ranges = clusterAroundLongest(indices.map(([s, e]) => ({ start: s, end: e + 1 })), word.length);
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  if (!first || !last) return null;
  if (caseSensitive) {
    // The reported characters may leave out the typo itself: look a word's length around them.
    const span = value.slice(Math.max(0, first.start - word.length), last.end + word.length);
    if (casedTypoDistance(word, span) > Math.max(1, Math.floor(word.length * THRESHOLD))) return null;
  }
  return ranges;
}

/**
 * fuse.js reports every character that took part in any tried alignment,
 * which can be scattered over the text; keep the longest run and its
 * neighbours within one word length so the highlight shows one place.
 */
function clusterAroundLongest(ranges: SearchRange[], wordLength: number): SearchRange[] {
  let best = ranges[0];
  for (const r of ranges) if (best && r.end - r.start > best.end - best.start) best = r;
  if (!best) return [];
  const lo = best.start - wordLength;
  const hi = best.end + wordLength;
  return ranges.filter((r) => r.start >= lo && r.end <= hi).sort((a, b) => a.start - b.start);
}
