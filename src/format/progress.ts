/**
 * The progress line of a catalog refresh, as the browser's header shows it:
 * "reading 1,234/10,000 files · 45 MB of 212 MB · 12 MB/s · ~14s left". Pure text;
 * the numbers come from the catalog (store/catalog/catalog.ts ScanProgress).
 */
import { formatDuration, formatInt } from './numbers.js';

/** What the line is built from: files checked of those found, bytes read of those to read, ms since the refresh began. */
export interface ProgressFigures {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
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
 * is estimated from the bytes still to read at the rate read so far.
 * `short` (a narrow header): "reading 1,234/10,000 · 45/212 MB · ~14s left",
 * no rate.
 */
export function progressLine(p: ProgressFigures, { short = false }: { short?: boolean } = {}): string {
  const parts = short
    ? [`reading ${formatInt(p.files)}/${formatInt(p.totalFiles)}`, `${megabytes(p.bytes).replace(' MB', '')}/${megabytes(p.totalBytes)}`]
    : [`reading ${formatInt(p.files)}/${formatInt(p.totalFiles)} files`, `${megabytes(p.bytes)} of ${megabytes(p.totalBytes)}`];
  if (p.elapsedMs >= 1000 && p.bytes > 0) {
    if (!short) parts.push(`${megabytes((p.bytes / p.elapsedMs) * 1000)}/s`);
    // Reading is most of the work: what is left to read, at the rate read so far.
    const leftMs = ((p.totalBytes - p.bytes) * p.elapsedMs) / p.bytes;
    parts.push(`~${estimate(Math.max(1000, leftMs))} left`);
  }
  return parts.join(' · ');
}

/**
 * The background indexing of sessions' text, shorter than {@link progressLine}
 * (it shares the header with the session count): "indexing
 * 1,234/10,000 · ~14s left" (sessions whose text is indexed), time left as there.
 */
export function indexingLine(p: ProgressFigures): string {
  // Short: it shares the header with the scope and the session count, at 80 columns too.
  const parts = [`indexing ${formatInt(p.files)}/${formatInt(p.totalFiles)}`];
  if (p.elapsedMs >= 1000 && p.bytes > 0) {
    const leftMs = ((p.totalBytes - p.bytes) * p.elapsedMs) / p.bytes;
    // The estimate counts bytes read; the last files' index writes it cannot see ("~1.0s left" stood for 40 s).
    parts.push(leftMs < 2000 ? 'finishing' : `~${estimate(leftMs)} left`);
  }
  return parts.join(' · ');
}

/** A time left, no more precise than an estimate is: "~28s", not "~28.1s" (tenths only under 10 s; then as formatDuration). */
function estimate(ms: number): string {
  return ms >= 10_000 && ms < 59_500 ? `${Math.round(ms / 1000)}s` : formatDuration(ms);
}

const GB = 1024 * MB;

/**
 * The line under a big session's first entries while the rest is read:
 * "reading 312 MB of 954 MB…", "reading 1.2 GB of 3.4 GB…" (sizes in
 * binary units: MB = 2^20 bytes).
 */
export function transcriptProgressLine(bytes: number, totalBytes: number): string {
  const size = (n: number): string => (totalBytes >= GB ? `${(n / GB).toFixed(1)} GB` : megabytes(n));
  return `reading ${size(bytes)} of ${size(totalBytes)}…`;
}
