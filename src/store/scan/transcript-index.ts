/**
 * A session opened in the browser, in bounded memory whatever the file's
 * size: one streaming pass (transcript-pass.ts) folds the summary and keeps,
 * per transcript entry, the entry itself when it is small, and for a big
 * one (a text over STUB_MIN_CHARS) only its small fields, the figures of
 * its folded lines (format/replay-lines.ts `entryFold`) and where its line
 * is in the log. Drawing the entry open reads that line again
 * (`TranscriptView.whole`); the last few entries read are cached.
 *
 * A line is read again with a fresh parser of its format: before an entry
 * is held cut, the pass checks that the line alone gives back the same big
 * text (a format whose text depends on earlier lines keeps the entry whole).
 */
import { entryFold } from '../../format/replay-lines.js';
import { maskSecretsDeep } from '../../format/secrets.js';
import { formatById } from '../sources/registry.js';
import type { PriceTable } from '../pricing.js';
import type { Dialect, EntryFold, HeldEntry, TranscriptEntry, TranscriptView } from '../types.js';
import { parseRecord } from './parse-record.js';
import { statSync } from 'node:fs';
import { readRecordAt } from './records.js';
import { initialSummaryState, summarise, type ReadSummaryOptions } from './summary-reader.js';
import { TranscriptBuilder } from './transcript-builder.js';
import { transcriptPass, type PassRecord } from './transcript-pass.js';

/** An entry whose big text (UTF-16 code units) is longer than this is held cut. */
export const STUB_MIN_CHARS = 2048;
/** Entries read back whole that are kept (the screen's window and its margin). */
export const WHOLE_CACHE_ENTRIES = 64;

/** Where a cut entry's line is: the file (`part` -1 = the main file), its byte range, and which of the line's entries it is. */
interface EntryRef {
  part: number;
  start: number;
  end: number;
  /** Index among the line's entries other than usage (usage entries may be held back to a later line). */
  ordinal: number;
}

/** One slot of the index: the entry as held, and where to read it when cut. */
interface Slot extends HeldEntry {
  ref: EntryRef | null;
}

/** The big text of an entry and its length in UTF-16 code units (checkpoints: their messages as JSON). */
function bigText(e: TranscriptEntry): string | null {
  switch (e.kind) {
    case 'message':
    case 'tool_result':
    case 'note':
      return e.text;
    case 'tool_call':
      return e.arguments;
    case 'checkpoint':
      return JSON.stringify(e.messages);
    default:
      return null;
  }
}

/** The entry with its big text left out. */
function cutEntry(e: TranscriptEntry): TranscriptEntry {
  switch (e.kind) {
    case 'message':
    case 'tool_result':
    case 'note':
      return { ...e, text: '' };
    case 'tool_call':
      return { ...e, arguments: '' };
    case 'checkpoint':
      return { ...e, messages: [] };
    default:
      return e;
  }
}

/** `held` with the big text of `whole` put back (the held entry's other fields are the pass's: they may depend on earlier lines). */
function restore(held: TranscriptEntry, whole: TranscriptEntry): TranscriptEntry {
  if (held.kind === 'tool_call' && whole.kind === 'tool_call') return { ...held, arguments: whole.arguments };
  if (held.kind === 'checkpoint' && whole.kind === 'checkpoint') return { ...held, messages: whole.messages };
  if ((held.kind === 'message' || held.kind === 'tool_result' || held.kind === 'note') && 'text' in whole) return { ...held, text: whole.text };
  return held;
}

/** The entries other than usage that one record gives on its own, with a fresh parser of `dialect`. */
function entriesOfRecord(record: Record<string, unknown>, dialect: Dialect, pricing: PriceTable): TranscriptEntry[] {
  const format = formatById(dialect);
  const events = parseRecord({ dialect, p: format.initParser() }, record) ?? [];
  const entries: TranscriptEntry[] = [];
  const builder = new TranscriptBuilder(pricing);
  const out = {
    entry: (e: TranscriptEntry) => void (e.kind !== 'usage' && entries.push(e)),
    contextReset: () => {},
    contextAppend: () => {},
    contextTail: () => {},
  };
  for (const ev of events) builder.add(ev, out);
  return entries;
}

/**
 * How far the pass of {@link indexTranscript} has come, with a view of what
 * it has indexed so far: a screen can draw the first entries of a 1 GB
 * session while the rest is read.
 */
