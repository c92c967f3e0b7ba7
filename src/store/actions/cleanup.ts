/**
 * Moving many sessions to the trash at once (`cleanup`, the library's
 * `SessionStore.cleanupOlderThan`): one session that cannot move never
 * stops the others, and the caller gets back what moved, what was left
 * because it is in use, and what failed and why.
 */
import { ActiveSessionError } from './activity.js';
import { trashSession, type TrashedSession } from './trash.js';
import type { SessionSummary } from '../types.js';

/** A session a cleanup did not move, and why (one short clause: "it is running", "EACCES: permission denied, rename …"). */
export interface CleanupMiss {
  projectId: string;
  id: string;
  reason: string;
}

/** What a cleanup did. */
export interface CleanupReport {
  /** Moved to the trash; `keptAs` is set when a copy with the same id was already there (both are kept). */
  moved: TrashedSession[];
  /** Left where they are because they are in use (active, or grew while being judged). */
  skipped: CleanupMiss[];
  /** Could not be moved: a file system or safety error (a symlink, a trash folder that is a file, …). */
  failed: CleanupMiss[];
}

export const emptyCleanupReport = (): CleanupReport => ({ moved: [], skipped: [], failed: [] });

/**
 * Moves each session to the trash in turn (trash.ts: never through a
 * symlink, both copies kept on a name clash), at clock `nowMs` (epoch ms).
 * A session that became active is added to `skipped`; any other error to
 * `failed` with its message, and the next session is tried. Adds to
 * `report` (a fresh one by default) and returns it; never throws for one
 * session's error.
 */
export function trashEach(
  home: string,
  sessions: readonly Pick<SessionSummary, 'id' | 'projectId' | 'path' | 'status' | 'updatedAt' | 'source'>[],
  nowMs: number,
  report: CleanupReport = emptyCleanupReport(),
): CleanupReport {
  for (const s of sessions) {
    try {
      report.moved.push(trashSession(home, s, { nowMs }));
    } catch (err) {
      const miss = { projectId: s.projectId, id: s.id, reason: err instanceof ActiveSessionError ? err.reason : err instanceof Error ? err.message : String(err) };
      (err instanceof ActiveSessionError ? report.skipped : report.failed).push(miss);
    }
  }
  return report;
}
