/**
 * The progress line of a catalog refresh, as the browser's header shows it:
 * "reading 1,234/10,000 files · 45 MB · 12 MB/s · ~3s left". Pure text;
 * the numbers come from the catalog (store/catalog/catalog.ts ScanProgress).
 */
import { formatDuration, formatInt } from './numbers.js';

/** What the line is built from: files checked of those found, bytes read so far, ms since the refresh began. */
export interface ProgressFigures {
  files: number;
  totalFiles: number;
  bytes: number;
  elapsedMs: number;
}

const MB = 1024 * 1024;

/** Megabytes with one decimal under 10 MB, whole above. */
function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb < 10 ? mb.toFixed(1) : formatInt(Math.round(mb))} MB`;
}

/**
 * One line, without a trailing period. The rate and time left appear once
 * there is a second of history (before that they would be noise); time left
 * is estimated from the files still to check at the rate files were checked.
 */
export function progressLine(p: ProgressFigures): string {
  const parts = [`reading ${formatInt(p.files)}/${formatInt(p.totalFiles)} files`, megabytes(p.bytes)];
  if (p.elapsedMs >= 1000 && p.files > 0) {
    parts.push(`${megabytes((p.bytes / p.elapsedMs) * 1000)}/s`);
    const leftMs = ((p.totalFiles - p.files) * p.elapsedMs) / p.files;
    parts.push(`~${formatDuration(Math.max(1000, leftMs))} left`);
  }
  return parts.join(' · ');
}
