/**
 * Reads a session file into a SessionSummary as an incremental fold:
 * `SummaryState` is plain JSON and records the byte offset consumed, so a
 * cache can persist it and later read only what a growing file appended.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { NormalizedEvent } from '../sources/events.js';
import type { RawLine, SessionFile } from '../sources/format.js';
import { excusesEarlyIgnorables, formatById, isIgnorable } from '../sources/registry.js';
import { anyOverflowed } from '../counts.js';
import { CLOCK_SKEW_MS } from '../sources/common/fold-common.js';
import { UNTITLED } from '../sources/common/title.js';
import type { Dialect, SessionSummary } from '../types.js';
import { bytesBeforeSync } from './check-hash.js';
import { parseRecord } from './parse-record.js';
import { readDocument, readDocumentSync, readRecords, readRecordsSync, type RecordScan, type RecordVisitor, type SyncRecordVisitor } from './records.js';
import { TextChunker, type TextSink } from './text-chunks.js';
import { cacheWarmUntil, finishSummary, initSummarizer, summarizeEvent, type FinishContext, type SummarizerState } from './summarize.js';

/**
 * Bump when the shape of the summarizer's or any parser's state changes, or
 * what it holds (13: token sums capped at 2^53 - 1, counts.ts; 14: `xt`;
 * 15: lastCheckpoint's messages after it; 16: `flags.entries`, tool calls
 * kept past a junk entry, and summaries' `overflowed`; 17: messages kept
 * past a junk message, events' `prevEntries`; 18: Claude's, Codex's and
 * Gemini's absurd token counts flagged and left out, not summed; times that
 * are not times flagged; `session.end` tokens priced; 19: a Claude line
 * damaged only inside a tool's output read, not malformed,
 * LogFormat.repairLine; a Codex or Gemini total beside a count left out is
 * the sum of the counts kept; 20: titles and prompts never cut through a
 * secret, format/secrets.ts secretSafeCut; costs of model ids with a suffix
 * after `:`, ` ` or `_`, pricing.ts lookupPrice): cached states and the
 * summaries made from them are then discarded.
 */
export const SUMMARY_STATE_VERSION = 20;

export interface SummaryState {
  v: number;
  /** Bytes consumed: the end of the last complete line folded. */
  offset: number;
  nextLineNo: number;
  dialect: Dialect | null;
  /** The format's parser state, once the format is known. */
  p: unknown;
  /** The summarizer's state over the events parsed so far. */
  d: SummarizerState;
  malformed: number;
  unknown: number;
  oversized: number;
  /** Lines torn before the complete record they end in (the record was read, the torn part lost). */
  torn: number;
  /** Records some format ignores (turns' pings), seen before the file's format was known: unknown unless that format ignores them too. */
  ephemeralEarly: number;
  /**
   * A session of several files or a JSON document (see {@link isWholeRead}):
   * size and mtime of each part as read, so a cache can tell when any changed
   * (such a state is never continued, only reused or read again).
   */
  g?: PartStat[];
  /**
   * Characters of text the reads that collected it could not index (past
   * PASS_TEXT_CHARS per read, text-chunks.ts), added up over the reads that
   * continued this state: SessionSummary.unindexedChars.
   */
  xt?: number;
}

/** Adds what a read's chunker could not keep (past the per-read cap) to the state: the summary then says so. */
function noteDropped(state: SummaryState, texts: TextChunker | undefined): void {
  if (texts?.dropped) state.xt = (state.xt ?? 0) + texts.dropped;
}

/** A fresh state; `format` fixes the file's format up front (a location that knows it), else the first recognised record does. */
export function initialSummaryState(format?: string): SummaryState {
  const p = format ? formatById(format).initParser() : null;
  return { v: SUMMARY_STATE_VERSION, offset: 0, nextLineNo: 1, dialect: format ?? null, p, d: initSummarizer(), malformed: 0, unknown: 0, oversized: 0, torn: 0, ephemeralEarly: 0 };
}

/** What a location knew of a session before reading it (sources/format.ts SessionFile): everything but where it is. */
export type SessionFileInfo = Omit<SessionFile, 'path' | 'projectId'>;

/**
 * True when a session is read whole every time rather than continued from
 * an offset: it has parts (subagent files read after the main one), or it
 * is one JSON document (a legacy Gemini `.json`, rewritten in place).
 */
