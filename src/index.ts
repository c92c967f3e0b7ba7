/**
 * session-browser as a library: read the JSONL session logs of agent
 * harnesses (docs/format.md) and write them from a TypeScript agent.
 */
export type * from './store/types.js';
export { SessionCatalog, byRecency, type CatalogOptions, type SummaryList } from './store/catalog/catalog.js';
export { readSummary, initialSummaryState, type SummaryState, type ReadSummaryOptions } from './store/scan/summary-reader.js';
export { loadTranscript } from './store/scan/transcript.js';
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
export { lookupPrice, priceMicros, loadPricingFile, mergePrices, providerOf, type ModelPrice, type PriceTable } from './store/pricing.js';
export { aggregateUsage, type UsageRow, type UsageReport } from './store/usage/usage.js';
export { parseSince, type TimeWindow } from './store/usage/window.js';
export { parseDuration } from './store/duration.js';
export { splitTemplate, substitute, planResume, writeContextFile } from './store/actions/resume.js';
export { moveToTrash, restoreFromTrash } from './store/actions/trash.js';
export { buildSearchIndex, searchSessions, type SearchHit } from './store/search/search.js';
export { sanitize } from './format/sanitize.js';
export { transcriptToMarkdown } from './format/markdown.js';
export * from './store/writer/index.js';
