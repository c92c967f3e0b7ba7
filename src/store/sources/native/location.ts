/**
 * Where every native dialect is found (FORMAT.md §1):
 * `<home>/projects/<16 hex>/<id>.jsonl`, discovered by discover.ts.
 */
import { projectDir, projectsDir } from '../../project.js';
import type { SessionLocation } from '../format.js';
import { listProjectIds, scanSessionFiles } from './discover.js';

/** The native home layout as a location the registry can list. */
export const nativeLocation: SessionLocation = {
  id: 'native',
  projectIds: listProjectIds,
  scan: scanSessionFiles,
  // The projects folder (new projects) and each project folder (new, grown and removed sessions).
  async watchFolders(home, projectIds) {
    const ids = projectIds ?? (await listProjectIds(home));
    return [projectsDir(home), ...ids.map((id) => projectDir(home, id))];
  },
};
