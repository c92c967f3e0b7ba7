/**
 * The session screen's search (`/`, then n/N) over every entry's whole
 * text, as the entry reads unfolded and shown whole, whatever is folded on
 * the screen: a word inside a folded tool output is found, and the hits do
 * not change when the user folds or unfolds (so "match 3/17" stays true).
 *
 * A hit is one line of an entry's unfolded lines, named by the entry and
 * the line's offset among them; the screen finds where that line is drawn
 * now, or unfolds the entry to show it. The entries are streamed one at a
 * time (a windowed transcript reads a big text back from the log, then
 * lets it go), so memory stays bounded by one chunk of lines and the hits.
 */
import { entryDisplayLines, textLines } from '../../format/replay-lines.js';
import { maskSecretsDeep } from '../../format/secrets.js';
import type { TranscriptEntry, TranscriptView } from '../types.js';
import { casedTypoDistance, isCaseSensitive, splitWords } from './text.js';
import { findTranscriptLinesSteps, runSteps } from './transcript.js';

/** What the searched lines depend on: the replay's width, zone, mode and secrets. */
export interface FindOptions {
  /** Columns of one line (the replay's). */
  width: number;
  /** IANA zone of the clock times in message headers; 'UTC' when omitted. */
  tz?: string;
  /** Only the last checkpoint and what follows (what the replay shows in that mode). */
  fromCheckpoint: boolean;
  /** Search secrets in clear; by default the masked text is searched, as it is drawn. */
  revealSecrets?: boolean;
}

/** One hit: entry `entry`'s line `offset` of its unfolded lines, whose text is `text` when asked for. */
export interface TranscriptHit {
  entry: number;
  offset: number;
}

/** Lines read per chunk of the search: bounds what is held at once (a chunk ends with an entry). */
const CHUNK_LINES = 4096;
/** Hits read again to name the near spellings that matched. */
const SIMILAR_SAMPLE = 20;
/** Near spellings named in the status at most. */
const SIMILAR_MAX = 3;

/** The hits of one query, in transcript order. */
export class TranscriptHits {
  constructor(
    /** The query searched ('' = none). */
    readonly query: string,
    private readonly entries: Int32Array,
    private readonly offsets: Int32Array,
    /** Null when the hits hold the words as typed; else the near spellings found (may be empty). */
    readonly similar: string[] | null,
  ) {}

  /** How many hits. */
  get count(): number {
    return this.entries.length;
  }

  /** Hit k (0 ≤ k < count). */
  hit(k: number): TranscriptHit {
    return { entry: this.entries[k]!, offset: this.offsets[k]! };
  }

  /** The first hit in entry `entry` or after it (count when none). */
  firstFrom(entry: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]! < entry) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** No hits. */
export const NO_HITS = new TranscriptHits('', new Int32Array(0), new Int32Array(0), null);

/** Entry i as searched: read whole, its secrets masked unless revealed (as it is drawn). */
function searched(view: TranscriptView, i: number, opts: FindOptions): TranscriptEntry {
  const raw = view.whole(i);
  return opts.revealSecrets ? raw : maskSecretsDeep(raw);
}

/** The unfolded, whole lines of entry i, masked unless revealed (what the screen draws when it is open). */
export function unfoldedLines(view: TranscriptView, i: number, opts: FindOptions, first: number): string[] {
  const e = searched(view, i, opts);
  const prev = i > first ? view.held(i - 1).entry : undefined;
  return entryDisplayLines(e, i, { width: Math.max(1, opts.width), open: true, whole: true, prev, tz: opts.tz }).map((l) => l.text);
}

/**
 * The lines of entry i before they are wrapped: the lines it draws apart
 * from its big text (headers, a call's summary, an output's first lines),
 * then that text's own lines. Every drawn line that holds the query's words
 * comes from one of these, which cost a fraction of wrapping the text: they
 * tell which entries are worth drawing whole to find where the hits are.
 */
function unwrappedLines(view: TranscriptView, i: number, opts: FindOptions, first: number): string[] {
  const e = searched(view, i, opts);
  const draw = (x: TranscriptEntry, open: boolean): string[] =>
    entryDisplayLines(x, i, { width: Math.max(1, opts.width), open, prev: i > first ? view.held(i - 1).entry : undefined, tz: opts.tz }).map((l) => l.text);
  switch (e.kind) {
    case 'message':
      // A message's folded lines are its whole text: its header alone, with the text apart.
      return [...draw(e.role === 'tool' ? e : { ...e, text: '' }, false), ...textLines(e.text)];
    case 'tool_result':
      return [...draw(e, false), ...textLines(e.text)];
    case 'tool_call':
      return [...draw(e, false), ...textLines(e.arguments)];
    default:
      return draw(e, true);
  }
}

