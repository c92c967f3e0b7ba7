/** The order of session lists, shared by the catalog and the writer's listing. */
import type { SessionSummary } from './types.js';

/** Newest first; ties by id so the order is stable. */
export function byRecency(a: SessionSummary, b: SessionSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
