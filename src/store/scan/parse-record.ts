/**
 * The one place a record meets its format (DESIGN.md "one parse per
 * record"): the summary fold and the transcript pass both go through here.
 */
import type { NormalizedEvent } from '../sources/events.js';
import { formatById, recogniseFormat } from '../sources/registry.js';
import type { Dialect } from '../types.js';

/** Where a file's parse stands: its format once known (FORMAT.md §2: the first recognised record's) and that format's parser state. */
export interface ParseCursor {
  dialect: Dialect | null;
  p: unknown;
}

/**
 * Parses `record` with the file's format, fixing the format (and starting
 * its parser) at the first recognised record. Returns the events; `null`
 * when the file's format rejects the record (its schema: an unknown line);
 * `undefined` when the record is not of the file's format (unrecognised, or
 * another format's) and the caller decides what it counts as.
 */
export function parseRecord(cursor: ParseCursor, record: Record<string, unknown>): NormalizedEvent[] | null | undefined {
  if (cursor.dialect !== null) {
    // The file's format is known (its first record, or its location said so): only it is asked.
    const format = formatById(cursor.dialect);
    return format.recognise(record) ? format.parse(record, cursor.p) : undefined;
  }
  const recognised = recogniseFormat(record);
  if (recognised === null) return undefined;
  if (cursor.dialect === null) {
    cursor.dialect = recognised.id;
    cursor.p = recognised.initParser();
  }
  if (recognised.id !== cursor.dialect) return undefined;
  return recognised.parse(record, cursor.p);
}
