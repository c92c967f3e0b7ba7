/**
 * The shape of a dialect's transcript builder: records in, entries and
 * resume-context operations out, one record at a time. A builder keeps only
 * the small state its dialect needs across records (a model name, the hashes
 * of the last request), never the entries it emitted: the caller decides
 * whether to collect them (`loadTranscript`) or stream them (replay, export).
 */
import type { PriceTable } from '../pricing.js';
import type { ResumeMessage, TranscriptEntry } from '../types.js';

/**
 * Where a builder puts what one record means. The resume context (FORMAT.md
 * §2: the last checkpoint's messages, then every message after it) is
 * described as operations, so it can be collected in memory or replayed from
 * the byte offset of its last reset by a second, streaming pass.
 */
export interface TranscriptOut {
  /** The next transcript entry, in order. */
  entry(e: TranscriptEntry): void;
  /** The context restarts with these messages (a store checkpoint, an events request); drops any tail. */
  contextReset(messages: ResumeMessage[]): void;
  /** A message joins the end of the context. */
  contextAppend(m: ResumeMessage): void;
  /** The context's closing message until the next reset or tail (an events response); replaces the previous one. */
  contextTail(m: ResumeMessage): void;
}

export interface TranscriptBuilder {
  /** Folds one record the dialect recognised into `out`; returns false (and emits nothing) when it fails the schema. */
  add(record: Record<string, unknown>, out: TranscriptOut): boolean;
}

export interface BuilderContext {
  pricing: PriceTable;
}

/** Arguments of a tool call as display text: strings as they are, anything else as JSON. */
export function argumentsText(args: unknown): string {
  if (args === undefined || args === null) return '';
  return typeof args === 'string' ? args : JSON.stringify(args);
}
