/**
 * What a catalog row tells about its file before it is read
 * (summary-cache.ts plans with these): whether the file is as the row saw
 * it, whether its fold state can be continued, and the row's summary and
 * state parsed (a damaged row parses to undefined: the file is read again).
 */
import type { SessionSummary } from '../types.js';
import { SUMMARY_STATE_VERSION, type PartStat, type SummaryState } from '../scan/summary-reader.js';
import { summaryAt } from '../scan/summary-clock.js';
import { dedupeFromObject, unpackDedupe } from '../scan/dedupe-codec.js';
import type { FileRow, ListedRow } from './catalog-db.js';
import { shared, shareRepeats } from './shared-values.js';

/** A stored summary, or undefined when its text is not JSON (a damaged row: the file is read again). */
export function parseSummary(text: string): SessionSummary | undefined {
  try {
    return JSON.parse(text) as SessionSummary;
  } catch {
    return undefined;
  }
}

/**
 * A stored fold state of this build's version (packed-state.ts stateJson:
 * its kept call copies turned back from columns into a Map; a state stored
 * before the columns, with a plain object `dedupe`, is turned into one
 * too), else undefined (another version's or damaged: the file is read again).
 */
export function parseState(text: string): SummaryState | undefined {
  let state: SummaryState & { d?: { dq?: unknown; dedupe?: unknown } };
  try {
    state = JSON.parse(text) as SummaryState;
  } catch {
    return undefined;
  }
  if (state?.v !== SUMMARY_STATE_VERSION || typeof state.d !== 'object' || state.d === null) return undefined;
  if (state.d.dq !== undefined) {
    const dedupe = unpackDedupe(state.d.dq);
    if (!dedupe) return undefined;
    delete state.d.dq;
    state.d.dedupe = dedupe;
  } else if (state.d.dedupe !== undefined) {
    const dedupe = dedupeFromObject(state.d.dedupe);
    if (!dedupe) return undefined;
    state.d.dedupe = dedupe;
  }
  return state;
}

/** The row's summary brought to `nowMs`, when the file is as the row saw it and the figures were computed with `summaryKey`. */
export function storedSummary(row: ListedRow, st: { ino: number; size: number; mtimeMs: number }, projectId: string, summaryKey: string, nowMs: number): SessionSummary | undefined {
  if (!untouched(row, st, projectId) || row.summaryKey !== summaryKey) return undefined;
  const summary = parsedSummary(row);
  return summary && summaryAt(summary, st.mtimeMs, nowMs);
}

/** Each listed row's summary, parsed once however often it is served (first frame, then the check). */
const PARSED = new WeakMap<ListedRow, SessionSummary | null>();
/**
 * Rows the summary cache alone holds ({@link settledRow}): once parsed,
 * their summary's JSON text is let go. Kept with the text, 100,000 rows held
 * ~200 MB beside their parsed summaries (~140 MB) for as long as the catalog
 * lived (a browser's whole run).
 */
const SETTLED = new WeakSet<ListedRow>();

/** A listed row's summary, parsed once (undefined when damaged). */
export function parsedSummary(row: ListedRow): SessionSummary | undefined {
  let summary = PARSED.get(row);
  if (summary === undefined) {
    const parsed = parseSummary(row.summary);
    PARSED.set(row, (summary = parsed ? shareRepeats(parsed, row.path) : null));
    if (SETTLED.has(row)) letGo(row, summary);
  }
  return summary ?? undefined;
}

/**
 * A settled row once its summary is parsed: its text dropped, and the
 * strings it repeats from the summary (id, updatedAt) made the summary's.
 */
function letGo(row: ListedRow, summary: SessionSummary | null): void {
  row.summary = '';
  if (!summary) return;
  if (row.sessionId === summary.id) row.sessionId = summary.id;
  if (row.updatedAt === summary.updatedAt) row.updatedAt = summary.updatedAt;
}

/**
 * Records that `row` (a row just made from it) holds `summary`, so it is
 * never parsed back from its text; its repeated strings are made shared
 * (shared-values.ts), in place: `summary` must be one nobody holds yet.
 */
export function rememberParsed(row: ListedRow, summary: SessionSummary): void {
  PARSED.set(row, shareRepeats(summary, row.path));
}

/**
 * The listing's part of `row` (no fold state, check hash, texts or calls),
 * for the summary cache to remember a row it read from the database or
 * wrote to it: nobody else holds the copy, so its summary text is dropped
 * as soon as it is parsed, or at once when the row's summary is known
 * (parsed, or remembered from the read that made it). Only for a row whose
 * text is in the database or never needed again: the copy's text is gone
 * once parsed.
 */
export function settledRow(row: ListedRow): ListedRow {
  const { path, projectId, sessionId, ino, size, mtimeMs, updatedAt, empty, summary, summaryKey, textDone, parts } = row;
  // A few distinct project ids and price keys among thousands of rows: one shared copy each (shared-values.ts).
  const slim: ListedRow = { path, projectId: shared(projectId), sessionId, ino, size, mtimeMs, updatedAt, empty, summary, summaryKey: shared(summaryKey), textDone, parts };
  SETTLED.add(slim);
  const known = PARSED.get(row);
  if (known) {
    PARSED.set(slim, known);
    letGo(slim, known);
  }
  return slim;
}

/** The file is as the row saw it: same inode, project, size and mtime. */
export function untouched(row: ListedRow, st: { ino: number; size: number; mtimeMs: number }, projectId: string): boolean {
  return row.ino === st.ino && row.projectId === projectId && row.size === st.size && row.mtimeMs === st.mtimeMs;
}

/**
 * A state can be continued when the file is the same inode, was not cut
 * below what the state consumed, and either grew (appended) or kept both
 * its size and its mtime (untouched). (The offset is checked once the state is parsed.)
 */
export function reusable(row: FileRow, st: { ino: number; size: number; mtimeMs: number }, projectId: string): boolean {
  if (row.ino !== st.ino || row.projectId !== projectId) return false;
  return st.size > row.size || (st.size === row.size && st.mtimeMs === row.mtimeMs);
}

/** A row's parts (FileRow.parts) parsed; [] for '' (not a whole read) or damaged text. */
export function parsedParts(text: string): PartStat[] {
  if (!text) return [];
  try {
    const parts = JSON.parse(text) as unknown;
    return Array.isArray(parts) ? (parts as PartStat[]) : [];
  } catch {
    return [];
  }
}
