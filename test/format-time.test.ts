import { describe, expect, it } from 'vitest';
import { dayKey, formatDateTime, relativeTime } from '../src/format/time.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('relativeTime', () => {
  it('says "just now" under 45 seconds, either way', () => {
    expect(relativeTime(ago(0), NOW)).toBe('just now');
    expect(relativeTime(ago(44_000), NOW)).toBe('just now');
    expect(relativeTime(ago(-30_000), NOW)).toBe('just now');
  });

  it('counts minutes, hours, days, weeks, months and years', () => {
    expect(relativeTime(ago(45_000), NOW)).toBe('1m ago');
    expect(relativeTime(ago(5 * MIN + 59_000), NOW)).toBe('5m ago');
    expect(relativeTime(ago(2 * HOUR), NOW)).toBe('2h ago');
    expect(relativeTime(ago(3 * DAY), NOW)).toBe('3d ago');
    expect(relativeTime(ago(36 * DAY), NOW)).toBe('5w ago');
    expect(relativeTime(ago(125 * DAY), NOW)).toBe('4mo ago');
    expect(relativeTime(ago(800 * DAY), NOW)).toBe('2y ago');
    // Years and months by the calendar: a year to the day is one year (365 days is under an average
    // year of 365.25), two and three years to the day with no leap day between are two and three.
    expect(relativeTime(ago(364 * DAY), NOW)).toBe('11mo ago');
    expect(relativeTime(ago(365 * DAY), NOW)).toBe('1y ago');
    expect(relativeTime(ago(365 * DAY + 5 * HOUR), NOW)).toBe('1y ago');
    expect(relativeTime('2021-06-01T00:00:00Z', Date.parse('2023-06-01T00:00:00Z'))).toBe('2y ago');
    expect(relativeTime('2021-06-01T00:00:00Z', Date.parse('2024-06-01T00:00:00Z'))).toBe('3y ago');
    expect(relativeTime('2021-06-01T00:00:00Z', Date.parse('2024-05-31T23:59:00Z'))).toBe('2y ago');
    // From weeks to months without going back: 59 days "8w", 60 days "2mo".
    expect(relativeTime(ago(59 * DAY), NOW)).toBe('8w ago');
    expect(relativeTime(ago(60 * DAY), NOW)).toBe('2mo ago');
    expect(relativeTime('2026-01-31T00:00:00Z', Date.parse('2026-05-30T00:00:00Z'))).toBe('3mo ago');
    expect(relativeTime(ago(-400 * DAY), NOW)).toBe('in 1y');
  });

  it('says "in 5m" for a future time', () => {
    expect(relativeTime(ago(-5 * MIN), NOW)).toBe('in 5m');
  });

  it('shows an unparsable time as "?"', () => {
    expect(relativeTime('not a date', NOW)).toBe('?');
  });
});

describe('formatDateTime', () => {
  it('prints UTC by default', () => {
    expect(formatDateTime('2026-11-20T09:42:10Z')).toBe('2026-11-20 09:42');
    expect(formatDateTime('2026-11-20T09:42:10.999+00:00')).toBe('2026-11-20 09:42');
  });

  it('prints in the given IANA zone, midnight as 00', () => {
    expect(formatDateTime('2026-11-20T09:42:10Z', 'Asia/Tokyo')).toBe('2026-11-20 18:42');
    expect(formatDateTime('2026-11-20T05:00:00Z', 'America/New_York')).toBe('2026-11-20 00:00');
  });

  it('shows an unparsable time as "?"', () => {
    expect(formatDateTime('garbage')).toBe('?');
  });
});

describe('dayKey', () => {
  it('is the calendar day in the zone', () => {
    expect(dayKey('2026-11-20T23:30:00Z')).toBe('2026-11-20');
    expect(dayKey('2026-11-20T23:30:00Z', 'Asia/Tokyo')).toBe('2026-11-21');
    expect(dayKey('2026-11-20T03:00:00Z', 'America/Los_Angeles')).toBe('2026-11-19');
  });
});
