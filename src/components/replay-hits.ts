/**
 * Where the transcript search's hits (store/search/transcript-find.ts) are
 * on the screen now. A hit names a line of an entry as it reads unfolded;
 * the replay draws some entries folded, so a hit is either on a drawn line
 * (the same line of an open entry, or a folded line that shows its text),
 * or hidden until its entry is unfolded or shown whole. Which hit n/N goes
 * to next is decided here too, from the cursor and the match shown last.
 */
import { isFoldable } from '../format/replay-lines.js';
import type { ReplayLines } from '../format/replay-window.js';
import { findInTranscriptSteps, unfoldedLines, type FindOptions, type TranscriptHit, type TranscriptHits } from '../store/search/transcript-find.js';
import type { TranscriptView } from '../store/types.js';

/** Entries whose unfolded lines are kept while the screen asks where hits are. */
const KEPT_ENTRIES = 32;

/** How to show a hit: the line it is on once shown, and what must be unfolded or shown whole first. */
export interface HitPlace {
  line: number;
  /** Lines in all once revealed (for the cursor's bounds). */
  lineCount: number;
  reveal?: { entry: number; open: boolean; whole: boolean };
}

/** Finds the hits of one query on one set of drawn lines. */
export class HitLocator {
  private readonly texts = new Map<number, string[]>();
  private readonly first: number;

  constructor(
    private readonly view: TranscriptView,
    private readonly lines: ReplayLines,
    private readonly hits: TranscriptHits,
    private readonly opts: FindOptions,
  ) {
    this.first = opts.fromCheckpoint && view.lastCheckpointIndex >= 0 ? view.lastCheckpointIndex : 0;
  }

  /** The text of a hit's line (its entry's unfolded lines are kept for a few entries). */
  private textOf(hit: TranscriptHit): string {
    let lines = this.texts.get(hit.entry);
    if (!lines) {
      if (this.texts.size >= KEPT_ENTRIES) this.texts.delete(this.texts.keys().next().value!);
      this.texts.set(hit.entry, (lines = unfoldedLines(this.view, hit.entry, this.opts, this.first)));
    }
    return lines[hit.offset] ?? '';
  }

  /** The drawn line showing hit k, or null while its entry hides it. */
  lineOf(k: number): number | null {
    const hit = this.hits.hit(k);
    const text = this.textOf(hit);
    const first = this.lines.firstLine(hit.entry);
    const height = this.lines.height(hit.entry);
    if (hit.offset < height && this.lines.at(first + hit.offset).text === text) return first + hit.offset;
    if (this.lines.isOpen(hit.entry)) return null;
    // Folded: a folded line that shows the text (a call's first line, an output's first lines) will do.
    const needle = text.trim();
    if (needle === '') return null;
    for (let j = 0; j < height; j++) if (this.lines.at(first + j).text.includes(needle)) return first + j;
    return null;
  }

  /** Where hit k is, unfolding (or showing whole) its entry when it is hidden. */
  place(k: number): HitPlace {
    const line = this.lineOf(k);
    if (line !== null) return { line, lineCount: this.lines.count };
    const { entry, offset } = this.hits.hit(k);
    const open = isFoldable(this.view.held(entry).entry);
    const as = { open: open || this.lines.isOpen(entry), whole: false };
    // Past an entry's cut (1,000 lines or 256 KB): shown whole too.
    const whole = offset >= this.lines.height(entry, as) - 1 && this.lines.height(entry, as) !== this.lines.height(entry, { ...as, whole: true });
    const height = this.lines.height(entry, { ...as, whole });
    return {
      line: this.lines.firstLine(entry) + offset,
      lineCount: this.lines.count - this.lines.height(entry) + height,
      reveal: { entry, open, whole },
    };
  }

