import { describe, expect, it } from 'vitest';
import { parseIso, parseTime } from '../src/store/sources/common/fold-common.js';

describe('parseIso: Date.parse with the common record time read digit by digit', () => {
  it('gives what Date.parse gives, for the common form and everything near it', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pad = (v: number, w: number) => String(v).padStart(w, '0');
    const samples: string[] = [
      '2026-11-20T09:00:05Z', '2026-11-20T09:00:05.123Z', '2026-02-28T23:59:59.999Z', '2026-02-29T00:00:00Z', '2026-02-31T00:00:00Z',
      '2026-12-31T24:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '0999-01-01T00:00:00Z', '0050-06-01T00:00:00Z', '1000-01-01T00:00:00Z',
      '2024-02-29T12:00:00Z', '2100-02-29T12:00:00Z', '2000-02-29T12:00:00.001Z', '2026-04-31T00:00:00Z', '2026-04-30T23:59:59.999Z', '9999-12-31T23:59:59.999Z',
      '2026-11-20T09:00:05.12Z', '2026-11-20T09:00:05,123Z', '2026-11-20 09:00:05Z', '2026-11-20T09:00:05+00:00', '2026-11-20T09:60:05Z',
      '2026-11-20T09:00:60Z', '+02026-11-20T09:00:05Z', '2026-11-2OT09:00:05Z', '2026-11-20T09:00:05.12aZ', 'not a time at all xxZ', '',
    ];
    for (let i = 0; i < 5000; i++) {
      const base = `${pad(rand(10000), 4)}-${pad(rand(14), 2)}-${pad(rand(33), 2)}T${pad(rand(26), 2)}:${pad(rand(62), 2)}:${pad(rand(62), 2)}`;
      samples.push(`${base}Z`, `${base}.${pad(rand(1000), 3)}Z`);
    }
    let short = 0;
    for (const s of samples) {
      expect(Object.is(parseIso(s), Date.parse(s)), s).toBe(true);
      if (!Number.isNaN(Date.parse(s))) short++;
    }
    expect(short).toBeGreaterThan(1000);
    expect(parseTime('2026-11-20T09:00:05Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 5));
    expect(parseTime('nope')).toBeNull();
  });
});
