/** The order of session lists, shared by the catalog and the writer's listing. */
import type { SessionSummary } from './types.js';

/**
 * Newest first; ties by id, then by project (the same id can live in two
 * projects), so the order never depends on which file was read first.
 */
export function byRecency(a: SessionSummary, b: SessionSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0;
}
