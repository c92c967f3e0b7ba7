/**
 * Finds session files under a home (format §1). Only regular files named
 * `<valid id>.jsonl` inside `projects/<16 hex>/` count; other names are
 * ignored, and symlinks are refused (and reported), so nothing outside the
 * home is ever read by accident.
 *
 * A folder that cannot be listed (EACCES on a mode-000 project folder, an
 * I/O error) is reported the same way and the scan goes on.
 *
 * A project folder that is itself a symbolic link is refused the same way,
 * by every view (one project, all projects, find by id, doctor): following it
 * would read files outside the home, and following it in one view but not in
 * another made the two views disagree. Refused folders are reported (see
 * {@link SkippedEntry}) so the CLI can say so on stderr instead of dropping
 * them silently.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { appendAll, byPath } from '../../arrays.js';
import { isValidProjectId, isValidSessionId, projectDir, projectsDir } from '../../project.js';
import type { SessionFile, SessionScan, SkippedEntry } from '../format.js';
import { SYMLINKED_PROJECT, takesEntry, unreadableFolder } from '../common/refused.js';

export type { SessionFile, SessionScan, SkippedEntry };

/** Project ids with a real folder under the home, and the symlinked (or unreadable) ones refused. */
export async function scanProjectIds(home: string): Promise<{ ids: string[]; skipped: SkippedEntry[] }> {
  let entries;
  try {
    entries = await readdir(projectsDir(home), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ids: [], skipped: [] };
    return { ids: [], skipped: [{ path: projectsDir(home), error: unreadableFolder(err) }] };
  }
  const ids: string[] = [];
  const skipped: SkippedEntry[] = [];
  for (const e of entries) {
    if (!isValidProjectId(e.name)) continue;
    if (e.isDirectory()) ids.push(e.name);
    else if (e.isSymbolicLink()) skipped.push({ path: projectDir(home, e.name), error: SYMLINKED_PROJECT });
  }
  ids.sort();
  skipped.sort(byPath);
  return { ids, skipped };
}

/** Project ids that have a real folder (not a symlink) under the home. */
export async function listProjectIds(home: string): Promise<string[]> {
  return (await scanProjectIds(home)).ids;
}

/**
 * Session files of one project, and what was refused: the folder itself when
 * it is a symbolic link, else each `<id>.jsonl` that is a symbolic link
 * (refused like a symlinked folder) and each `.jsonl` file whose name is not
 * a session id, all named, never dropped silently. A project without a
 * folder (or with a file in its place) has none.
 */
async function scanProject(home: string, projectId: string): Promise<SessionScan> {
  // Only hashed ids name a project folder: nothing else may steer the path.
  if (!isValidProjectId(projectId)) return { files: [], skipped: [] };
  const dir = projectDir(home, projectId);
  let entries;
  try {
    // lstat first: readdir alone would follow a symlinked folder out of the home.
    if ((await lstat(dir)).isSymbolicLink()) return { files: [], skipped: [{ path: dir, error: SYMLINKED_PROJECT }] };
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { files: [], skipped: [] };
    // One unreadable folder (mode 000, an I/O error) is one skipped entry: every other project still loads.
    return { files: [], skipped: [{ path: dir, error: unreadableFolder(err) }] };
  }
  const files: SessionFile[] = [];
  const skipped: SkippedEntry[] = [];
  for (const e of entries) {
    if (!e.name.endsWith('.jsonl')) continue;
    const id = e.name.slice(0, -'.jsonl'.length);
    if (takesEntry(e, join(dir, e.name), isValidSessionId(id), skipped)) files.push({ projectId, id, path: join(dir, e.name) });
  }
  return { files, skipped };
}

/** Session files of one project (empty when the project has no folder or its folder is a symlink). */
export async function listProjectSessions(home: string, projectId: string): Promise<SessionFile[]> {
  return (await scanProject(home, projectId)).files;
}

/**
 * Session files of the given projects (every project when `projectIds` is
 * null), with the project folders and session files refused because they
 * are symbolic links.
 */
export async function scanSessionFiles(home: string, projectIds: string[] | null): Promise<SessionScan> {
  const projects = projectIds === null ? await scanProjectIds(home) : { ids: projectIds, skipped: [] };
  const scans = await Promise.all(projects.ids.map((id) => scanProject(home, id)));
  const files: SessionFile[] = [];
  const skipped = [...projects.skipped];
  for (const s of scans) {
    appendAll(files, s.files);
    appendAll(skipped, s.skipped);
  }
  return { files, skipped };
}

/** Session files of the given projects, or of every project when `projectIds` is null; symlinked project folders are left out. */
export async function listSessionFiles(home: string, projectIds: string[] | null): Promise<SessionFile[]> {
  return (await scanSessionFiles(home, projectIds)).files;
}
