/**
 * How a usage row's key reads in every table that shows one (`usage`,
 * `show`, the browser's cost view and Usage tab): one wording per case, so
 * the same group never reads two ways in two places.
 */

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
