/**
 * The Replay tab's lines over a windowed transcript (TranscriptView): the
 * same lines buildReplayLines gives, but only counted up front. Every
 * entry's height is worked out once per (view, width, unfolded entries,
 * mode) from what the view holds; the lines themselves are built when they
 * are asked for (the visible window and its margin), and only the lines of
 * entries drawn from what the view holds are kept. An entry that must be
 * drawn from its whole text (a big message, an unfolded call) is read back
 * to count it and again when it is shown; its lines are kept in a small
 * cache. So memory is bounded by the entries' small fields, whatever the
 * size of their texts.
 */
import type { TranscriptEntry, TranscriptView } from '../store/types.js';
import { maskSecretsDeep } from './secrets.js';
import { DayLines, entryDisplayLines, fromCheckpointBanner, isFoldable, maskedEntry, NO_ENTRIES_LINE, type DisplayLine, type ReplayLineOptions } from './replay-lines.js';
import { SpeakerLines } from './replay-speaker.js';
import { truncate } from './width.js';

/** Entries whose lines were built from their whole text that are kept (the window and a margin). */
export const WHOLE_LINES_CACHE = 256;

/** Lines of each held entry per build key, kept while the entry lives (as buildReplayLines keeps them). */
const heldLines = new WeakMap<TranscriptEntry, Map<string, DisplayLine[]>>();

/** The replay's display lines of one view, counted; built on demand. */
export class ReplayLines {
  /** Display lines in all. */
  readonly count: number;
  private readonly first: number;
  private readonly banner: DisplayLine | null;
  /** starts[k]: the first line of entry first + k (its day line, when it has one); starts[n] = count. */
  private readonly starts: Float64Array;
  /** The day line before an entry, by entry index. */
  private readonly days = new Map<number, DisplayLine>();
  /** The speaker's header of a tool entry, by entry index (replay-speaker.ts): after its day line, before its own lines. */
  private readonly heads = new Map<number, DisplayLine>();
  private readonly wholeLines = new Map<number, DisplayLine[]>();
  private readonly width: number;
  private readonly tz: string;

  constructor(
    private readonly view: TranscriptView,
    private readonly opts: ReplayLineOptions,
  ) {
    this.width = Math.max(1, opts.width);
    this.tz = opts.tz ?? 'UTC';
    this.first = opts.fromCheckpoint && view.lastCheckpointIndex >= 0 ? view.lastCheckpointIndex : 0;
    this.banner = opts.fromCheckpoint ? { text: truncate(`${fromCheckpointBanner(view.lastCheckpointIndex >= 0)} (f shows all)`, this.width), role: 'banner', entry: -1 } : null;
    const n = Math.max(0, view.count - this.first);
    this.starts = new Float64Array(n + 1);
    const dayLines = new DayLines(this.width, this.tz);
    const speakers = new SpeakerLines(this.width, this.tz);
    let at = this.banner ? 1 : 0;
    for (let k = 0; k < n; k++) {
      const i = this.first + k;
      this.starts[k] = at;
      const day = dayLines.before(this.held(i));
      if (day) {
        this.days.set(i, day);
        at++;
      }
      const head = speakers.before(this.held(i), i);
      if (head) {
        this.heads.set(i, head);
        at++;
      }
      at += this.entryLines(i, false).length;
    }
    this.starts[n] = at;
    this.count = at === 0 ? 1 : at;
  }

  /** Entry i as held, secrets masked unless revealed. */
  private held(i: number): TranscriptEntry {
    const e = this.view.held(i).entry;
    return this.opts.revealSecrets ? e : maskedEntry(e);
  }

  /** Whether entry i is drawn from its whole text (else from what the view holds). */
  private needsWhole(i: number, open: boolean, whole: boolean): boolean {
    const h = this.view.held(i);
    if (!h.folds) return false;
    return open || whole || !isFoldable(h.entry);
  }

  /** Whether entry i is drawn unfolded. */
  isOpen(i: number): boolean {
    return this.opts.expanded.has(i) || (this.opts.fromCheckpoint && i === this.first && this.held(i).kind === 'checkpoint');
  }

