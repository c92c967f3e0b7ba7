/**
 * Line classification and dialect recognition (format §2). Only cheap
 * discriminators here: full schema validation happens once, in the fold.
 */
import { STORE_TYPES, TURN_TYPES } from '../sources/native/schemas.js';
import type { Dialect } from '../types.js';

export type ClassifiedLine =
  | { kind: 'blank' }
  | { kind: 'malformed' }
  | { kind: 'object'; value: Record<string, unknown> };

/** Blank lines count as nothing; anything that is not a JSON object is malformed. */
export function classifyLine(text: string): ClassifiedLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'malformed' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'malformed' };
  return { kind: 'object', value: value as Record<string, unknown> };
}

const isPlainObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The dialect whose discriminator this record carries, or null (format §2.1-2.4). */
export function recogniseDialect(r: Record<string, unknown>): Dialect | null {
  const type = r.type;
  if (typeof type === 'string') {
    if (STORE_TYPES.has(type)) return 'store';
    if (typeof r.seq === 'number' && type.includes('.') && isPlainObject(r.data)) return 'events';
    if (TURN_TYPES.has(type) && typeof r.content === 'string') return 'turns';
  }
  if (typeof r.skill === 'string' && typeof r.final_status === 'string') return 'skills';
  return null;
}
