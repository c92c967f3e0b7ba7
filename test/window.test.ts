import { describe, expect, it } from 'vitest';
import {
  SINCE_FORMS,
  WindowSpecError,
  assertTimeZone,
  dayKeyOf,
  inWindow,
  parseSince,
  parseWindowOption,
  startOfDayMs,
} from '../src/store/usage/window.js';

const NOW = Date.parse('2026-11-21T19:48:00Z');

describe('parseSince', () => {
  it('today is the whole current day in UTC', () => {
    expect(parseSince('today', NOW)).toEqual({ start: '2026-11-21T00:00:00.000Z', end: '2026-11-22T00:00:00.000Z' });
    expect(parseSince(' TODAY ', NOW)).toEqual(parseSince('today', NOW));
  });

  it('Nd is the last N calendar days including today', () => {
    expect(parseSince('1d', NOW)).toEqual(parseSince('today', NOW));
    expect(parseSince('7d', NOW)).toEqual({ start: '2026-11-15T00:00:00.000Z', end: '2026-11-22T00:00:00.000Z' });
    expect(parseSince('30d', NOW).start).toBe('2026-10-23T00:00:00.000Z');
  });

  it('YYYY-MM-DD runs from that day through today', () => {
    expect(parseSince('2026-11-01', NOW)).toEqual({ start: '2026-11-01T00:00:00.000Z', end: '2026-11-22T00:00:00.000Z' });
    expect(parseSince('2026-11-21', NOW)).toEqual(parseSince('today', NOW));
  });

  it('a range includes both of its days', () => {
    expect(parseSince('2026-11-01..2026-11-03', NOW)).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-04T00:00:00.000Z',
    });
    expect(parseSince('2026-02-28..2026-02-28', NOW)).toEqual({
      start: '2026-02-28T00:00:00.000Z',
      end: '2026-03-01T00:00:00.000Z',
    });
  });

  it('uses the days of the given zone', () => {
    // 23:30 UTC on the 21st is already 00:30 on the 22nd in Berlin (UTC+1 in winter).
    const late = Date.parse('2026-11-21T23:30:00Z');
    expect(parseSince('today', late, 'Europe/Berlin')).toEqual({
      start: '2026-11-21T23:00:00.000Z',
      end: '2026-11-22T23:00:00.000Z',
    });
    expect(parseSince('today', late)).toEqual({ start: '2026-11-21T00:00:00.000Z', end: '2026-11-22T00:00:00.000Z' });
    // 05:00 UTC on the 21st is still the evening of the 20th in Los Angeles (UTC-8).
    const early = Date.parse('2026-11-21T05:00:00Z');
    expect(parseSince('2d', early, 'America/Los_Angeles')).toEqual({
      start: '2026-11-19T08:00:00.000Z',
      end: '2026-11-21T08:00:00.000Z',
    });
  });

  it('keeps whole local days across a DST change', () => {
    // Berlin springs forward on 2026-03-29: that day has 23 hours.
    const w = parseSince('2026-03-28..2026-03-29', NOW, 'Europe/Berlin');
    expect(w).toEqual({ start: '2026-03-27T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    expect(Date.parse(w.end) - Date.parse(w.start)).toBe(47 * 3_600_000);
  });

  it.each([
    ['yesterday', 'unknown form'],
    ['', 'it is empty'],
    ['7', 'unknown form'],
    ['0w', 'more than 0'],
    ['0d', 'at least 1'],
    ['2026-02-30', '2026-02-30 is not a date'],
    ['2026-13-01', '2026-13-01 is not a date'],
    ['2026-11-01..2026-02-30', '2026-02-30 is not a date'],
    ['2026-11-10..2026-11-01', 'ends (2026-11-01) before it starts (2026-11-10)'],
    ['2026-11-22', 'after today'],
    ['all', '"all" means no --since'],
  ])('refuses %j, listing the accepted forms', (spec, why) => {
    let err: unknown;
    try {
      parseSince(spec, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WindowSpecError);
    expect((err as Error).message).toContain(why);
    expect((err as Error).message).toContain(SINCE_FORMS);
  });

  it('refuses a zone Intl does not know', () => {
    expect(() => parseSince('today', NOW, 'Mars/Olympus_Mons')).toThrow(WindowSpecError);
    expect(() => parseSince('today', NOW, 'Mars/Olympus_Mons')).toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
    expect(() => assertTimeZone('Nowhere')).toThrow(WindowSpecError);
    expect(() => assertTimeZone('Asia/Tokyo')).not.toThrow();
  });
});

describe('parseWindowOption', () => {
  it('is no window when --since is absent or all, and refuses a blank value', () => {
    expect(parseWindowOption(undefined, NOW)).toBeNull();
    expect(parseWindowOption(null, NOW)).toBeNull();
    expect(() => parseWindowOption(' ', NOW)).toThrow(/bad --since " ": it is empty/);
    expect(parseWindowOption('all', NOW)).toBeNull();
    expect(parseWindowOption('ALL', NOW)).toBeNull();
  });

  it('parses anything else and still checks the zone', () => {
    expect(parseWindowOption('7d', NOW)).toEqual(parseSince('7d', NOW));
    expect(() => parseWindowOption(undefined, NOW, 'Bad/Zone')).toThrow(WindowSpecError);
  });
});

describe('startOfDayMs', () => {
  it('is local midnight', () => {
    expect(startOfDayMs('2026-11-21', 'UTC')).toBe(Date.parse('2026-11-21T00:00:00Z'));
    expect(startOfDayMs('2026-11-21', 'Asia/Tokyo')).toBe(Date.parse('2026-11-20T15:00:00Z'));
    expect(startOfDayMs('2026-07-01', 'America/New_York')).toBe(Date.parse('2026-07-01T04:00:00Z'));
    expect(startOfDayMs('2026-11-21', 'Asia/Kolkata')).toBe(Date.parse('2026-11-20T18:30:00Z'));
  });

  it('is the first existing time when DST skips midnight', () => {
    // Chile moved clocks from 24:00 on 7 September 2024 to 01:00 on the 8th.
    expect(startOfDayMs('2024-09-08', 'America/Santiago')).toBe(Date.parse('2024-09-08T04:00:00Z'));
    expect(dayKeyOf('2024-09-08T03:59:59Z', 'America/Santiago')).toBe('2024-09-07');
  });
});

describe('dayKeyOf', () => {
  it('gives the calendar day in the zone', () => {
    expect(dayKeyOf('2026-11-21T23:30:00Z')).toBe('2026-11-21');
    expect(dayKeyOf('2026-11-21T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-22');
    expect(dayKeyOf('2026-11-21T05:00:00Z', 'America/Los_Angeles')).toBe('2026-11-20');
    expect(dayKeyOf('2026-11-21T01:00:00+02:00')).toBe('2026-11-20');
  });

  it('is empty for a string that is not a time', () => {
    expect(dayKeyOf('not a time')).toBe('');
  });
});

describe('inWindow', () => {
  const w = { start: '2026-11-21T00:00:00.000Z', end: '2026-11-22T00:00:00.000Z' };

  it('includes the start and excludes the end', () => {
    expect(inWindow('2026-11-21T00:00:00.000Z', w)).toBe(true);
    expect(inWindow('2026-11-21T23:59:59.999Z', w)).toBe(true);
    expect(inWindow('2026-11-22T00:00:00.000Z', w)).toBe(false);
    expect(inWindow('2026-11-20T23:59:59.999Z', w)).toBe(false);
  });

  it('compares instants, not strings', () => {
    expect(inWindow('2026-11-22T00:30:00+01:00', w)).toBe(true);
    expect(inWindow('2026-11-21T00:30:00+01:00', w)).toBe(false);
  });

  it('lets everything through a null window and nothing undated through a real one', () => {
    expect(inWindow('2001-01-01T00:00:00Z', null)).toBe(true);
    expect(inWindow('garbage', null)).toBe(true);
    expect(inWindow('garbage', w)).toBe(false);
  });
});
