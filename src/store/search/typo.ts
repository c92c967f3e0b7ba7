/**
 * The typo-tolerant fallback: when the fast tiers found few sessions, fuse.js
 * matches the words that did not match against a SMALL candidate set, the
 * sessions whose title and prompts share the most letter pairs with them.
 * fuse.js costs ~15-100 µs per record, so it never sees all sessions on a
 * keystroke; a hundred candidates cost a few ms.
 */
import Fuse from 'fuse.js';
import type { SearchRange } from './types.js';
import { FIELD, type FieldCode, type Prepared } from './prepare.js';
import { bigramOverlap, bigrams, casedTypoDistance } from './text.js';
import { TIER, type WordMatch } from './word.js';

/** A fuse.js match of one word in one session's title or prompts. */
export interface TypoMatch {
  field: FieldCode;
  /** Matched characters inside the title, or inside the prompts string. */
  ranges: SearchRange[];
}

/** session index → word index → its typo match. */
export type TypoMatches = Map<number, Map<number, TypoMatch>>;

/** fuse.js score is roughly errors / word length: 0.34 allows one typo in 3-5 letters, two from 6. */
const THRESHOLD = 0.34;
/** Half the letter pairs of a misspelt word usually survive the typo. */
const MIN_OVERLAP = 0.5;
const MIN_WORD = 3;
/** fuse.js's bitap works on 32 characters; longer words are pastes, not typos. */
const MAX_WORD = 32;

interface Row {
  title: string;
  prompt: string;
}

/**
 * Finds sessions that match every word — the words they missed through a
 * typo in the title or prompts. `isHit(i)` marks sessions already found.
 */
export function typoFallback(
  p: Prepared,
  matches: readonly WordMatch[],
  caseSensitive: boolean,
  isHit: (i: number) => boolean,
  maxCandidates = 100,
): TypoMatches {
  const grams = matches.map((m) => bigrams(m.word.toLowerCase()));
  const scored: { i: number; score: number }[] = [];
  for (let i = 0; i < p.size; i++) {
    if (isHit(i)) continue;
    const score = candidateScore(p.headLower[i] ?? '', matches, grams, i);
    if (score > 0) scored.push({ i, score });
  }
  if (scored.length === 0) return new Map();
  scored.sort((a, b) => b.score - a.score || (p.recencyRank[a.i] ?? 0) - (p.recencyRank[b.i] ?? 0));
  const candidates = scored.slice(0, maxCandidates).map((c) => c.i);

  const rows: Row[] = candidates.map((i) => ({ title: p.titles[i] ?? '', prompt: p.prompts[i] ?? '' }));
  const fuse = new Fuse(rows, {
    keys: [
      { name: 'title', weight: 2 },
      { name: 'prompt', weight: 1 },
    ],
    includeMatches: true,
    ignoreLocation: true,
    threshold: THRESHOLD,
    isCaseSensitive: caseSensitive,
    minMatchCharLength: 2,
  });

  const found: TypoMatches = new Map();
  matches.forEach((m, w) => {
    if (m.word.length < MIN_WORD || m.word.length > MAX_WORD) return;
    for (const r of fuse.search(m.word)) {
      const i = candidates[r.refIndex];
      if (i === undefined || (m.tier[i] ?? 0) !== TIER.none) continue;
      const match = pickMatch(r.matches ?? [], m.word, caseSensitive);
      if (!match) continue;
      let perWord = found.get(i);
      if (!perWord) found.set(i, (perWord = new Map()));
      perWord.set(w, match);
    }
  });
  return found;
}

/** Sum of letter-pair overlap over the words session `i` missed; 0 = not a candidate. */
function candidateScore(head: string, matches: readonly WordMatch[], grams: readonly string[][], i: number): number {
  let score = 0;
  for (let w = 0; w < matches.length; w++) {
    const m = matches[w];
    if (!m || (m.tier[i] ?? 0) !== TIER.none) continue;
    if (m.word.length < MIN_WORD || m.word.length > MAX_WORD) return 0;
    const overlap = bigramOverlap(head, grams[w] ?? []);
    if (overlap < MIN_OVERLAP) return 0;
    score += overlap;
  }
  return score;
}

/** The title match if there is one, else the prompt match, as ranges; null when rejected. */
function pickMatch(
  matches: readonly { key?: string; indices: readonly (readonly [number, number])[]; value?: string }[],
  word: string,
  caseSensitive: boolean,
): TypoMatch | null {
  const m = matches.find((x) => x.key === 'title') ?? matches.find((x) => x.key === 'prompt');
  const ranges = m ? acceptTypo(m.indices, m.value ?? '', word, caseSensitive) : null;
  return m && ranges ? { field: m.key === 'title' ? FIELD.title : FIELD.prompt, ranges } : null;
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
