/**
 * Loads one session in full, for the interactive session screen and the
 * library: one streaming pass (transcript-pass.ts) that folds the summary and
 * collects the entries and resume context the builder emits. The CLI's
 * replay, export and resume context do not collect: they stream the same
 * pass to their output (transcript-stream.ts).
 */
import { initialSummaryState, summarise, type ReadSummaryOptions } from './summary-reader.js';
import { transcriptPass, type PassOp } from './transcript-pass.js';
import type { ResumeMessage, Transcript, TranscriptEntry } from '../types.js';

/**
 * Collects the resume context from a pass's ops (FORMAT.md §2): a reset
 * replaces it, an append extends it, a tail is its last message until the
 * next reset or tail.
 */
export class ContextCollector {
  private messages: ResumeMessage[] = [];
  private tail: ResumeMessage | null = null;

  /** Applies one op; entry ops are ignored. */
  apply(op: PassOp): void {
    if (op.op === 'reset') {
      // A copy: the checkpoint entry shares the array and must not grow.
      this.messages = [...op.messages];
      this.tail = null;
    } else if (op.op === 'append') this.messages.push(op.message);
    else if (op.op === 'tail') this.tail = op.message;
  }

  get context(): ResumeMessage[] {
    return this.tail ? [...this.messages, this.tail] : this.messages;
  }
}

/** Reads a whole session into memory. Throws when the file is not a session (no summary). */
export async function loadTranscript(path: string, opts: ReadSummaryOptions): Promise<Transcript> {
  const state = initialSummaryState(opts.file?.format);
  const entries: TranscriptEntry[] = [];
  const context = new ContextCollector();
  const pass = await transcriptPass(path, { pricing: opts.pricing, maxLineBytes: opts.maxLineBytes, fold: state, file: opts.file }, (op) => {
    if (op.op === 'entry') entries.push(op.entry);
    else context.apply(op);
  });
  const summary = summarise(state, path, pass.pendingTail, pass.mtimeMs, opts);
  // An empty file is still a session (a summary with no dialect): then its transcript is empty.
  return { summary, entries, resumeContext: context.context, lastCheckpointIndex: pass.lastCheckpointIndex };
}
