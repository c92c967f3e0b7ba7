/**
 * Where session logs live, for writes that must never land on one (`export
 * -o`): a session is its log, so writing over it, even when asked to replace
 * a file (`--force`), destroys the session. Checked by place and name, before
 * anything is opened, so no listing of the sources is needed: every source
 * keeps its logs (and their indexes, `sessions/<pid>.json`,
 * `session_index.jsonl`) as `.jsonl` or `.json` files in its folders.
 */
import fs from 'node:fs';
import { dirname } from 'node:path';
import { sanitize } from '../../format/sanitize.js';
import { projectsDir } from '../project.js';
import { SameFileError } from './safe-path.js';
import { trashDir } from './trash.js';

/** A write refused because its path is (or would be read as) a session log. */
export class SessionLogError extends Error {
  override name = 'SessionLogError';
}

const shown = (path: string): string => sanitize(path, { singleLine: true });

/** A log's name: `.jsonl` (every source's sessions) or `.json` (Claude's `sessions/<pid>.json`, Gemini's older chats). */
const LOG_NAME = /\.jsonl?$/i;

/**
 * The folders holding session logs: a native home's `projects/` and `.trash/`
 * (deleted sessions, restorable) and each agent's folder whole (`~/.claude`,
 * `~/.codex`, `~/.gemini`, or the `--*-dir` named), whether or not this run
 * reads that source. The rest of the home (exports, labels) is not listed.
 */
export function sessionLogFolders(home: string, agentFolders: readonly string[]): string[] {
  return [projectsDir(home), trashDir(home), ...agentFolders];
}

/**
 * The folder `path` would be created in, as the kernel finds it: its parent
 * resolved by realpath from the path as written (`link/..` goes through the
 * link's target, as an open does; resolving `..` as text first would name
 * another folder), or null when that folder does not exist (nothing can be
 * written there).
 */
function realParent(path: string): string | null {
  try {
    // The native realpath(3): Node's own realpathSync normalizes `..` as text before it looks at any link.
    return fs.realpathSync.native(dirname(path));
  } catch {
    return null;
  }
}

/** `dev:ino` of a folder, or null when it does not exist (or cannot be stat'ed). */
function folderId(dir: string): string | null {
  try {
    const st = fs.statSync(dir);
    return st.isDirectory() ? `${st.dev}:${st.ino}` : null;
  } catch {
    return null;
  }
}

/**
 * The one of `folders` that `dir` (a real, absolute folder) is or lies
 * under, compared by device and inode from `dir` up to the root: a
 * symlink, a bind mount or another spelling of a name (a case-insensitive
 * file system) cannot hide it. Null when none.
 */
function containingFolder(dir: string, folders: readonly string[]): string | null {
  const ids = new Map<string, string>();
  for (const folder of folders) {
    const id = folderId(folder);
    if (id) ids.set(id, folder);
  }
  if (ids.size === 0) return null;
  for (let at = dir; ; at = dirname(at)) {
    const id = folderId(at);
    const hit = id && ids.get(id);
    if (hit) return hit;
    if (dirname(at) === at) return null;
  }
}

/**
 * Throws unless `path` may be written as an output: SameFileError when it
 * is the file `readFrom` (the log being exported, "it is the session log
 * being read"), SessionLogError when it is a `.jsonl` / `.json` file under
 * one of `folders` ({@link sessionLogFolders}), existing or not: a new one
 * there would be read as a session. Folders are compared with their
 * symlinks resolved, so a path through a link into the home is caught too.
 * Reads nothing but file metadata, writes nothing.
 */
export function assertNotSessionLog(path: string, folders: readonly string[], readFrom?: string): void {
  if (readFrom !== undefined) {
    const target = statOrNull(path);
    const src = statOrNull(readFrom);
    if (target && src && target.dev === src.dev && target.ino === src.ino) {
      throw new SameFileError(`refusing to write ${shown(path)}: it is the session log being read`);
    }
  }
  if (!LOG_NAME.test(path)) return;
  const parent = realParent(path);
  const folder = parent === null ? null : containingFolder(parent, folders);
  if (folder === null) return;
  throw new SessionLogError(
    `refusing to write ${shown(path)}: .jsonl and .json files under ${shown(folder)} are session logs, never written, even with --force; choose another path`,
  );
}

/** `path`'s stat, or null for any error (missing, ENOTDIR, EACCES, a loop): the write that follows reports those in words. */
function statOrNull(path: string): fs.Stats | null {
  try {
    return fs.statSync(path);
  } catch {
    return null;
  }
}
