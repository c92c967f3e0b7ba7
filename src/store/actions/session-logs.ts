/**
 * Where session logs live, for writes that must never land on one (`export
 * -o`): a session is its log, so writing over it, even when asked to replace
 * a file (`--force`), destroys the session. Checked by place and name, before
 * anything is opened, so no listing of the sources is needed: every source
 * keeps its logs (and their indexes, `sessions/<pid>.json`,
 * `session_index.jsonl`) as `.jsonl` or `.json` files in its folders.
 */
import fs from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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

/** `path` with its folder's symlinks resolved (the name itself is not followed), or plainly absolute when the folder is missing. */
function realTarget(path: string): string {
  const abs = resolve(path);
  try {
    return join(fs.realpathSync(dirname(abs)), basename(abs));
  } catch {
    return abs;
  }
}

function realFolder(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

const isInside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

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
    const target = fs.statSync(path, { throwIfNoEntry: false });
    const src = fs.statSync(readFrom, { throwIfNoEntry: false });
    if (target && src && target.dev === src.dev && target.ino === src.ino) {
      throw new SameFileError(`refusing to write ${shown(path)}: it is the session log being read`);
    }
  }
  if (!LOG_NAME.test(path)) return;
  const target = realTarget(path);
  for (const folder of folders) {
    if (!isInside(realFolder(folder), target) && !isInside(resolve(folder), resolve(path))) continue;
    throw new SessionLogError(
      `refusing to write ${shown(path)}: .jsonl and .json files under ${shown(folder)} are session logs, never written, even with --force; choose another path`,
    );
  }
}