export function isWholeRead(path: string, file: SessionFileInfo | undefined): boolean {
  return (file?.parts?.length ?? 0) > 0 || documentReader(path, file) !== null;
}

/** The format's document reader when `path` is one JSON document of it, else null. */
export function documentReader(path: string, file: SessionFileInfo | undefined): ((doc: unknown) => Record<string, unknown>[]) | null {
  if (!file?.format || !path.endsWith('.json')) return null;
  return formatById(file.format).explodeDocument ?? null;
}

/**
 * `visitor` with its format's lenient reading of refused lines
 * (LogFormat.repairLine), for a file whose format the location fixed:
 * every reader of the file (summary, transcript, doctor) reads its lines alike.
 */
function withRepair<V extends RecordVisitor>(visitor: V, file: SessionFileInfo | undefined): V {
  const repair = visitor.repair ?? (file?.format ? formatById(file.format).repairLine : undefined);
  return repair && visitor.repair !== repair ? { ...visitor, repair } : visitor;
}

/** {@link readSessionFile} with synchronous reads. */
function readSessionFileSync(path: string, file: SessionFileInfo | undefined, visitor: SyncRecordVisitor, opts: Parameters<typeof readRecordsSync>[2] = {}): RecordScan {
  const explode = documentReader(path, file);
  return explode ? readDocumentSync(path, explode, visitor, opts) : readRecordsSync(path, withRepair(visitor, file), opts);
}

/** Reads one file of a session, JSONL or a JSON document, with `visitor` (and its format's repair of damaged lines: {@link withRepair}). */
export function readSessionFile(path: string, file: SessionFileInfo | undefined, visitor: RecordVisitor, opts: Parameters<typeof readRecords>[2] = {}): Promise<RecordScan> {
  const explode = documentReader(path, file);
  return explode ? readDocument(path, explode, visitor, opts) : readRecords(path, withRepair(visitor, file), opts);
}

/**
 * Parses one JSON object line (once) and folds its events into the summary.
 * Returns the events when the file's format recognised and parsed it (the
 * transcript builder takes the same ones), else null: the line was unknown,
 * or dropped as ignorable. `text`, when given, receives the record's
 * searchable text (summarize.ts `summarizeEvent`).
 */
export function foldObject(state: SummaryState, obj: Record<string, unknown>, text?: TextSink): NormalizedEvent[] | null {
  const events = parseRecord(state, obj);
  if (events) {
    for (const ev of events) summarizeEvent(state.d, ev, text);
    return events;
  }
  if (events === null) {
    state.unknown++;
    return null;
  }
  if (isIgnorable(obj, state.dialect)) {
    // Dropped silently in a file whose format ignores it; before the format is known, counted apart.
    if (state.dialect === null) state.ephemeralEarly++;
    return null;
  }
  state.unknown++;
  return null;
}

/**
 * The line skimmer of the session's format (LogFormat.skimLine) for a fold
 * that collects no text: it elides text only the index needs. Only for a
 * format the location fixed (a sniffed file's format is not known before
 * its first record), and never when `opts.skim` is false.
 */
function skimmerOf(opts: ReadSummaryOptions): ((line: string, raw: RawLine | null) => Record<string, unknown> | undefined) | undefined {
  const format = opts.skim === false || !opts.file?.format ? undefined : formatById(opts.file.format);
  return format?.skimLine;
}

export interface ReadSummaryOptions {
  projectId: string;
  pricing: FinishContext['pricing'];
  nowMs: number;
  cacheTtlSec: FinishContext['cacheTtlSec'];
  maxLineBytes?: number;
  /**
   * Collect the pass's searchable text (`SummaryResult.texts`); default
   * true. False: `texts` is empty and nothing is chunked. `'appends'` is a
   * catalog policy (catalog/summary-cache.ts): collect only when the pass
   * continues a file whose text the index holds whole; the reader itself
   * treats it as false (a read from the start).
   */
  collectText?: boolean | 'appends';
  /** What the location knew of the session (other agents' sources); absent: a native file, sniffed. */
  file?: SessionFileInfo;
  /** @internal Tests: false parses every line in full, as a fold that collects text does (default: the format's skimmer when no text is collected). */
  skim?: boolean;
}

