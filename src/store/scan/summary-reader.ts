/**
 * Reads a session file into a SessionSummary as an incremental fold:
 * `SummaryState` is plain JSON and records the byte offset consumed, so a
 * cache can persist it and later read only what a growing file appended.
 */
import { basename } from 'node:path';
import type { NormalizedEvent } from '../sources/events.js';
import { excusesEarlyIgnorables, isIgnorable } from '../sources/registry.js';
import { CLOCK_SKEW_MS } from '../sources/common/fold-common.js';
import { UNTITLED } from '../sources/common/title.js';
import type { Dialect, SessionSummary } from '../types.js';
import { parseRecord } from './parse-record.js';
import { readRecords } from './records.js';
import { cacheWarmUntil, finishSummary, initSummarizer, summarizeEvent, type FinishContext, type SummarizerState } from './summarize.js';

/** Bump when the shape of the summarizer's or any parser's state changes: cached states are then discarded. */
export const SUMMARY_STATE_VERSION = 7;

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
}

export function initialSummaryState(): SummaryState {
  return { v: SUMMARY_STATE_VERSION, offset: 0, nextLineNo: 1, dialect: null, p: null, d: initSummarizer(), malformed: 0, unknown: 0, oversized: 0, torn: 0, ephemeralEarly: 0 };
}

/**
 * Parses one JSON object line (once) and folds its events into the summary.
 * Returns the events when the file's format recognised and parsed it (the
 * transcript builder takes the same ones), else null: the line was unknown,
 * or dropped as ignorable.
 */
export function foldObject(state: SummaryState, obj: Record<string, unknown>): NormalizedEvent[] | null {
  const events = parseRecord(state, obj);
  if (events) {
    for (const ev of events) summarizeEvent(state.d, ev);
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

export interface ReadSummaryOptions {
  projectId: string;
  pricing: FinishContext['pricing'];
  nowMs: number;
  cacheTtlSec: FinishContext['cacheTtlSec'];
  maxLineBytes?: number;
}

export interface SummaryResult {
  /** Always a summary: a file with no recognised record yet is an empty session (format §2.1). */
  summary: SessionSummary;
  state: SummaryState;
  size: number;
  mtimeMs: number;
}

/**
 * Reads (or, given a previous state, continues reading) a session file.
 * The previous state is not mutated.
 */
export async function readSummary(path: string, opts: ReadSummaryOptions, previous?: SummaryState): Promise<SummaryResult> {
  const state: SummaryState = previous ? structuredClone(previous) : initialSummaryState();
  state.d.notAfterMs = opts.nowMs + CLOCK_SKEW_MS;
  // A complete record without a final newline is read as a record, in a
  // copy: the persisted state stops before it, so it is never counted twice.
  let finalState = state;
  // A torn line is counted with its record: in the copy when that record is the tail.
  let torn = false;
  const scan = await readRecords(
    path,
    {
      record: (obj) => {
        if (torn) state.torn++;
        torn = false;
        foldObject(state, obj);
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
    { fromOffset: state.offset, firstLineNo: state.nextLineNo, maxLineBytes: opts.maxLineBytes },
  );
  state.offset = scan.endOffset;
  state.nextLineNo = scan.nextLineNo;
  const summary = summarise(finalState, path, scan.pendingTail, scan.mtimeMs, opts);
  return { summary, state, size: scan.size, mtimeMs: scan.mtimeMs };
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
  const id = basename(path).replace(/\.jsonl$/, '');
  const ctx: FinishContext = { id, mtimeMs, nowMs: opts.nowMs, pricing: opts.pricing, cacheTtlSec: opts.cacheTtlSec };
  // A file with no record recognised yet finishes the empty state: no title, nothing spent, times from the mtime.
  const f = finishSummary(state.d, ctx);
  const createdMs = f.firstMs ?? mtimeMs;
  const updatedMs = f.lastMs ?? f.firstMs ?? mtimeMs;
  const unknownLines = state.unknown + (excusesEarlyIgnorables(state.dialect) ? 0 : state.ephemeralEarly);
  return {
    id,
    path,
    dialect: state.dialect ?? 'none',
    projectId: opts.projectId,
    title: f.title || UNTITLED,
    createdAt: new Date(createdMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
    messageCount: f.messageCount,
    userMessages: f.userMessages,
    assistantMessages: f.assistantMessages,
    toolCalls: f.toolCalls,
    model: f.model,
    provider: f.provider,
    workspace: f.workspace,
    endpoints: f.endpoints,
    models: f.models,
    tokens: f.tokens,
    costUsd: f.costMicros === null ? null : f.costMicros / 1e6,
    costMicros: f.costMicros,
    status: f.status,
    durationMs: f.durationMs ?? Math.max(0, updatedMs - createdMs),
    checkpoints: f.checkpoints,
    lastCheckpoint: f.lastCheckpoint,
    malformedLines: state.malformed,
    unknownLines,
    oversizedLines: state.oversized,
    tornLines: state.torn ?? 0,
    invalidNumbers: f.invalidNumbers,
    invalidTimes: f.invalidTimes,
    pendingTail,
    empty: f.empty,
    cacheWarmUntil: cacheWarmUntil(f, ctx),
    strikes: f.strikes,
    firstPrompt: f.firstPrompt,
    lastPrompt: f.lastPrompt,
    searchText: f.searchText,
    resumeContext: { messages: f.contextMessages, chars: f.contextChars },
  };
}