/** Hits among the lines of the entries `list` (ascending), through the line search's tiers: each hit its entry and line offset. */
function* searchEntries(list: readonly number[], linesOf: (i: number) => string[], query: string): Generator<void, { entries: number[]; offsets: number[]; exact: boolean }> {
  const n = list.length;
  // starts[k]: index of entry list[k]'s first line among all the searched lines (filled by the first read).
  const starts = new Float64Array(n + 1);
  let counted = false;
  const chunks = function* (): Generator<{ offset: number; texts: string[] }> {
    let offset = 0;
    let texts: string[] = [];
    for (let k = 0; k < n; k++) {
      if (!counted) starts[k] = offset + texts.length;
      for (const t of linesOf(list[k]!)) texts.push(t);
      if (texts.length >= CHUNK_LINES) {
        yield { offset, texts };
        offset += texts.length;
        texts = [];
      }
    }
    if (!counted) starts[n] = offset + texts.length;
    counted = true;
    if (texts.length > 0) yield { offset, texts };
  };
  const found = yield* findTranscriptLinesSteps({ chunks }, query);
  const entries: number[] = [];
  const offsets: number[] = [];
  let k = 0;
  for (const line of found.lines) {
    while (k < n - 1 && starts[k + 1]! <= line) k++;
    entries.push(list[k]!);
    offsets.push(line - starts[k]!);
  }
  return { entries, offsets, exact: found.exact };
}

/**
 * Every hit of `query` in the entries of `view` (from the last checkpoint in
 * that mode): the lines holding every word, else near spellings (the
 * transcript search's typo tiers). Blank query → NO_HITS. Two passes: the
 * entries' unwrapped lines say which entries may hold a hit, then only
 * those are drawn whole to place the hits on their lines.
 */
export function findInTranscript(view: TranscriptView, opts: FindOptions, query: string): TranscriptHits {
  return runSteps(findInTranscriptSteps(view, opts, query));
}

/**
 * {@link findInTranscript} in steps: it yields after each chunk of lines
 * read (CHUNK_LINES), so the session screen can search a big transcript a
 * few ms at a time and keep reading keys (replay-hits.ts HitSearch).
 */
export function* findInTranscriptSteps(view: TranscriptView, opts: FindOptions, query: string): Generator<void, TranscriptHits> {
  const q = query.trim();
  if (splitWords(q).length === 0) return NO_HITS;
  const first = opts.fromCheckpoint && view.lastCheckpointIndex >= 0 ? view.lastCheckpointIndex : 0;
  const all = Array.from({ length: Math.max(0, view.count - first) }, (_, k) => first + k);
  const rough = yield* searchEntries(all, (i) => unwrappedLines(view, i, opts, first), q);
  const candidates = [...new Set(rough.entries)];
  if (candidates.length === 0) return NO_HITS;
  const found = yield* searchEntries(candidates, (i) => unfoldedLines(view, i, opts, first), q);
  const entries = Int32Array.from(found.entries);
  const offsets = Int32Array.from(found.offsets);
  const hits = new TranscriptHits(q, entries, offsets, null);
  if (found.exact || hits.count === 0) return hits;
  return new TranscriptHits(q, entries, offsets, similarWords(q, sampleTexts(view, opts, first, hits)));
}

/** The texts of the first few hits, read again entry by entry. */
function sampleTexts(view: TranscriptView, opts: FindOptions, first: number, hits: TranscriptHits): string[] {
  const out: string[] = [];
  let entry = -1;
  let lines: string[] = [];
  for (let h = 0; h < Math.min(hits.count, SIMILAR_SAMPLE); h++) {
    const hit = hits.hit(h);
    if (hit.entry !== entry) lines = unfoldedLines(view, (entry = hit.entry), opts, first);
    out.push(lines[hit.offset] ?? '');
  }
  return out;
}

/**
 * The words of `texts` that stand in for the query's words (the closest
 * spelling of each within a typo per three letters), as the list's
 * "similar:" names them; the query's own words are left out.
 */
export function similarWords(query: string, texts: readonly string[]): string[] {
  const cs = isCaseSensitive(query);
  const words = splitWords(query);
  // The closest spelling of each kind first; without smart case, 'OpenTelemetry' and 'opentelemetry' are one.
  const found = new Map<string, { token: string; distance: number }>();
  for (const text of texts) {
    const tokens = text.split(/[^\p{L}\p{N}_\-.]+/u).map((t) => t.replace(/^[.-]+|[.-]+$/gu, '')).filter(Boolean);
    for (const w of words) {
      const word = cs ? w : w.toLowerCase();
      const limit = Math.max(1, Math.floor(word.length * 0.34));
      let best: string | null = null;
      let bestDistance = limit + 1;
      for (const token of tokens) {
        if (Math.abs(token.length - word.length) > limit) continue;
        const t = cs ? token : token.toLowerCase();
        if (t === word) continue;
        const d = whole(word, t);
        if (d < bestDistance) [best, bestDistance] = [token, d];
      }
      const key = best && (cs ? best : best.toLowerCase());
      if (best && key && !found.has(key)) found.set(key, { token: best, distance: bestDistance });
    }
  }
  return [...found.values()].sort((a, b) => a.distance - b.distance).slice(0, SIMILAR_MAX).map((f) => f.token);
}

/** Typo distance between two whole words (casedTypoDistance finds the word inside a text: both ways bound it). */
function whole(word: string, token: string): number {
  return Math.max(casedTypoDistance(word, token), casedTypoDistance(token, word));
}
