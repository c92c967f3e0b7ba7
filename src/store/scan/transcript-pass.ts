/**
 * One streaming pass over a session file: each record is parsed once by its
 * format into normalized events, which feed the transcript builder (and,
 * given one, the summary fold), and what each record means
 * (entries, resume-context operations) goes to a handler as soon as the
 * record is read. Nothing of the file is kept by the pass itself, so memory
 * is bounded by one line (the scanner's cap) plus what the handler keeps.
 */
import { basename } from 'node:path';
import type { PriceTable } from '../pricing.js';
import { formatById } from '../sources/registry.js';
import { parseRecord, type ParseCursor } from './parse-record.js';
import type { NormalizedEvent } from '../sources/events.js';
import type { RecordAt } from './records.js';
import type { Dialect, ResumeMessage, TranscriptEntry } from '../types.js';
import { summarizeEvent } from './summarize.js';
import { foldObject, readSessionFile, type SessionFileInfo, type SummaryState } from './summary-reader.js';
import { TranscriptBuilder, type TranscriptOut } from './transcript-builder.js';

/** What one record meant, in the order the builder said it (see TranscriptOut). */
export type PassOp =
  | { op: 'entry'; entry: TranscriptEntry; index: number }
  | { op: 'reset'; messages: ResumeMessage[] }
  | { op: 'append'; message: ResumeMessage }
  | { op: 'tail'; message: ResumeMessage };

/**
 * The record an op came from: which file of the session (`part` -1: the main
 * file, else the index in `file.parts`), its line's byte range [start, end)
 * in that file, and the parsed record itself (valid during the call only).
 */
export interface PassRecord {
  part: number;
  start: number;
  end: number;
  record: Record<string, unknown>;
}

/**
 * Receives each op; a returned promise is awaited before the file is read
 * further (backpressure). `from`: the record whose events made the op, null
 * for ops that no single line made (a call held back and shown later, a
 * part's introduction) or when the record has no range (a JSON document).
 */
export type PassHandler = (op: PassOp, from: PassRecord | null) => void | Promise<void>;

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
  /** What the location knew of the session: its format, its parts (read after the main file), a JSON document. */
  file?: SessionFileInfo;
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

/** An entry handed on with a record that belongs to earlier lines: a held call's usage, a skipped line's note. */
const ofEarlierLine = (e: TranscriptEntry): boolean => e.kind === 'usage' || (e.kind === 'note' && e.type === 'skipped');

/**
 * Reads `path` once and hands every op to `handler`. Malformed and oversized
 * lines are skipped (and counted in `fold` when one is given); a final line
 * without a newline counts when it is a complete record.
 * Throws what the file system throws (ENOENT, EACCES).
 */
export async function transcriptPass(path: string, opts: PassOptions, handler: PassHandler): Promise<PassResult> {
  const fold = opts.fold;
  let dialect: Dialect | null = opts.dialect ?? opts.file?.format ?? null;
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

  const onRecord = async (obj: Record<string, unknown>, start: number, part = -1, end?: number): Promise<void> => {
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
    if (part === -1 && ops.some((o) => o.op === 'reset')) result.contextFrom = start;
    const from: PassRecord | null = end === undefined ? null : { part, start, end, record: obj };
    for (const op of ops) {
      const waiting = handler(op, op.op === 'entry' && ofEarlierLine(op.entry) ? null : from);
      if (waiting) await waiting;
    }
    ops.length = 0;
  };

  // A line skipped shows where it was (the replay says so, as doctor does), in the order of the file: its note
  // goes out with the next record's entries, or at the end.
  let where = '';
  const skipped = (at: RecordAt, what: string): void => out.entry({ kind: 'note', timestamp: null, type: 'skipped', text: `${where}line ${at.lineNo}: ${what}` });
  const visitor = {
    record: (obj: Record<string, unknown>, at: RecordAt) => onRecord(obj, at.start, -1, at.end),
    malformed: (at: RecordAt) => {
      if (fold) fold.malformed++;
      skipped(at, 'not a JSON record');
    },
    oversized: (at: RecordAt) => {
      if (fold) fold.oversized++;
      skipped(at, 'over the line size limit, not read');
    },
    torn: (at: RecordAt) => {
      if (fold) fold.torn++;
      skipped(at, 'the start of a record cut short (a crash, or NUL bytes); the record after it is read');
    },
  };
  const scan = await readSessionFile(path, opts.file, visitor, { maxLineBytes: opts.maxLineBytes, fromOffset: from, toOffset: opts.toOffset });
  // A session's further files (subagent transcripts) follow the main one; a pass from an offset (the resume context) skips them.
  const parts = from === 0 ? (opts.file?.parts ?? []) : [];
  for (let i = 0; i < parts.length; i++) {
    const format = dialect ? formatById(dialect) : null;
    const p = fold ? fold.p : cursor.p;
    const intro = format?.beginPart?.(p, i, parts[i]!) ?? [];
    for (const ev of intro) {
      if (fold) summarizeEvent(fold.d, ev);
      builder.add(ev, out);
    }
    for (const op of ops) await handler(op, null);
    ops.length = 0;
    where = `${basename(parts[i]!)} `;
    try {
      await readSessionFile(parts[i]!, opts.file, { ...visitor, record: (obj, at) => onRecord(obj, at.start, i, at.end) }, { maxLineBytes: opts.maxLineBytes });
    } catch {
      // A vanished or unreadable subagent file costs its part of the transcript only.
    }
  }
  // A call whose copies ran to the end of the session is shown last.
  builder.finish(out);
  for (const op of ops) await handler(op, null);
  ops.length = 0;
  return { dialect, ...result, size: scan.size, pendingTail: scan.pendingTail, mtimeMs: scan.mtimeMs };
}
