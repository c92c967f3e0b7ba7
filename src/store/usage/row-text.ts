/**
 * How a usage row's key and cost read in every table that shows them
 * (`usage`, `show`, the browser's cost view and Usage tab): one wording per
 * case, so the same group never reads two ways in two places.
 */
import { formatUsd } from '../../format/numbers.js';

/** The by-model row of sessions that recorded no model: one label everywhere (CLI, cost view, JSON). */
export const NO_MODEL_LABEL = '(no model)';

/**
 * The by-endpoint row (and its `usage --json` key) of usage with neither a
 * vendor nor an endpoint recorded: a session with no per-endpoint usage at
 * all (tokens from a meta total, a turns log) and usage whose key is `|`
 * (a store entry naming neither) are the same fact, so one row, one label.
 */
export const NO_ENDPOINT_LABEL = '(no endpoint)';

/**
 * A usage row's key as tables show it: an endpoint key whose endpoint was
 * not recorded (`openai|`, `google|`: Codex and Gemini name none) shows its
 * vendor alone, and one that records neither (`|`) shows
 * {@link NO_ENDPOINT_LABEL}; every other key as it is (`usage --json` keeps
 * the key).
 */
export function rowLabel(key: string): string {
  if (key === '|') return NO_ENDPOINT_LABEL;
  return key.endsWith('|') ? key.slice(0, -1) : key;
}

/**
 * A row's cost (a UsageRow's `knownCostMicros`, micro-USD, and
 * `unknownCostSessions`) as every usage table prints it (`usage`, every `--by`, and
 * the cost view's totals, rows and bars), by one rule:
 * - `$1.23`: the known cost, every session of the row priced;
 * - `$1.23+?`: known cost plus sessions with tokens (or calls) but no price,
 *   whose cost is not in the figure (FORMAT.md §3: unknown, never $0);
 * - `?`: tokens and no price at all;
 * - `–`: nothing known to be spent: no session, or only sessions with no
 *   tokens and no calls (a skills run, a meta-only session). Their stored
 *   cost is null (summarize.ts: no tokens is not free), yet no price is
 *   missing, so they are not unknown cost: a '?' there would disagree with
 *   TOTAL and the unpriced-sessions note, which count tokens without a price.
 */
export function costText(row: { knownCostMicros: number | null; unknownCostSessions: number }): string {
  if (row.knownCostMicros === null) return row.unknownCostSessions > 0 ? '?' : '–';
  return row.unknownCostSessions > 0 ? `${formatUsd(row.knownCostMicros)}+?` : formatUsd(row.knownCostMicros);
}