export interface SummaryResult {
  /** Always a summary: a file with no recognised record yet is an empty session (format §2.1). */
  summary: SessionSummary;
  state: SummaryState;
  size: number;
  mtimeMs: number;
  /**
   * The searchable text this pass read (only what is new since `previous`),
   * as chunks of at most CHUNK_CHARS characters, whitespace collapsed: what
   * the catalog's full-text index appends. A complete last record without
   * its newline is not included (the next pass reads it again).
   */
  texts: string[];
}

/**
 * Reads (or, given a previous state, continues reading) a session file.
 * The previous state is not mutated. Throws what the file system throws
 * (ENOENT, EACCES), and the reason of `signal` once it is aborted (checked
 * between reads of a JSONL file, before reading a session read whole).
 */
export async function readSummary(path: string, opts: ReadSummaryOptions, previous?: SummaryState, signal?: AbortSignal): Promise<SummaryResult> {
  signal?.throwIfAborted();
  if (isWholeRead(path, opts.file)) return readWholeSummary(path, opts);
  const fold = summaryFold(previous, opts);
  const scan = await readSessionFile(path, opts.file, fold.visitor, { fromOffset: fold.state.offset, firstLineNo: fold.state.nextLineNo, maxLineBytes: opts.maxLineBytes, signal });
  return fold.finish(scan, path, opts);
}

/**
 * {@link readSummary} with synchronous reads (worker threads, scan-pool.ts):
 * the same result, sessions read whole included.
 */
export function readSummarySync(path: string, opts: ReadSummaryOptions, previous?: SummaryState): SummaryResult {
  const { check: _check, ...result } = readCheckedSummarySync(path, opts, previous);
  return result;
}

/**
 * {@link readSummarySync} plus the check hash of the bytes before the
 * state's offset (check-hash.ts), taken from the read's own buffer when it
 * holds them: what a scan job returns, without opening the file twice.
 */
export function readCheckedSummarySync(path: string, opts: ReadSummaryOptions, previous?: SummaryState): SummaryResult & { check: string } {
  // A session read whole is never continued from an offset: it has no check hash (the catalog stores '').
  if (isWholeRead(path, opts.file)) return Object.assign(readWholeSummarySync(path, opts), { check: '' });
  const fold = summaryFold(previous, opts);
  const scan = readSessionFileSync(path, opts.file, fold.visitor, { fromOffset: fold.state.offset, firstLineNo: fold.state.nextLineNo, maxLineBytes: opts.maxLineBytes, check: true });
  const result = fold.finish(scan, path, opts);
  return Object.assign(result, { check: scan.check ?? bytesBeforeSync(path, result.state.offset) });
}

/** The fold of one read: a visitor for the read loop, then the result once the loop is done. */
function summaryFold(previous: SummaryState | undefined, opts: ReadSummaryOptions): {
  state: SummaryState;
  visitor: SyncRecordVisitor;
  finish(scan: RecordScan, path: string, opts: ReadSummaryOptions): SummaryResult;
} {
  const state: SummaryState = previous ? structuredClone(previous) : initialSummaryState(opts.file?.format);
  state.d.notAfterMs = opts.nowMs + CLOCK_SKEW_MS;
  // A complete record without a final newline is read as a record, in a
  // copy: the persisted state stops before it, so it is never counted twice.
  let finalState = state;
  // A torn line is counted with its record: in the copy when that record is the tail.
  let torn = false;
  const texts = opts.collectText === false || opts.collectText === 'appends' ? undefined : new TextChunker();
  return {
    state,
    visitor: {
      skim: texts ? undefined : skimmerOf(opts),
      record: (obj) => {
        if (torn) state.torn++;
        torn = false;
        foldObject(state, obj, texts);
      },
      malformed: () => void state.malformed++,
      oversized: () => void state.oversized++,
      torn: () => void (torn = true),
      tail: (obj) => {
        finalState = structuredClone(state);
        if (torn) finalState.torn++;
        foldObject(finalState, obj);
      },
    },
    finish(scan, path, opts) {
      state.offset = scan.endOffset;
      state.nextLineNo = scan.nextLineNo;
      noteDropped(state, texts);
      if (finalState !== state && state.xt !== undefined) finalState.xt = state.xt;
      const summary = summarise(finalState, path, scan.pendingTail, scan.mtimeMs, opts);
      return { summary, state, size: scan.size, mtimeMs: scan.mtimeMs, texts: texts?.take() ?? [] };
    },
  };
}

