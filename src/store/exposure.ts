/**
 * Whether the session home lets other users read it (issue 9, "a store
 * readable by others"): logs hold secrets (keys pasted into prompts, tokens
 * in tool output), so a home or a session file readable by group or others
 * earns a warning.
 *
 * A file counts only when the class (group, others) that may read it can
 * also reach it: a 0644 file in a 0700 home, or a 0755 home inside a 0700
 * folder, is private in effect, and is not named (that is how copies and
 * umask-made files usually sit).
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { shellQuote } from '../format/shell-quote.js';
import { isValidProjectId, projectsDir } from './project.js';

/** What of the home others can read. */
export interface StoreExposure {
  /** The home folder itself is readable (listable) by group or others. */
  home: boolean;
  /** Session files (`projects/<id>/*.jsonl`) that group or others can read. */
  files: number;
}

const GROUP = { read: 0o040, search: 0o010 };
const OTHERS = { read: 0o004, search: 0o001 };

/** The names in `dir`; none when it cannot be read (nothing to warn about then). */
function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const modeOf = (path: string): number | null => {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st && !st.isSymbolicLink() ? st.mode : null;
};

type Class = typeof GROUP;

/** Which classes (group, others) can walk from / into `<home>/projects/`, and whether they can list the home; null when there is no home. */
function reachOf(abs: string): { home: boolean; reach: Class[] } | null {
  const homeMode = statSync(abs, { throwIfNoEntry: false })?.mode ?? null;
  if (homeMode === null) return null;
  // The classes that can walk from / down to the home (a symlinked home is the user's choice: followed).
  let outer = [GROUP, OTHERS];
  for (let d = dirname(abs); outer.length > 0; d = dirname(d)) {
    const mode = statSync(d, { throwIfNoEntry: false })?.mode ?? 0;
    outer = outer.filter((c) => (mode & c.search) !== 0);
    if (dirname(d) === d) break;
  }
  const home = outer.some((c) => (homeMode & c.read) !== 0);
  const projectsMode = modeOf(projectsDir(abs));
  // Which classes can walk on into projects/.
  const reach = projectsMode === null ? [] : outer.filter((c) => (homeMode & c.search) !== 0 && (projectsMode & c.search) !== 0);
  return { home, reach };
}

/** The classes of `reach` that can also walk into the project folder `dir` (one lstat; symlinks are not followed). */
function folderReach(dir: string, reach: Class[]): Class[] {
  const mode = modeOf(dir);
  return mode === null ? [] : reach.filter((c) => (mode & c.search) !== 0);
}

/**
 * Looks at the home, `projects/` and every project folder and session file
 * under it (a stat each; symlinks are not followed). A home that does not
 * exist exposes nothing. This is a pass over every file: the CLI and the
 * browser use {@link exposureOfChecked} with the modes their own listing
 * got instead; this full check is for callers that list nothing.
 */
export function storeExposure(home: string): StoreExposure {
  const abs = resolve(home);
  const found = reachOf(abs);
  if (!found) return { home: false, files: 0 };
  const out: StoreExposure = { home: found.home, files: 0 };
  if (found.reach.length === 0) return out;
  const projects = projectsDir(abs);
  for (const id of entries(projects).filter(isValidProjectId)) {
    const dir = join(projects, id);
    const classes = folderReach(dir, found.reach);
    if (classes.length === 0) continue;
    for (const name of entries(dir)) {
      if (!name.endsWith('.jsonl')) continue;
      const mode = modeOf(join(dir, name));
      if (mode !== null && classes.some((c) => (mode & c.read) !== 0)) out.files++;
    }
  }
  return out;
}

/** The permission bits that matter here (group and others read), as kept by a listing's stat: 0 for a private file. */
export const readBits = (mode: number): number => mode & (GROUP.read | OTHERS.read);

/**
 * The same verdict as {@link storeExposure} without a stat per session file:
 * `readable` maps the path of each session file some listing already
 * stat'ed (the catalog's check of every file: SessionCatalog.readableFiles)
 * to its {@link readBits}; only files with some bit set need be in it.
 * Stats the home, the folders above it, `projects/` and the folder of each
 * file in `readable` (once per folder). Files outside `<home>/projects/<id>/`
 * (another agent's logs) are not the home's and are not counted. Files the
 * listing did not check (another project's, out of the command's scope) are
 * not counted either; a home others can list is named all the same.
 */
export function exposureOfChecked(home: string, readable: ReadonlyMap<string, number>): StoreExposure {
  const abs = resolve(home);
  const found = reachOf(abs);
  if (!found) return { home: false, files: 0 };
  const out: StoreExposure = { home: found.home, files: 0 };
  if (found.reach.length === 0 || readable.size === 0) return out;
  const projects = projectsDir(abs);
  const folders = new Map<string, Class[]>();
  for (const [path, bits] of readable) {
    const dir = dirname(path);
    if (dirname(dir) !== projects || !isValidProjectId(basename(dir))) continue;
    let classes = folders.get(dir);
    if (!classes) folders.set(dir, (classes = folderReach(dir, found.reach)));
    if (classes.some((c) => (bits & c.read) !== 0)) out.files++;
  }
  return out;
}

/** The command that makes the home private. */
const fixFor = (home: string): string => `chmod -R go= ${shellQuote(home)}`;

/** The warning in one short line for a screen (the browser), the fix first after the reason; null when nothing is exposed. */
export function exposureNote(home: string, exposure: StoreExposure): string | null {
  return exposure.home || exposure.files > 0 ? `warning: logs readable by others (they hold secrets): ${fixFor(home)}` : null;
}

/** The one-line warning for `exposure`, with the command that fixes it, or null when the store is private. Not sanitized: the caller prints it. */
export function exposureWarning(home: string, exposure: StoreExposure): string | null {
  const fix = fixFor(home);
  if (!exposure.home && exposure.files === 0) return null;
  const parts: string[] = [];
  if (exposure.home) parts.push(`the session home ${home} is readable by group or others`);
  if (exposure.files > 0) parts.push(`${exposure.files === 1 ? '1 session file is' : `${exposure.files} session files are`} readable by group or others`);
  return `warning: ${parts.join(' and ')} (logs hold secrets); to make it private, run: ${fix}`;
}
