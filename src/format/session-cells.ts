/**
 * The figures of one session as the list shows them, shared by the browser's
 * rows and the CLI's text table so both print a session the same way.
 */
import type { SessionSummary } from '../store/types.js';
import { badges } from './badges.js';
import { formatCompactCount, formatInt, formatTokens, formatUsd, shownTokens, spentNothing } from './numbers.js';
import { sanitize } from './sanitize.js';
import { relativeTime } from './time.js';

export type ColumnKey = 'age' | 'msgs' | 'tools' | 'model' | 'tokens' | 'cost' | 'badges';

/** The text of one cell. */
export function cellText(key: ColumnKey, s: SessionSummary, nowMs: number): string {
  switch (key) {
    case 'age':
      return relativeTime(s.updatedAt, nowMs);
    case 'msgs':
      return countCell(s.messageCount);
    case 'tools':
      return countCell(s.toolCalls);
    case 'model':
      return sanitize(s.model, { singleLine: true }) || '–';
    case 'tokens':
      return formatTokens(shownTokens(s.tokens), s.tokens.estimated);
    case 'cost':
      // As `usage` says it (row-text.ts costText): `?` is tokens without a price; a session that spent nothing is `–`.
      return s.costMicros === null && spentNothing(s.tokens, sessionCalls(s)) ? '–' : formatUsd(s.costMicros);
    case 'badges':
      return badges(s, nowMs);
    default:
      return key satisfies never;
  }
}

/**
 * A count for a 5-wide column: whole up to 9,999, then compact ("18k",
 * "1.2M") — "17,842" was drawn "17,8…", a figure that reads as another.
 */
function countCell(n: number): string {
  return Number.isFinite(n) && n >= 10_000 ? formatCompactCount(n) : formatInt(n);
}

/** The calls a session made: by endpoint where recorded, else by model (what usage.ts counts too). */
export function sessionCalls(s: SessionSummary): number {
  return s.endpoints.reduce((n, e) => n + e.calls, 0) || s.models.reduce((n, m) => n + m.calls, 0);
}
