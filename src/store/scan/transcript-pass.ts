/**
 * One streaming pass over a session file: each record is parsed once by its
 * format into normalized events, which feed the transcript builder (and,
 * given one, the summary fold), and what each record means
 * (entries, resume-context operations) goes to a handler as soon as the
 * record is read. Nothing of the file is kept by the pass itself, so memory
 * is bounded by one line (the scanner's cap) plus what the handler keeps.
 */
import type { PriceTable } from '../pricing.js';
import { formatById } from '../sources/registry.js';
import { parseRecord, type ParseCursor } from './parse-record.js';
import type { NormalizedEvent } from '../sources/events.js';
import type { Dialect, ResumeMessage, TranscriptEntry } from '../types.js';
import { readRecords } from './records.js';
import { foldObject, type SummaryState } from './summary-reader.js';
import { TranscriptBuilder, type TranscriptOut } from './transcript-builder.js';

/** What one record meant, in the order the builder said it (see TranscriptOut). */
export type PassOp =
  | { op: 'entry'; entry: TranscriptEntry; index: number }
  | { op: 'reset'; messages: ResumeMessage[] }
  | { op: 'append'; message: ResumeMessage }
  | { op: 'tail'; message: ResumeMessage };

/** Receives each op; a returned promise is awaited before the file is read further (backpressure). */
export type PassHandler = (op: PassOp) => void | Promise<void>;

export interface PassOptions {
  pricing: PriceTable;
  maxLineBytes?: number;
  /** A summary fold run over the same records (it also decides the dialect, as the summary reader does). */
  fold?: SummaryState;
  /** Start here: the start of a record found by an earlier pass; `dialect` must then be given. */
  fromOffset?: number;
  /** Stop here (an earlier pass's `size`), so a growing file reads the same as before. */
  toOffset?: number;
  /** The file's dialect when known already (needed with `fromOffset`). */
  dialect?: Dialect;
}

export interface PassResult {
  /** null when no record of any dialect was recognised. */
  dialect: Dialect | null;
  /** Entries emitted. */
  entries: number;
  /** Index of the last checkpoint entry, -1 when none. */
  lastCheckpointIndex: number;
  /** Byte offset where the record that last reset the resume context starts (`fromOffset` when none did). */
  contextFrom: number;
  /** Bytes this pass covered: the file's size as it saw it (or `toOffset`). */
  size: number;
  /** The file ends in a partial line that is not a complete record (a writer mid-append). */
  pendingTail: boolean;
  mtimeMs: number;
}

/**
 * Reads `path` once and hands every op to `handler`. Malformed and oversized
 * lines are skipped (and counted in `fold` when one is given); a final line
 * without a newline counts when it is a complete record.
 * Throws what the file system throws (ENOENT, EACCES).
 */
export async function transcriptPass(path: string, opts: PassOptions, handler: PassHandler): Promise<PassResult> {
  const fold = opts.fold;
  let dialect: Dialect | null = opts.dialect ?? null;
  const builder = new TranscriptBuilder(opts.pricing);
  // Without a fold, the pass keeps its own parser state.
  const cursor: ParseCursor = { dialect, p: dialect ? formatById(dialect).initParser() : null };
  const from = opts.fromOffset ?? 0;
  const result = { entries: 0, lastCheckpointIndex: -1, contextFrom: from };
  // Ops of the record being read: the builder is synchronous, the handler may not be.
  const ops: PassOp[] = [];
  const out: TranscriptOut = {
    entry: (entry) => {
      if (entry.kind === 'checkpoint') result.lastCheckpointIndex = result.entries;
      ops.push({ op: 'entry', entry, index: result.entries++ });
    },
    contextReset: (messages) => void ops.push({ op: 'reset', messages }),
    contextAppend: (message) => void ops.push({ op: 'append', message }),
    contextTail: (message) => void ops.push({ op: 'tail', message }),
  };

  const onRecord = async (obj: Record<string, unknown>, start: number): Promise<void> => {
    let events: NormalizedEvent[] | null;
    if (fold) {
      events = foldObject(fold, obj);
      if (events === null) return;
      dialect ??= fold.dialect;
    } else {
      events = parseRecord(cursor, obj) ?? null;
      dialect = cursor.dialect;
      if (events === null) return;
    }
    for (const ev of events) builder.add(ev, out);
    if (ops.some((o) => o.op === 'reset')) result.contextFrom = start;
    for (const op of ops) {
      const waiting = handler(op);
      if (waiting) await waiting;
    }
    ops.length = 0;
  };

  const scan = await readRecords(
    path,
    {
      record: (obj, at) => onRecord(obj, at.start),
      malformed: () => void (fold && fold.malformed++),
      oversized: () => void (fold && fold.oversized++),
      torn: () => void (fold && fold.torn++),
    },
    { maxLineBytes: opts.maxLineBytes, fromOffset: from, toOffset: opts.toOffset },
  );
  return { dialect, ...result, size: scan.size, pendingTail: scan.pendingTail, mtimeMs: scan.mtimeMs };
}