  /**
   * The lines of entry i (without its day line and speaker's header); `keep`:
   * cache lines built from the whole text. `as`: drawn open or whole as
   * said rather than as the options say (not cached: what unfolding would show).
   */
  private entryLines(i: number, keep: boolean, as?: { open: boolean; whole: boolean }): DisplayLine[] {
    const o = this.opts;
    const start = this.first;
    const held = this.held(i);
    const open = as ? as.open : this.isOpen(i);
    const whole = as ? as.whole : o.full?.has(i) === true;
    if (as && (open !== this.isOpen(i) || whole !== (o.full?.has(i) === true))) {
      const e = this.needsWhole(i, open, whole) ? this.view.whole(i) : held;
      const folds = this.view.held(i).folds;
      const fold = this.needsWhole(i, open, whole) || !folds ? undefined : o.revealSecrets ? folds.plain : folds.masked;
      return entryDisplayLines(o.revealSecrets || e === held ? e : maskSecretsDeep(e), i, { width: this.width, open, prev: i > start ? this.held(i - 1) : undefined, tz: this.tz, whole, moreHint: o.moreHint, fold });
    }
    const prev = i > start ? this.held(i - 1) : undefined;
    const build = (e: TranscriptEntry, fold?: Parameters<typeof entryDisplayLines>[2]['fold']): DisplayLine[] =>
      entryDisplayLines(e, i, { width: this.width, open, prev, tz: this.tz, whole, moreHint: o.moreHint, fold });
    if (this.needsWhole(i, open, whole)) {
      const cached = this.wholeLines.get(i);
      if (cached) return cached;
      const raw = this.view.whole(i);
      const lines = build(o.revealSecrets ? raw : maskSecretsDeep(raw));
      if (keep) {
        if (this.wholeLines.size >= WHOLE_LINES_CACHE) this.wholeLines.delete(this.wholeLines.keys().next().value!);
        this.wholeLines.set(i, lines);
      }
      return lines;
    }
    const folds = this.view.held(i).folds;
    const key = `${i}|${this.width}|${open}|${i === start}|${this.tz}|${whole}|${o.moreHint ?? ''}`;
    let cache = heldLines.get(held);
    if (!cache) heldLines.set(held, (cache = new Map()));
    let lines = cache.get(key);
    if (!lines) cache.set(key, (lines = build(held, folds ? (o.revealSecrets ? folds.plain : folds.masked) : undefined)));
    return lines;
  }

  /** Entries whose lines built from their whole text are kept now (≤ WHOLE_LINES_CACHE). */
  get wholeLinesHeld(): number {
    return this.wholeLines.size;
  }

  /** Entry i's first line of its own (after its day line and speaker's header): where the cursor stops on it. */
  firstLine(i: number): number {
    const k = i - this.first;
    return this.starts[k]! + (this.days.has(i) ? 1 : 0) + (this.heads.has(i) ? 1 : 0);
  }

  /** How many lines of its own entry i has as drawn now, or drawn open / whole as `as` says. */
  height(i: number, as?: { open: boolean; whole: boolean }): number {
    if (!as) return this.starts[i - this.first + 1]! - this.firstLine(i);
    return this.entryLines(i, false, as).length;
  }

  /**
   * Whether `v` means something on entry i: it is drawn whole now, or
   * drawn open it would cut a huge text short (a "… more" line).
   */
  cutsShort(i: number): boolean {
    if (this.opts.full?.has(i) === true) return true;
    return this.entryLines(i, false, { open: true, whole: false }).some((l) => l.cut === true);
  }

  /** The entry index that line `line` belongs to (-1: the banner, or no entries). */
  entryOf(line: number): number {
    if (this.banner && line === 0) return -1;
    if (this.starts.length <= 1 || line < 0 || line >= this.starts[this.starts.length - 1]!) return -1;
    return this.first + this.entryAt(line);
  }

  /** Whether the cursor may rest on line `line` (a speaker's header is passed over). */
  isStop(line: number): boolean {
    return line < 0 || line >= this.count || this.at(line).stop !== false;
  }

  /** The index (from `first`) of the entry that line `line` belongs to. */
  private entryAt(line: number): number {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Line `line` (0 ≤ line < count). */
  at(line: number): DisplayLine {
    if (this.banner && line === 0) return this.banner;
    if (this.starts.length <= 1 || line >= this.starts[this.starts.length - 1]!) return { text: truncate(NO_ENTRIES_LINE, this.width), role: 'usage', entry: -1 };
    const k = this.entryAt(line);
    const i = this.first + k;
    let offset = line - this.starts[k]!;
    for (const extra of [this.days.get(i), this.heads.get(i)]) {
      if (!extra) continue;
      if (offset === 0) return extra;
      offset--;
    }
    return this.entryLines(i, true)[offset]!;
  }

  /** Lines [from, to) (clamped to the count). */
  slice(from: number, to: number): DisplayLine[] {
    const out: DisplayLine[] = [];
    for (let l = Math.max(0, from); l < Math.min(to, this.count); l++) out.push(this.at(l));
    return out;
  }
}
