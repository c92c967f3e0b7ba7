/** Generated session ids: sortable by time, unique enough, valid per format §1. */
import { randomBytes } from 'node:crypto';

/**
 * A new session id `YYYYMMDD-HHMMSS-<6 hex>` (UTC): the time prefix sorts
 * ids by creation, the random suffix keeps two sessions of one second apart.
 */
export function newSessionId(nowMs: number = Date.now()): string {
  const iso = new Date(nowMs).toISOString(); // 2026-11-20T09:00:05.123Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
