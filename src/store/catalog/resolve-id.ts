/**
 * Git-style resolution of a session id typed on a command line: the whole id
 * or a unique prefix of it.
 *
 * The rule, kept simple so that nothing is ever picked silently:
 * - ids that equal the input win over ids that merely start with it (so a
 *   whole id stays usable when it is also a prefix of a longer one);
 * - exactly one winner is a match; two or more (the same id in two projects,
 *   or a prefix shared by several ids) are ambiguous, and the caller lists
 *   them. No project is preferred: narrowing the search to one project is
 *   the caller's choice (the CLI's explicit `--project`), made before this
 *   runs.
 */

/** What an id or prefix resolved to among the candidates given. */
export type IdResolution<T> =
  | { kind: 'match'; match: T }
  /** Two or more candidates, in the order given (exact matches only, when there are several). */
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none' };

/** Resolves `input` (a whole id or a prefix, case-sensitive) among `items` by the rule above. */
export function resolveIdPrefix<T extends { id: string }>(input: string, items: readonly T[]): IdResolution<T> {
  const exact = items.filter((f) => f.id === input);
  const found = exact.length > 0 ? exact : items.filter((f) => f.id.startsWith(input));
  if (found.length === 0) return { kind: 'none' };
  if (found.length === 1) return { kind: 'match', match: found[0]! };
  return { kind: 'ambiguous', candidates: found };
}
