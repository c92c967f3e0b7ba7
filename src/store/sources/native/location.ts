/**
 * Where every native dialect is found (FORMAT.md §1):
 * `<home>/projects/<16 hex>/<id>.jsonl`, discovered by discover.ts.
 */
import type { SessionLocation } from '../format.js';
import { listProjectIds, scanSessionFiles } from './discover.js';

/** The native home layout as a location the registry can list. */
export const nativeLocation: SessionLocation = {
  id: 'native',
  projectIds: listProjectIds,
  scan: scanSessionFiles,
};
