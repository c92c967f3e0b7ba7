/** The shape of a dialect's transcript builder: records in, entries out. */
import type { PriceTable } from './pricing.js';
import type { ResumeMessage, TranscriptEntry } from './types.js';

export interface TranscriptBuilder {
  /** Folds one record the dialect recognised; returns false when it fails the schema. */
  add(record: Record<string, unknown>): boolean;
  entries: TranscriptEntry[];
  /** Index in `entries` of the last checkpoint, -1 when none. */
  lastCheckpointIndex: number;
  /** The resume context (format §2.1): last checkpoint's messages + messages after it. */
  resumeContext(): ResumeMessage[];
}

export interface BuilderContext {
  pricing: PriceTable;
}

/** Arguments of a tool call as display text: strings as they are, anything else as JSON. */
export function argumentsText(args: unknown): string {
  if (args === undefined || args === null) return '';
  return typeof args === 'string' ? args : JSON.stringify(args);
}
