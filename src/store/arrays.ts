/**
 * Array helpers of the store. Appending one array to another goes without
 * a spread: `target.push(...items)` passes every item as an argument, and
 * V8 throws "Maximum call stack size exceeded" past ~125,000 of them (a
 * home of that many sessions found in one folder or one chunk).
 */

/** Pushes every item of `items` onto `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** Orders things by their `path`, code unit by code unit (as `<` does): the one order of files and skipped entries, the same from run to run. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
