/**
 * Checks on numbers before they are written. JSON has no NaN or Infinity
 * (`JSON.stringify` turns them into null) and a negative token count is a
 * bug upstream, so the writer refuses them instead of logging a record the
 * reader would drop or misread.
 */
import type { TokenUsage } from './records.js';

export function assertFinite(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
}

/** A token count or index: finite and not negative. */
export function assertCount(name: string, value: unknown): void {
  assertFinite(name, value);
  if ((value as number) < 0) throw new RangeError(`${name} must not be negative, got ${String(value)}`);
}

const USAGE_KEYS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'total_tokens'] as const;

export function assertUsage(name: string, usage: TokenUsage): void {
  if (usage === null || typeof usage !== 'object') throw new TypeError(`${name} must be a token usage object`);
  for (const key of USAGE_KEYS) {
    if (usage[key] !== undefined) assertCount(`${name}.${key}`, usage[key]);
  }
}
