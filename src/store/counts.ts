/**
 * Sums of token counts and micro-USD that are exact or say they are not.
 * Each recorded count is a non-negative safe integer (fold-common isCount),
 * but a sum of many can pass 2^53 - 1, where doubles stop counting by one:
 * printed, it would be a wrong exact figure. Every total is added here; a
 * sum that passes the limit is capped at {@link SUM_CAP} and stays there
 * (adding to or taking from a capped sum leaves it capped), so the cap is
 * its own mark: readers test {@link isOverflowed} and print "overflow".
 */

/** Number.MAX_SAFE_INTEGER: the value of a sum (tokens, micro-USD) that passed it. */
export const SUM_CAP = Number.MAX_SAFE_INTEGER;

/** True when `n` (tokens or micro-USD) is a capped sum, not an exact figure. */
export const isOverflowed = (n: number): boolean => n >= SUM_CAP;

/** True when any of `figures` (tokens, micro-USD; null: unknown, never capped) is a capped sum. */
export const anyOverflowed = (...figures: (number | null)[]): boolean => figures.some((n) => n !== null && isOverflowed(n));

/**
 * a + b for two non-negative counts (tokens, micro-USD, calls); SUM_CAP
 * when either is capped or the exact sum would pass SUM_CAP. Never throws.
 */
export function addTokens(a: number, b: number): number {
  const sum = a + b;
  return a >= SUM_CAP || b >= SUM_CAP || sum >= SUM_CAP ? SUM_CAP : sum;
}

/** a - b, taking back a count added earlier; a capped sum stays capped (what was in it is no longer known). */
export function subTokens(a: number, b: number): number {
  return a >= SUM_CAP ? SUM_CAP : a - b;
}

/** Non-negative micro-USD (or tokens) rounded to an integer and capped: `n` from a product (tokens × price) may pass the limit too. */
export function capSum(n: number): number {
  return n >= SUM_CAP || !Number.isFinite(n) ? SUM_CAP : Math.round(n);
}
