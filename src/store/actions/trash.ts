/**
 * Deleting moves a session into `<home>/.trash/<projectId>/` (never outside
 * the home, never through a symlink) so `restore` can bring it back.
 */
import { lstatSync, linkSync, mkdirSync, chmodSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoSymlinks as checkNoSymlinks, UnsafePathError } from './safe-path.js';
import { ActiveSessionError, sessionActivity } from './activity.js';
import { assertSessionId, isValidProjectId, projectDir, projectsDir } from '../project.js';
import type { SessionSummary } from '../types.js';
import { sourceAgent } from '../sources/registry.js';
import { parseTrashName, trashFileName } from './trash-names.js';
import { shownValue } from '../../format/shown-value.js';

export const trashDir = (home: string): string => join(home, '.trash');

export class TrashError extends Error {
  override name = 'TrashError';
}

/**
 * Thrown for a session another agent wrote (Claude Code, Codex CLI, Gemini
 * CLI): its files are that tool's (its index, its subagent folders, its own
 * resume), so they are never moved; only session-browser's own sessions go
 * to the trash. `cleanup` leaves such sessions out and says how many.
 */
export class NotOwnSessionError extends TrashError {
  override name = 'NotOwnSessionError';
  constructor(
    readonly id: string,
    readonly agent: string,
    readonly path: string,
  ) {
    super(`${id} is a ${agent} session (${path}): session-browser deletes only its own sessions; ${agent} keeps its file, remove it yourself if you mean to`);
  }
}

/** Throws NotOwnSessionError for a session of another agent's source (sources/registry.ts sourceAgent). */
export function assertOwnSession(summary: Pick<SessionSummary, 'id' | 'source' | 'path'>): void {
  const agent = sourceAgent(summary.source);
  if (agent !== null) throw new NotOwnSessionError(summary.id, agent, summary.path);
}

/** Throws TrashError unless `path` and every folder between the home and it is a real entry, not a symlink (safe-path.ts). */
function assertNoSymlinks(home: string, path: string): void {
  try {
    checkNoSymlinks(home, path, 'move');
  } catch (err) {
    if (err instanceof UnsafePathError) throw new TrashError(err.message);
    throw err;
  }
}

function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

export interface TrashedSession {
  projectId: string;
  id: string;
  from: string;
  to: string;
  /**
   * Set when a session with this id was already in the trash: both are kept,
   * and the one moved now is there under this name (`<id>~2`, `<id>~3`, …:
   * trash-names.ts). `restore <id>` brings back the copy deleted last, as `<id>`.
   */
  keptAs?: string;
  /** From a restore: how many other copies of this session are still in the trash (deleted before it). */
  olderCopies?: number;
}

/** The first copy number whose trash file `<dir>/<id>.jsonl`, `<dir>/<id>~N.jsonl` is free. */
function freeCopy(dir: string, id: string): number {
  for (let n = 1; ; n++) if (!lstatSync(join(dir, trashFileName(id, n)), { throwIfNoEntry: false })) return n;
}

/**
 * Moves a session file to the trash. When a deleted session with the same id
 * is already there, both are kept: this one goes in as `<id>~2` (`keptAs`),
 * and being the newest, it is the one `restore <id>` brings back.
 */
