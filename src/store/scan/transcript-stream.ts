/**
 * Sessions of any size, in bounded memory (DESIGN.md: "no output is ever
 * built as one string: stream"). Replay, export and the resume context read
 * the file with transcriptPass and hand each entry or message on as soon as
 * it is read; nothing collects the transcript. What needs a look ahead costs
 * a pass instead of memory:
 * - the resume context (the last checkpoint's messages, then every message
 *   after it; FORMAT.md §2) is streamed by a second pass that starts at the
 *   byte offset where the first pass saw its last reset;
 * - `replay --from-checkpoint` first finds the last checkpoint's index.
 */
import type { ReadSummaryOptions } from './summary-reader.js';
import { transcriptPass, type PassResult } from './transcript-pass.js';
import type { ResumeMessage, TranscriptEntry } from '../types.js';

/** Options of the streaming reads: the summary reader's (pricing, line cap). */
export type StreamOptions = Pick<ReadSummaryOptions, 'pricing' | 'maxLineBytes' | 'file'>;

/** Receives one entry and its index in the transcript; a returned promise is awaited (backpressure). */
export type EntryHandler = (entry: TranscriptEntry, index: number) => void | Promise<void>;

/** Receives one resume-context message; a returned promise is awaited. */
export type MessageHandler = (message: ResumeMessage) => void | Promise<void>;

/**
 * Streams every entry of the session at `path`, in order. Returns the pass
 * (entry count, last checkpoint index, where the resume context starts and
 * the size read), which `streamResumeContext` can continue from.
 * Throws what the file system throws.
 */
export function streamEntries(path: string, opts: StreamOptions, onEntry: EntryHandler): Promise<PassResult> {
  return transcriptPass(path, { pricing: opts.pricing, maxLineBytes: opts.maxLineBytes, file: opts.file }, (op) =>
    op.op === 'entry' ? onEntry(op.entry, op.index) : undefined,
  );
}

/** One pass that keeps nothing: where the last checkpoint is, where the resume context starts, how big the file is. */
export function locateSession(path: string, opts: StreamOptions): Promise<PassResult> {
  return transcriptPass(path, { pricing: opts.pricing, maxLineBytes: opts.maxLineBytes, file: opts.file }, () => undefined);
}

/**
 * Streams the resume context (FORMAT.md §2) to `onMessage`: the messages of
 * the last reset (a checkpoint, an events request), then every message after
 * it, then the closing tail (an events response). `after` is an earlier pass
 * over the same file (`streamEntries`, `locateSession`); without it one is
 * run first. Only the bytes that pass saw are read, so appends made since do
 * not change what is written. Returns the number of messages.
 * Throws when the file was rewritten (not appended to) between the passes.
 */
export async function streamResumeContext(path: string, opts: StreamOptions, onMessage: MessageHandler, after?: PassResult): Promise<number> {
  const first = after ?? (await locateSession(path, opts));
  if (first.dialect === null) return 0;
  let count = 0;
  let touched = false;
  // The events answer closes the context but is replaced by a later one: hold one message.
  let tail: ResumeMessage | null = null;
  const emit = (m: ResumeMessage): void | Promise<void> => {
    count++;
    return onMessage(m);
  };
  await transcriptPass(
    path,
    { pricing: opts.pricing, maxLineBytes: opts.maxLineBytes, fromOffset: first.contextFrom, toOffset: first.size, dialect: first.dialect, file: opts.file },
    async (op) => {
      if (op.op === 'entry') return;
      if (op.op === 'reset') {
        // The pass starts at the last reset, so a second one means the file is not what the first pass read.
        if (touched) throw new Error(`${path} changed while its resume context was being written; try again`);
        for (const m of op.messages) await emit(m);
      } else if (op.op === 'append') {
        await emit(op.message);
      } else {
        tail = op.message;
      }
      touched = true;
    },
  );
  if (tail) await emit(tail);
  return count;
}

/**
 * Streams the whole conversation as a resume context: every message from
 * the start of the file, the checkpoints' summaries left out (they stand for
 * messages that are here in full), then the closing tail. What the Resume
 * tab's "whole conversation" choice writes to `{context}`. Returns the
 * number of messages.
 */
export async function streamWholeContext(path: string, opts: StreamOptions, onMessage: MessageHandler): Promise<number> {
  let count = 0;
  let tail: ResumeMessage | null = null;
  const emit = (m: ResumeMessage): void | Promise<void> => {
    count++;
    return onMessage(m);
  };
  await transcriptPass(path, { pricing: opts.pricing, maxLineBytes: opts.maxLineBytes, file: opts.file }, async (op) => {
    if (op.op === 'entry') return;
    if (op.op === 'reset') {
      // A reset before any message (an events request) is where the conversation starts; later ones are summaries.
      if (count === 0) for (const m of op.messages) await emit(m);
    } else if (op.op === 'append') {
      await emit(op.message);
    } else {
      tail = op.message;
    }
  });
  if (tail) await emit(tail);
  return count;
}
