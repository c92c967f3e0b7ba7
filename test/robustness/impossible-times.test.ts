/**
 * Hostile case "impossible timestamps are trusted" (issue 9): a record from
 * the year 275760, or from before 2000, is flagged (invalidTimes, `doctor`)
 * and ignored for ordering and ages; a day of clock skew is tolerated.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseFile } from '../../src/store/scan/doctor.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { NOW, readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const msg = (timestamp: string, content = 'x'): object => ({ type: 'message', timestamp, message: { role: 'user', content } });

describe('robustness: impossible timestamps', () => {
  it('the year 275760 and 1970 are flagged and do not move createdAt/updatedAt', async () => {
    const path = t.write('times', [
      { type: 'meta', id: 'times', title: 'times', created_at: '1970-01-01T00:00:00Z', updated_at: '+275760-09-13T00:00:00Z' },
      msg('2026-11-20T09:00:00Z'),
      msg('+275760-09-13T00:00:00Z'),
      msg('1999-12-31T23:59:59Z'),
      msg('2026-11-20T10:00:00Z'),
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.createdAt).toBe('2026-11-20T09:00:00.000Z');
    expect(summary.updatedAt).toBe('2026-11-20T10:00:00.000Z');
    expect(summary.invalidTimes).toBe(4);
    const d = await diagnoseFile(path, undefined, NOW);
    expect(d.invalidTimes).toEqual([1, 3, 4]);
  });

  it('a day of clock skew is fine; more is not', async () => {
    const soon = new Date(NOW + 23 * 3600_000).toISOString();
    const later = new Date(NOW + 25 * 3600_000).toISOString();
    const path = t.write('skew', [msg('2026-11-20T09:00:00Z'), msg(soon), msg(later)]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.updatedAt).toBe(soon);
    expect(summary.invalidTimes).toBe(1);
  });

  it('a session whose every time is impossible falls back to the file time', async () => {
    const path = t.write('all-bad', [msg('+275760-09-13T00:00:00Z')], { mtimeMs: NOW - 3600_000 });
    const { summary } = await readSummary(path, readOpts());
    expect(summary.updatedAt).toBe(new Date(NOW - 3600_000).toISOString());
  });

  it('a timestamp that is not a time at all is flagged too, in our files and in a Claude log (summary and doctor)', async () => {
    const path = t.write('not-a-time', [msg('2026-11-20T09:00:00Z'), msg('not a time'), msg('2026-11-20T10:00:00Z')]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.invalidTimes).toBe(1);
    const meta = t.write('meta-not-a-time', [{ type: 'meta', id: 'meta-not-a-time', title: 't', created_at: 'not a time', updated_at: '2026-11-20T10:00:00Z' }, msg('2026-11-20T09:00:00Z')]);
    const m = (await readSummary(meta, readOpts())).summary;
    expect(m.invalidTimes).toBe(1);
    expect(m.createdAt).toBe('2026-11-20T09:00:00.000Z');
    expect(summary.updatedAt).toBe('2026-11-20T10:00:00.000Z');
    expect((await diagnoseFile(path, undefined, NOW)).invalidTimes).toEqual([2]);

    const line = (timestamp: string, uuid: string): object => ({ type: 'user', sessionId: 's', cwd: '/w', timestamp, uuid, message: { role: 'user', content: 'go' } });
    const claude = t.write('claude-not-a-time', [line('2026-11-20T09:00:00Z', 'u1'), line('not a time', 'u2')]);
    const opts = readOpts({ file: { id: 'claude-not-a-time', source: 'claude', format: 'claude' } });
    expect((await readSummary(claude, opts)).summary.invalidTimes).toBe(1);
    expect((await diagnoseFile(claude, undefined, NOW, { id: 'claude-not-a-time', source: 'claude', format: 'claude' })).invalidTimes).toEqual([2]);
  });
});