  /** The drawn lines among [from, to) that show a hit (for the highlight). */
  linesIn(from: number, to: number): Set<number> {
    const out = new Set<number>();
    if (this.hits.count === 0 || from >= to) return out;
    const lo = this.lines.entryOf(from);
    const hi = this.lines.entryOf(to - 1);
    for (let k = this.hits.firstFrom(Math.max(lo, this.first)); k < this.hits.count; k++) {
      if (hi >= 0 && this.hits.hit(k).entry > hi) break;
      const line = this.lineOf(k);
      if (line !== null && line >= from && line < to) out.add(line);
    }
    return out;
  }

  /**
   * The hit to show from the cursor: 'at' (Enter: the first at or after it,
   * like `/` in less), 'next' or 'prev' (n/N: the one after or before the
   * match shown last while the cursor is still in its entry, else after or
   * before the cursor), wrapping around. Null when there are none.
   */
  pick(cursor: number, how: 'at' | 'next' | 'prev', current: number): number | null {
    const n = this.hits.count;
    if (n === 0) return null;
    const entry = this.lines.entryOf(cursor);
    if (how !== 'at' && current >= 0 && current < n && this.hits.hit(current).entry === entry) return (current + (how === 'next' ? 1 : n - 1)) % n;
    // Where the cursor is among its entry's lines (-1 on its day line or header); a folded entry is "before" its hits.
    const drawnOpen = entry >= 0 && (this.lines.isOpen(entry) || !isFoldable(this.view.held(entry).entry));
    const offset = entry >= 0 && drawnOpen ? cursor - this.lines.firstLine(entry) : -1;
    const start = entry >= 0 ? this.hits.firstFrom(entry) : this.hits.firstFrom(this.first);
    if (how === 'prev') {
      let k = start;
      while (k < n && this.hits.hit(k).entry === entry && this.hits.hit(k).offset < offset) k++;
      return (k - 1 + n) % n;
    }
    let k = start;
    while (k < n && this.hits.hit(k).entry === entry && (how === 'at' ? this.hits.hit(k).offset < offset : this.hits.hit(k).offset <= offset)) k++;
    return k % n;
  }
}

/** Time a search may take in the turn that asks for it, in ms: a transcript of a few MB is searched at once, a bigger one goes on in the background. */
export const SEARCH_NOW_MS = 40;
/** Time a background search takes per turn of the event loop, in ms (keys are read between turns). */
export const SEARCH_SLICE_MS = 12;

/**
 * The last query's hits, kept until the transcript, the searched lines'
 * options or the query change: folding and scrolling never search again.
 * A search that does not end within SEARCH_NOW_MS goes on in slices
 * ({@link advance}) while the screen says "searching…"; a new query drops it.
 */
export class HitSearch {
  private last: { view: TranscriptView; key: string; hits: TranscriptHits | null; steps: Generator<void, TranscriptHits> | null } | null = null;

  constructor(private readonly nowMs = SEARCH_NOW_MS) {}

  /** The hits of `query` in `view` as drawn with `opts`; null while they are still being searched. */
  get(view: TranscriptView, opts: FindOptions, query: string): TranscriptHits | null {
    const key = JSON.stringify([opts.width, opts.tz ?? 'UTC', opts.fromCheckpoint, opts.revealSecrets === true, query.trim()]);
    if (this.last && this.last.view === view && this.last.key === key) return this.last.hits;
    this.last = { view, key, hits: null, steps: findInTranscriptSteps(view, opts, query) };
    this.advance(this.nowMs);
    return this.last.hits;
  }

  /** True while the last query's search is unfinished. */
  get pending(): boolean {
    return this.last !== null && this.last.hits === null;
  }

  /** Searches on for up to `ms`; true once the hits are known. */
  advance(ms: number): boolean {
    const last = this.last;
    if (!last || last.hits !== null || !last.steps) return true;
    const until = performance.now() + ms;
    for (;;) {
      const step = last.steps.next();
      if (step.done) {
        last.hits = step.value;
        last.steps = null;
        return true;
      }
      if (performance.now() >= until) return false;
    }
  }
}