/** One file a whole read asks for: the main one first (its failure is the session's), then each part. */
interface WholeStep {
  file: string;
  main: boolean;
  visitor: SyncRecordVisitor;
}

/**
 * The steps of a whole read (see {@link isWholeRead}): yields each file to
 * read, the main one first, then each part after the format's `beginPart`,
 * and takes back its scan (null: a part that vanished or cannot be read,
 * which costs its usage, never the session). One state spans the files
 * (Claude's usage dedupe then spans them), and records each part's size
 * and mtime in `g`. Driven with async reads ({@link readWholeSummary}) or
 * synchronous ones ({@link readWholeSummarySync}).
 */
function* wholeRead(path: string, opts: ReadSummaryOptions): Generator<WholeStep, SummaryResult, RecordScan | null> {
  const whole = wholeFold(opts);
  const main = (yield { file: path, main: true, visitor: whole.visitor })!;
  whole.mainRead(main);
  const parts = opts.file?.parts ?? [];
  for (let i = 0; i < parts.length; i++) {
    whole.beginPart(i, parts[i]!);
    whole.partRead(parts[i]!, yield { file: parts[i]!, main: false, visitor: whole.visitor });
  }
  return whole.finish(path, main, opts);
}

/** A whole read with async reads (this thread: the event loop keeps turning). Throws what reading the main file throws. */
async function readWholeSummary(path: string, opts: ReadSummaryOptions): Promise<SummaryResult> {
  const steps = wholeRead(path, opts);
  for (let step = steps.next(null); ; ) {
    if (step.done) return step.value;
    const { file, main, visitor } = step.value;
    const read = readSessionFile(file, opts.file, visitor, { maxLineBytes: opts.maxLineBytes });
    step = steps.next(main ? await read : await read.catch(() => null));
  }
}

/** {@link readWholeSummary} with synchronous reads (the scan pool's workers): the same result. */
function readWholeSummarySync(path: string, opts: ReadSummaryOptions): SummaryResult {
  const steps = wholeRead(path, opts);
  for (let step = steps.next(null); ; ) {
    if (step.done) return step.value;
    const { file, main, visitor } = step.value;
    let scan: RecordScan | null = null;
    try {
      scan = readSessionFileSync(file, opts.file, visitor, { maxLineBytes: opts.maxLineBytes });
    } catch (err) {
      if (main) throw err;
    }
    step = steps.next(scan);
  }
}

/** The fold of a whole read ({@link wholeRead}): main file, then each part. */
function wholeFold(opts: ReadSummaryOptions) {
  const state = initialSummaryState(opts.file?.format);
  state.d.notAfterMs = opts.nowMs + CLOCK_SKEW_MS;
  const texts = opts.collectText === false || opts.collectText === 'appends' ? undefined : new TextChunker();
  const visitor: SyncRecordVisitor = {
    skim: texts ? undefined : skimmerOf(opts),
    record: (obj) => void foldObject(state, obj, texts),
    malformed: () => void state.malformed++,
    oversized: () => void state.oversized++,
    torn: () => void state.torn++,
  };
  return {
    visitor,
    mainRead(main: RecordScan): void {
      state.offset = main.size;
      state.nextLineNo = main.lines + 1;
      state.g = [];
    },
    beginPart(i: number, part: string): void {
      const format = state.dialect ? formatById(state.dialect) : null;
      for (const ev of (format?.beginPart?.(state.p, i, part) ?? [])) summarizeEvent(state.d, ev, texts);
    },
    /** `scan` null: the part could not be read (recorded as size -1, so the next check reads the session again). */
    partRead(part: string, scan: RecordScan | null): void {
      state.g!.push(scan ? { path: part, size: scan.size, mtimeMs: scan.mtimeMs } : { path: part, size: -1, mtimeMs: -1 });
    },
    finish(path: string, main: RecordScan, opts: ReadSummaryOptions): SummaryResult {
      noteDropped(state, texts);
      const summary = summarise(state, path, main.pendingTail, main.mtimeMs, opts);
      // Every file's text: a whole read replaces the session's text in the index.
      return { summary, state, size: main.size, mtimeMs: main.mtimeMs, texts: texts?.take() ?? [] };
    },
  };
}

