/**
 * Project scope for other agents' sessions (issue 8 item 3): a session
 * belongs to a project when its recorded working directory lies inside the
 * project's git root. Sessions started in a subfolder or in a linked
 * worktree of the repository are found too: a cwd maps to the main
 * worktree's root (a worktree's `.git` file points at
 * `<main>/.git/worktrees/<name>`), and that root's hash (FORMAT.md §1,
 * `projectIdOf`) is the session's project id. A cwd that no longer exists
 * maps to its nearest existing ancestor's repository, else to itself.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { projectIdOf } from '../../project.js';

const memo = new Map<string, string>();

/** The repository root of `cwd` (the main worktree's, for a linked worktree), real path; `cwd` itself when it is in no repository. */
export function repoRootOf(cwd: string): string {
  const key = cwd;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const root = findRepoRoot(cwd);
  memo.set(key, root);
  return root;
}

/** The project id of a recorded working directory: projectIdOf(repoRootOf(cwd)). */
export function projectIdOfCwd(cwd: string): string {
  return projectIdOf(repoRootOf(cwd));
}

function findRepoRoot(cwd: string): string {
  const given = cwd.length > 1 ? cwd.replace(/\/+$/, '') : cwd;
  if (!isAbsolute(given)) return given;
  // The nearest existing ancestor: a deleted subfolder still belongs to its repository.
  let existing = given;
  while (!existsSync(existing)) {
    const up = dirname(existing);
    if (up === existing) return given;
    existing = up;
  }
  let start: string;
  try {
    start = realpathSync(existing);
  } catch {
    return given;
  }
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) return mainWorktree(dir, dotGit);
    if (dirname(dir) === dir) break;
  }
  // In no repository: the directory itself (its real path when it exists).
  return existing === given ? start : given;
}

/** For a linked worktree (`.git` is a file naming `<common>/worktrees/<name>`), the main worktree's root; else `dir`. */
function mainWorktree(dir: string, dotGit: string): string {
  try {
    if (!statSync(dotGit).isFile()) return dir;
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (!gitdir) return dir;
    const abs = resolve(dir, gitdir);
    let common = abs;
    const commondir = join(abs, 'commondir');
    if (existsSync(commondir)) common = resolve(abs, readFileSync(commondir, 'utf8').trim());
    else if (/\/worktrees\/[^/]+$/.test(abs)) common = dirname(dirname(abs));
    else return dir; // a submodule: its own project
    return common.endsWith('/.git') ? realpathSync(dirname(common)) : dir;
  } catch {
    return dir;
  }
}
