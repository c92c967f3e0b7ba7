/**
 * "Is this session still being written?" — the one rule that keeps
 * `delete`, `cleanup` and resume from acting on a live session (moving a file
 * an agent still appends to splits the session in two; resuming it forks it).
 * The CLI and the browser both ask here.
 */
import { statSync } from 'node:fs';
import { RUNNING_WINDOW_MS } from '../scan/summarize.js';
import type { SessionSummary } from '../types.js';

/** A session whose last record or file changed this recently counts as active: 10 minutes, the ● badge's window. */
export const ACTIVE_WINDOW_MS = RUNNING_WINDOW_MS;

/** Why a session is active, or that it is not. */
export interface SessionActivity {
  /** Running, or changed within the window: `delete` and `cleanup` leave it alone. */
  active: boolean;
  /**
   * Its status is `running` (the ● badge): resuming it would fork it. A
   * recent change alone does not count here, because resuming the session
   * one just left (prompt cache still warm) is the common case.
   */
  running: boolean;
  /** One short clause for messages ("it is running", "its file changed 2 min ago"); null when not active. */
  reason: string | null;
  /** ms since the newer of the last record and the file's mtime; null when neither is known. */
  ageMs: number | null;
  /**
   * When the session last changed (epoch ms): the newest of `updatedAt` and
   * the file's mtime. A store file's meta `updated_at` may be stale while
   * records are still appended, so a cleanup cutoff measured on `updatedAt`
   * alone would trash a live session. NaN when neither is known.
   */
  lastMs: number;
}

/**
 * Age of a moment in ms, or null when unknown. A moment up to one window
 * after `nowMs` counts as age 0: the clock is read once at start-up and an
 * agent may append while we load. One further ahead is not recent: the
 * clock is pinned in the past (the demo, tests), not the file in the future.
 */
function ageOf(ms: number, nowMs: number): number | null {
  if (!Number.isFinite(ms)) return null;
  if (ms <= nowMs) return nowMs - ms;
  return ms - nowMs < ACTIVE_WINDOW_MS ? 0 : null;
}

/**
 * Whether a session is active at `nowMs` (epoch ms): its status is
 * `running` (FORMAT.md §4), or the newer of its last record (`updatedAt`)
 * and its file's mtime (read now, not from a cache) is less than
 * {@link ACTIVE_WINDOW_MS} old. A time less than a window after the clock
 * is recent (written since the clock was read); one further ahead is not,
 * so a clock pinned in the past (demo, tests) does not freeze every session.
 * A file that cannot be stat'ed is judged by its records alone. Never throws.
 */
export function sessionActivity(summary: Pick<SessionSummary, 'status' | 'updatedAt' | 'path'>, nowMs: number): SessionActivity {
  let mtimeMs = Number.NaN;
  try {
    mtimeMs = statSync(summary.path).mtimeMs;
  } catch {
    // Gone or unreadable: the caller's own action reports that.
  }
  const ages = [ageOf(Date.parse(summary.updatedAt), nowMs), ageOf(mtimeMs, nowMs)].filter((a): a is number => a !== null);
  const ageMs = ages.length > 0 ? Math.min(...ages) : null;
  const updated = Date.parse(summary.updatedAt);
  const lastMs = ageMs === null ? updated : Math.max(Number.isFinite(updated) ? updated : -Infinity, nowMs - ageMs);
  if (summary.status === 'running') return { active: true, running: true, reason: 'it is running', ageMs, lastMs };
  if (ageMs !== null && ageMs < ACTIVE_WINDOW_MS) {
    const minutes = Math.floor(ageMs / 60_000);
    return { active: true, running: false, reason: `it changed ${minutes < 1 ? 'less than a minute' : `${minutes} min`} ago (it may still be running)`, ageMs, lastMs };
  }
  return { active: false, running: false, reason: null, ageMs, lastMs };
}

/** Thrown when an action would touch an active session without `force`. */
export class ActiveSessionError extends Error {
  override name = 'ActiveSessionError';
  constructor(
    readonly sessionId: string,
    readonly reason: string,
  ) {
    super(`session ${sessionId} is active: ${reason}`);
  }
}