export interface TranscriptProgress {
  /** Bytes of the session's files read so far, and in all (the main file and its parts, as they were when the pass began). */
  bytes: number;
  totalBytes: number;
  /** Entries indexed so far. */
  count: number;
  /**
   * A view of the entries indexed so far, fixed at `count` entries (their
   * indices stay those of the whole view). Its summary is the fold so far:
   * the final one comes with the whole view.
   */
  snapshot(): TranscriptView;
}

/** Time between two progress reports of {@link indexTranscript}, in ms; the first comes as soon as FIRST_SCREEN_ENTRIES are indexed (or this long after the start). */
export const PROGRESS_EVERY_MS = 200;
/** Entries enough to fill a first screen (an entry is at least one line). */
export const FIRST_SCREEN_ENTRIES = 100;

/** Thrown by {@link indexTranscript} when its `signal` is aborted (the screen was left): the pass stops reading. */
export class TranscriptAborted extends Error {
  override name = 'TranscriptAborted';
}

/** What `indexTranscript` gives: the view, and how many entries it holds read back now (for tests: the cache's bound). */
export interface IndexedTranscript extends TranscriptView {
  /** Entries currently held whole after being read back (≤ WHOLE_CACHE_ENTRIES). */
  readonly wholeHeld: number;
  /** Entries held cut (their big text is in the log only). */
  readonly cutCount: number;
}

/** What a screen that opens a session hears while it is read: progress with a view so far, and a signal that stops the read (the screen was left). */
export type TranscriptLive = Pick<IndexTranscriptOptions, 'onProgress' | 'signal'>;

/** Options of {@link indexTranscript} besides the reader's. */
export interface IndexTranscriptOptions {
  stubMinChars?: number;
  wholeCache?: number;
  /**
   * Hears how far the pass has come, with a view of the entries so far: once
   * FIRST_SCREEN_ENTRIES are indexed, then every PROGRESS_EVERY_MS (ms). The
   * pass lets the event loop turn after each report, so keys and frames get
   * their turn while a big file is read.
   */
  onProgress?(progress: TranscriptProgress): void;
  /** Aborted: the pass stops and the promise rejects with TranscriptAborted. */
  signal?: AbortSignal;
}

/**
 * Reads the session at `path` once into a windowed transcript. Throws what
 * the file system throws (ENOENT, EACCES); `whole(i)` may throw the same
 * when the file went away since. Rejects with TranscriptAborted when
 * `opts.signal` is aborted.
 */
