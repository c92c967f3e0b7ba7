/**
 * Appending one array to another without a spread: `target.push(...items)`
 * passes every item as an argument, and V8 throws "Maximum call stack size
 * exceeded" past ~125,000 of them (a home of that many sessions found in one
 * folder or one chunk).
 */

/** Pushes every item of `items` onto `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