/** A part file of a session read whole, as read: path, size in bytes, mtime in ms (SummaryState.g). */
export interface PartStat {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Whether every part recorded for a whole read (SummaryState.g, or the
 * catalog's copy of it) is still `parts`, each with the size and mtime it
 * had: one synchronous `stat` each (a few µs; an awaited stat per part cost
 * a warm start of a Claude home with 5,700 subagent files 0.35 s).
 */
export function partsUnchanged(seen: readonly PartStat[], parts: readonly string[]): boolean {
  if (seen.length !== parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    const was = seen[i]!;
    if (was.path !== parts[i]) return false;
    let st;
    try {
      st = statSync(parts[i]!);
    } catch {
      return false;
    }
    if (st.size !== was.size || st.mtimeMs !== was.mtimeMs) return false;
  }
  return true;
}

/**
 * Turns a fold state into the summary of format §4. A file in which no
 * record was recognised (zero bytes, only a partial first line, blank lines,
 * or lines of no known shape) is still a session (format §2.1): dialect
 * `none`, empty, id from the file name, times from the file's mtime, title
 * `(untitled)`; its malformed and unknown lines are counted as usual.
 */
export function summarise(
  state: SummaryState,
  path: string,
  pendingTail: boolean,
  mtimeMs: number,
  opts: ReadSummaryOptions,
): SessionSummary {
  const file = opts.file;
  const id = file?.id ?? basename(path).replace(/\.jsonl$/, '');
  const ctx: FinishContext = { id, mtimeMs, nowMs: opts.nowMs, pricing: opts.pricing, cacheTtlSec: opts.cacheTtlSec };
  // A file with no record recognised yet finishes the empty state: no title, nothing spent, times from the mtime.
  const f = finishSummary(state.d, ctx);
  const createdMs = f.firstMs ?? mtimeMs;
  const updatedMs = f.lastMs ?? f.firstMs ?? mtimeMs;
  const unknownLines = state.unknown + (excusesEarlyIgnorables(state.dialect) ? 0 : state.ephemeralEarly);
  const summary: SessionSummary = {
    id,
    source: file?.source ?? 'native',
    path,
    dialect: state.dialect ?? 'none',
    projectId: opts.projectId,
    title: file?.title || f.title || UNTITLED,
    createdAt: new Date(createdMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
    messageCount: f.messageCount,
    userMessages: f.userMessages,
    assistantMessages: f.assistantMessages,
    toolCalls: f.toolCalls,
    model: f.model,
    provider: f.provider,
    workspace: f.workspace ?? file?.projectRoot ?? null,
    ...(f.branch ? { branch: f.branch } : {}),
    endpoints: f.endpoints,
    models: f.models,
    tokens: f.tokens,
    costUsd: f.costMicros === null ? null : f.costMicros / 1e6,
    costMicros: f.costMicros,
    status: file?.running ? 'running' : f.status,
    durationMs: f.durationMs ?? Math.max(0, updatedMs - createdMs),
    checkpoints: f.checkpoints,
    lastCheckpoint: f.lastCheckpoint,
    malformedLines: state.malformed,
    unknownLines,
    oversizedLines: state.oversized,
    tornLines: state.torn ?? 0,
    invalidNumbers: f.invalidNumbers,
    invalidTimes: f.invalidTimes,
    invalidEntries: f.invalidEntries,
    // Totals only: a capped part (an endpoint's or a model's figure) caps the total it is added to (counts.ts).
    ...(anyOverflowed(f.tokens.input, f.tokens.output, f.tokens.cacheRead, f.tokens.cacheWrite, f.tokens.total, f.costMicros) ? { overflowed: true as const } : {}),
    ...(state.xt ? { unindexedChars: state.xt } : {}),
    pendingTail,
    empty: f.empty,
    cacheWarmUntil: cacheWarmUntil(f, ctx),
    strikes: f.strikes,
    firstPrompt: f.firstPrompt,
    lastPrompt: f.lastPrompt,
    resumeContext: { messages: f.contextMessages, chars: f.contextChars },
  };
  if (file?.parts?.length) summary.parts = [...file.parts];
  return summary;
}