export async function indexTranscript(path: string, opts: ReadSummaryOptions & IndexTranscriptOptions): Promise<IndexedTranscript> {
  const state = initialSummaryState(opts.file?.format);
  const slots: Slot[] = [];
  const minChars = opts.stubMinChars ?? STUB_MIN_CHARS;
  const cacheCap = Math.max(1, opts.wholeCache ?? WHOLE_CACHE_ENTRIES);
  let cutCount = 0;
  // Entries of the record being read, other than usage, counted to find them again on their own.
  let lastRecord: PassRecord | null = null;
  let ordinal = 0;
  let fresh: TranscriptEntry[] | null = null;
  const parts = opts.file?.parts ?? [];
  const sizeOf = (p: string): number => statSync(p, { throwIfNoEntry: false })?.size ?? 0;
  // Least recently read last: a Map keeps insertion order.
  const cache = new Map<number, TranscriptEntry>();

  const readBack = (slot: Slot): TranscriptEntry => {
    const ref = slot.ref!;
    const file = ref.part === -1 ? path : parts[ref.part];
    // The dialect is known by the time an entry is held cut (the pass found it).
    const dialect = state.dialect;
    const record = file && dialect ? readRecordAt(file, ref.start, ref.end, formatById(dialect).repairLine) : null;
    const again = record && dialect ? entriesOfRecord(record, dialect, opts.pricing)[ref.ordinal] : undefined;
    // The file was rewritten under us: the entry is drawn with what the pass kept, and says so.
    if (!again || again.kind !== slot.entry.kind) return restore(slot.entry, { ...slot.entry, text: '(this entry could not be read again: the file changed)' } as TranscriptEntry);
    return restore(slot.entry, again);
  };

  // Entries by index, while the pass runs (progress snapshots) and after.
  const view = {
    held: (i: number): HeldEntry => slots[i]!,
    whole(i: number): TranscriptEntry {
      const slot = slots[i]!;
      if (!slot.ref) return slot.entry;
      let e = cache.get(i);
      if (e) {
        cache.delete(i);
      } else {
        e = readBack(slot);
        if (cache.size >= cacheCap) cache.delete(cache.keys().next().value!);
      }
      cache.set(i, e);
      return e;
    },
  };

  const progress = opts.onProgress && {
    total: sizeOf(path) + parts.reduce((n, p) => n + sizeOf(p), 0),
    // Bytes of the files before the one being read, and where in it the last record ended.
    before: 0,
    part: -1,
    at: 0,
    lastCheckpoint: -1,
    // The first report waits for a screenful of entries, or this long when entries are few and big.
    reportedAt: performance.now(),
    reports: 0,
  };
  const report = (): Promise<void> | void => {
    if (!progress) return;
    progress.reports++;
    progress.reportedAt = performance.now();
    const count = slots.length;
    const lastCheckpointIndex = progress.lastCheckpoint;
    opts.onProgress!({
      bytes: Math.min(progress.total, progress.before + progress.at),
      totalBytes: progress.total,
      count,
      snapshot: () => ({ ...view, summary: summarise(state, path, false, Date.now(), opts), count, lastCheckpointIndex }),
    });
    // A turn of the event loop: the frame this report asked for is drawn, keys are read.
    return new Promise((resolve) => setImmediate(resolve));
  };

  const pass = await transcriptPass(path, { pricing: opts.pricing, maxLineBytes: opts.maxLineBytes, fold: state, file: opts.file }, (op, from) => {
    if (opts.signal?.aborted) throw new TranscriptAborted('the transcript was closed before it was read');
    if (op.op !== 'entry') return;
    keep(op.entry, from);
    if (!progress) return;
    if (op.entry.kind === 'checkpoint') progress.lastCheckpoint = slots.length - 1;
    if (from) {
      if (from.part !== progress.part) {
        progress.before += progress.part === -1 ? sizeOf(path) : sizeOf(parts[progress.part]!);
        progress.part = from.part;
      }
      progress.at = from.end;
    }
    const due = (progress.reports === 0 && slots.length >= FIRST_SCREEN_ENTRIES) || performance.now() - progress.reportedAt >= PROGRESS_EVERY_MS;
    return due ? report() : undefined;
  });

  /** Holds one entry: whole when small, else cut with where to read it again. */
  function keep(entry: TranscriptEntry, from: PassRecord | null): void {
    if (from !== lastRecord) {
      lastRecord = from;
      ordinal = 0;
      fresh = null;
    }
    const at = entry.kind === 'usage' || !from ? -1 : ordinal++;
    const text = at >= 0 ? bigText(entry) : null;
    if (!from || text === null || text.length <= minChars || !state.dialect) {
      slots.push({ entry, folds: null, ref: null });
      return;
    }
    // Held cut only when the line alone gives this text back.
    fresh ??= entriesOfRecord(from.record, state.dialect, opts.pricing);
    const again = fresh[at];
    if (!again || again.kind !== entry.kind || bigText(again) !== text) {
      slots.push({ entry, folds: null, ref: null });
      return;
    }
    const folds: { plain: EntryFold; masked: EntryFold } = { plain: entryFold(entry), masked: entryFold(maskSecretsDeep(entry)) };
    slots.push({ entry: cutEntry(entry), folds, ref: { part: from.part, start: from.start, end: from.end, ordinal: at } });
    cutCount++;
  }

  return {
    summary: summarise(state, path, pass.pendingTail, pass.mtimeMs, opts),
    count: slots.length,
    lastCheckpointIndex: pass.lastCheckpointIndex,
    get wholeHeld() {
      return cache.size;
    },
    cutCount,
    held: view.held,
    whole: view.whole,
  };
}

/** A transcript read whole into memory, as a view (tests, and callers that have one already). */
export function memoryView(t: { summary: TranscriptView['summary']; entries: readonly TranscriptEntry[]; lastCheckpointIndex: number }): TranscriptView {
  return {
    summary: t.summary,
    count: t.entries.length,
    lastCheckpointIndex: t.lastCheckpointIndex,
    held: (i) => ({ entry: t.entries[i]!, folds: null }),
    whole: (i) => t.entries[i]!,
  };
}