export function moveToTrash(home: string, projectId: string, id: string): TrashedSession {
  assertSessionId(id);
  if (!isValidProjectId(projectId)) throw new TrashError(`invalid project id ${shownValue(projectId, { quote: true })}`);
  const from = join(projectDir(home, projectId), `${id}.jsonl`);
  assertNoSymlinks(home, from);
  const st = lstatSync(from, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new TrashError(`no session ${shownValue(id)} in project ${projectId}`);
  const dir = join(trashDir(home), projectId);
  assertNoSymlinks(home, dir);
  ensurePrivateDir(dir);
  const copy = freeCopy(dir, id);
  const to = join(dir, trashFileName(id, copy));
  renameSync(from, to);
  return { projectId, id, from, to, ...(copy === 1 ? {} : { keptAs: trashFileName(id, copy).slice(0, -'.jsonl'.length) }) };
}

/**
 * Moves a session to the trash unless it is active (see activity.ts:
 * running, or its last record or file changed in the last 10 minutes).
 * `nowMs` is the clock (epoch ms); `force` moves an active session anyway.
 * Throws NotOwnSessionError for another agent's session (never moved),
 * ActiveSessionError for an active session without `force`, and
 * TrashError / InvalidIdError like {@link moveToTrash}.
 */
export function trashSession(
  home: string,
  summary: Pick<SessionSummary, 'id' | 'projectId' | 'path' | 'status' | 'updatedAt' | 'source'>,
  opts: { nowMs: number; force?: boolean },
): TrashedSession {
  assertOwnSession(summary);
  const activity = sessionActivity(summary, opts.nowMs);
  if (activity.active && !opts.force) throw new ActiveSessionError(summary.id, activity.reason ?? 'it is active');
  return moveToTrash(home, summary.projectId, summary.id);
}

/** One session in the trash. */
export interface TrashEntry {
  projectId: string;
  /** The session's id, which `restore` brings it back as (a later copy's file is `<id>~2.jsonl`: trash-names.ts). */
  id: string;
  /** Which copy of `id` it is by name: 1 for `<id>.jsonl`, n for `<id>~n.jsonl`. */
  copy: number;
  path: string;
  /** When it was moved there: the file's ctime (a rename sets it), epoch ms. */
  deletedMs: number;
  /** Bytes. */
  size: number;
  /**
   * The copy of this session (in its project) deleted last: the one
   * `restore <id>` brings back, listed as `<id>`; the others are named
   * `<id>~<copy>`.
   */
  latest: boolean;
}

/**
 * Everything in `<home>/.trash/`, most recently deleted first (a tie: the
 * higher copy number first); [] when there is no trash. Symlinks are skipped.
 * Several copies of one session are each an entry, under the session's id,
 * the first of them `latest`.
 */
export function listTrash(home: string): TrashEntry[] {
  const out: TrashEntry[] = [];
  let projects: string[];
  try {
    projects = readdirSync(trashDir(home)).filter(isValidProjectId);
  } catch {
    return [];
  }
  for (const projectId of projects) {
    let names: string[];
    try {
      names = readdirSync(join(trashDir(home), projectId));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(trashDir(home), projectId, name);
      if (!name.endsWith('.jsonl')) continue;
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (!st?.isFile()) continue;
      const parsed = parseTrashName(name, path);
      if (parsed) out.push({ projectId, id: parsed.id, copy: parsed.copy, path, deletedMs: st.ctimeMs, size: st.size, latest: false });
    }
  }
  out.sort(newestFirst);
  const seen = new Set<string>();
  for (const e of out) {
    const key = `${e.projectId}/${e.id}`;
    e.latest = !seen.has(key);
    seen.add(key);
  }
  return out;
}

function newestFirst(a: TrashEntry, b: TrashEntry): number {
  return b.deletedMs - a.deletedMs || b.copy - a.copy || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A session in the trash, in one project: its copy deleted last, and how many older copies of it that project's trash holds. */
export interface TrashedCopy {
  projectId: string;
  path: string;
  olderCopies: number;
  /** Every copy there, newest first (`path` is the first's). */
  copies: TrashEntry[];
}

/** Sessions in the trash with this id: one per project (its copy deleted last, which `restore` brings back). */
export function findInTrash(home: string, id: string): TrashedCopy[] {
  assertSessionId(id);
  const byProject = new Map<string, TrashEntry[]>();
  for (const e of listTrash(home)) {
    if (e.id !== id) continue;
    const copies = byProject.get(e.projectId);
    if (copies) copies.push(e);
    else byProject.set(e.projectId, [e]);
  }
  return [...byProject].map(([projectId, copies]) => ({ projectId, path: copies[0]!.path, olderCopies: copies.length - 1, copies }));
}

/**
 * Moves a trashed session back to its project as `<id>.jsonl`: the copy
 * deleted last, when several are there (`olderCopies` says how many stay),
 * or copy `copy` by its number (TrashEntry.copy) when given.
 * `projectId` picks one when several projects had it. Throws TrashError when
 * it is not in the trash, is in several projects, or the session's file
 * exists again in its project (nothing is replaced).
 */
export function restoreFromTrash(home: string, id: string, projectId?: string, copy?: number): TrashedSession {
  const found = findInTrash(home, id).filter((t) => !projectId || t.projectId === projectId);
  if (found.length === 0) throw new TrashError(`no deleted session ${shownValue(id)} in the trash`);
  if (found.length > 1) throw new TrashError(`session ${id} was deleted in ${found.length} projects; pass --project to pick one`);
  const { projectId: pid, olderCopies, copies } = found[0]!;
  let from = found[0]!.path;
  if (copy !== undefined) {
    // One copy by its number (`restore ID~2`, as the trash listing names the copies not deleted last).
    const chosen = copies.find((e) => e.copy === copy);
    if (!chosen) throw new TrashError(`no copy ${copy} of deleted session ${id} in the trash`);
    from = chosen.path;
  }
  assertNoSymlinks(home, from);
  const dir = projectDir(home, pid);
  assertNoSymlinks(home, dir);
  ensurePrivateDir(projectsDir(home));
  ensurePrivateDir(dir);
  const to = join(dir, `${id}.jsonl`);
  if (lstatSync(to, { throwIfNoEntry: false })) throw new TrashError(`cannot restore ${id}: ${to} exists`);
  moveNoReplace(from, to, id);
  return { projectId: pid, id, from, to, olderCopies };
}

/**
 * Moves `from` to `to` unless `to` exists, atomically: a hard link fails
 * with EEXIST where a rename would replace a file made since the check (a
 * session the agent wrote back meanwhile). A file system without hard links
 * falls back to the rename, the check just made still standing.
 */
function moveNoReplace(from: string, to: string, id: string): void {
  try {
    linkSync(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TrashError(`cannot restore ${id}: ${to} exists`);
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') return renameSync(from, to);
    throw err;
  }
  unlinkSync(from);
}
