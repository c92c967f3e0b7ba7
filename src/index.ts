/**
 * session-browser as a library: read the JSONL session logs of agent
 * harnesses (docs/format.md) and write them from a TypeScript agent.
 */
export type * from './store/types.js';
export { SessionCatalog, byRecency, type CatalogOptions, type SummaryList } from './store/catalog/catalog.js';
export { readSummary, initialSummaryState, type SummaryState, type ReadSummaryOptions } from './store/scan/summary-reader.js';
export { loadTranscript } from './store/scan/transcript.js';
/**
 * @internal Cold scans in worker threads (scan/scan-pool.ts), exported so
 * tests can run them from this bundle; not a stable API.
 */
export {
  readSummaries,
  readPackedSummaries,
  readPackedSummariesFed,
  JobFeed,
  scanThreads,
  prestartScanWorkers,
  type StartedWorkers,
  type SummaryJob,
  type SummaryOutcome,
  type CheckedSummary,
  type ScanProgress,
  type ScanPoolOptions,
  type ScanStats,
} from './store/scan/scan-pool.js';
/** @internal The CLI entry's early scan workers (scan/early-workers.ts), exported for tests; not a stable API. */
export { startEarlyScanWorkers, takeEarlyScanWorkers, endEarlyScanWorkers } from './store/scan/early-workers.js';
export { readSummarySync, type SummaryResult } from './store/scan/summary-reader.js';
export { diagnoseFile } from './store/scan/doctor.js';
export { listSessionFiles, listProjectIds, type SessionFile } from './store/sources/native/discover.js';
export {
  resolveHome,
  resolveProject,
  findProjectRoot,
  projectIdOf,
  isValidSessionId,
  assertSessionId,
  InvalidIdError,
  sessionPath,
  type ProjectRef,
} from './store/project.js';
export { BUILTIN_PRICES } from './store/prices-builtin.js';
export { lookupPrice, priceMicros, mergePrices, providerOf, type ModelPrice, type PriceTable } from './store/pricing.js';
export { loadPricingFile } from './store/pricing-file.js';
export { aggregateUsage, type UsageRow, type UsageReport } from './store/usage/usage.js';
export { parseSince, type TimeWindow } from './store/usage/window.js';
export { parseDuration } from './store/duration.js';
export { splitTemplate, substitute, planResume, writeContextFile } from './store/actions/resume.js';
/**
 * The trash (`<home>/.trash/`): `trashSession` moves a session there unless it
 * is active (ActiveSessionError; `force` overrides), `listTrash` lists what is
 * there (newest deletion first), `restoreFromTrash` brings one back.
 * `moveToTrash` moves without the activity check.
 */
export {
  moveToTrash,
  trashSession,
  listTrash,
  findInTrash,
  restoreFromTrash,
  TrashError,
  type TrashEntry,
  type TrashedSession,
} from './store/actions/trash.js';
/** Many sessions to the trash at once: one that cannot move never stops the rest; the report says what moved, what was skipped and what failed, and why. */
export { trashEach, type CleanupReport, type CleanupMiss } from './store/actions/cleanup.js';
/**
 * "Is this session still being written?": running, or its last record or its
 * file changed within ACTIVE_WINDOW_MS (10 minutes). Delete, cleanup and
 * resume ask here before acting.
 */
export { sessionActivity, ActiveSessionError, ACTIVE_WINDOW_MS, type SessionActivity } from './store/actions/activity.js';
/**
 * Streaming exports (Markdown, JSON) and reads: one entry in memory at a time,
 * whatever the session's size. Write to a `fileSink(path)` or a
 * `writableSink(process.stdout, { close: false })`, then `await sink.end()`;
 * `pricing` is BUILTIN_PRICES unless you have your own table.
 */
export { writeMarkdownExport, writeJsonExport } from './store/actions/transcript-export.js';
export { streamEntries, streamResumeContext, type StreamOptions, type EntryHandler, type MessageHandler } from './store/scan/transcript-stream.js';
export { fileSink, writableSink, SameFileError, type TextSink } from './store/actions/text-sink.js';
export { SessionSearch, FEW_EXACT, type SearchOptions } from './store/search/session-search.js';
export { buildMemorySearch, type SearchDoc } from './store/search/memory-search.js';
export type { SearchHit, SearchRange, Snippet, MatchTier } from './store/search/types.js';
export { sanitize } from './format/sanitize.js';
export { transcriptToMarkdown } from './format/markdown.js';
export * from './store/writer/index.js';
