/**
 * Search inside one opened transcript (replay's `/`, then n/N): the lines
 * holding every query word, smart case. When no line holds them literally,
 * the lines holding each word with one typo (uFuzzy, fast enough for any
 * transcript); when none do either, fuse.js over the few hundred lines that
 * share the most letter pairs with the query, for heavier typos.
 */
import Fuse from 'fuse.js';
import { acceptTypo, fuzzyFilter } from './transcript-typo.js';
import { bigramOverlap, bigrams, isCaseSensitive, lowerKeepOffsets, splitWords } from './text.js';

const THRESHOLD = 0.34;
const MIN_OVERLAP = 0.5;
/** fuse.js costs ~50 µs a line: this bounds a keystroke to ~25 ms. */
const MAX_FUSE_LINES = 500;

/** Lines to search given in chunks (a transcript's entries unfolded one by one: transcript-find.ts), each with the index of its first line. */
export interface LineChunks {
  chunks(): Iterable<{ offset: number; texts: readonly string[] }>;
}

/**
 * Indexes (ascending) of the lines of `lines` that match `query`: every word
 * as a substring, else every word within one typo, else within fuse.js's
 * tolerance (one typo per 3 letters). Blank query → []. `lines` may come in
 * chunks, read once per stage, so no stage holds every line at once.
 */
export function searchTranscriptLines(lines: readonly string[] | LineChunks, query: string): number[] {
  return findTranscriptLines(lines, query).lines;
}

/** What the transcript search found: the matching lines, and whether they hold the words as typed. */
export interface TranscriptLineHits {
  /** Indexes of the matching lines, ascending. */
  lines: number[];
  /** False when no line holds every word as typed and these hold near spellings (typos) instead. */
  exact: boolean;
}

/** searchTranscriptLines, saying whether the hits are exact or near spellings (the status says "similar:" then). */
export function findTranscriptLines(lines: readonly string[] | LineChunks, query: string): TranscriptLineHits {
  return runSteps(findTranscriptLinesSteps(lines, query));
}

/** Drives a search's steps to the end in one go. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link findTranscriptLines} in steps: it yields after each chunk of lines
 * it reads, so a caller can spread a search of a big transcript over turns
 * of the event loop (the screen keeps reading keys) and drop it unfinished.
 */
export function* findTranscriptLinesSteps(lines: readonly string[] | LineChunks, query: string): Generator<void, TranscriptLineHits> {
  const near = (found: number[]): TranscriptLineHits => ({ lines: found, exact: false });
  const words = splitWords(query);
  if (words.length === 0) return { lines: [], exact: true };
  const cs = isCaseSensitive(query);
  const chunks = (): Iterable<{ offset: number; texts: readonly string[] }> => ('chunks' in lines ? lines.chunks() : [{ offset: 0, texts: lines as readonly string[] }]);

  const exact: number[] = [];
  for (const { offset, texts } of chunks()) {
    texts.forEach((line, i) => {
      const h = cs ? line : lowerKeepOffsets(line);
      if (words.every((w) => h.includes(w))) exact.push(offset + i);
    });
    yield;
  }
  if (exact.length > 0) return { lines: exact, exact: true };

  // Typos are for words of 3-32 letters (fuse.js's bitap limit); longer ones are pastes.
  if (words.some((w) => w.length < 3 || w.length > 32)) return { lines: [], exact: true };
  const found: number[] = [];
  for (const { offset, texts } of chunks()) {
    let oneTypo: number[] | undefined;
    for (const w of words) {
      oneTypo = fuzzyFilter(texts, w, cs, oneTypo);
      if (oneTypo.length === 0) break;
    }
    if (oneTypo) for (const i of oneTypo) found.push(offset + i);
    yield;
  }
  if (found.length > 0) return near(found.sort((a, b) => a - b));
  return near(yield* fuseLines(chunks, words, cs));
}

/** Lines where every word matches within fuse.js's tolerance, among the likeliest candidates. */
function* fuseLines(chunks: () => Iterable<{ offset: number; texts: readonly string[] }>, words: readonly string[], cs: boolean): Generator<void, number[]> {
  const grams = words.map((w) => bigrams(w.toLowerCase()));
  // A capital in the query must be in the line (smart case): a cheap first cut.
  const capitals = [...words.join('')].filter((ch) => ch !== ch.toLowerCase());
  let scored: { i: number; score: number; text: string }[] = [];
  const best = (): void => {
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    scored = scored.slice(0, MAX_FUSE_LINES);
  };
  for (const { offset, texts } of chunks()) {
    texts.forEach((line, i) => {
      if (capitals.some((ch) => !line.includes(ch))) return;
      const low = line.toLowerCase();
      let score = 0;
      for (const g of grams) {
        const o = bigramOverlap(low, g);
        if (o < MIN_OVERLAP) return;
        score += o;
      }
      scored.push({ i: offset + i, score, text: line });
    });
    // Only the best few are kept from chunk to chunk.
    if (scored.length > 4 * MAX_FUSE_LINES) best();
    yield;
  }
  if (scored.length === 0) return [];
  best();
  const candidates = scored;

  const fuse = new Fuse(
    candidates.map((c) => c.text),
    { ignoreLocation: true, threshold: THRESHOLD, isCaseSensitive: cs, shouldSort: false, includeMatches: cs },
  );
  const perWord = words.map((w) => {
    const found = new Set<number>();
    for (const r of fuse.search(w)) {
      const m = r.matches?.[0];
      if (!cs || (m && acceptTypo(m.indices, m.value ?? '', w, cs))) found.add(r.refIndex);
    }
    return found;
  });
  const keep = [...(perWord[0] ?? [])].filter((k) => perWord.every((set) => set.has(k)));
  return keep.map((k) => candidates[k]?.i ?? 0).sort((a, b) => a - b);
}
