/**
 * Finds session files under a home (format §1). Only regular files named
 * `<valid id>.jsonl` inside `projects/<16 hex>/` count; symlinks and other
 * names are ignored, so nothing outside the home is ever read by accident.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidProjectId, isValidSessionId, projectDir, projectsDir } from './project.js';

export interface SessionFile {
  projectId: string;
  id: string;
  path: string;
}

/** Project ids that have a folder under the home. */
export async function listProjectIds(home: string): Promise<string[]> {
  try {
    const entries = await readdir(projectsDir(home), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && isValidProjectId(e.name)).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Session files of one project (empty when the project has no folder). */
export async function listProjectSessions(home: string, projectId: string): Promise<SessionFile[]> {
  // Only hashed ids name a project folder: nothing else may steer the path.
  if (!isValidProjectId(projectId)) return [];
  let entries;
  try {
    entries = await readdir(projectDir(home, projectId), { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
  const out: SessionFile[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.jsonl')) continue;
    const id = e.name.slice(0, -'.jsonl'.length);
    if (!isValidSessionId(id)) continue;
    out.push({ projectId, id, path: join(projectDir(home, projectId), e.name) });
  }
  return out;
}

/** Session files of the given projects, or of every project when `projectIds` is null. */
export async function listSessionFiles(home: string, projectIds: string[] | null): Promise<SessionFile[]> {
  const ids = projectIds ?? (await listProjectIds(home));
  const lists = await Promise.all(ids.map((id) => listProjectSessions(home, id)));
  return lists.flat();
}
