/**
 * Issue 6 item 7, CLI half: one time zone for every view (FORMAT.md §3
 * "Time windows"). The default is the user's own zone ($TZ, else the
 * system's); the config `timeZone` beats it and `--tz` beats both. JSON
 * stays ISO-8601 UTC. The test env pins TZ=UTC, so every Tokyo time below
 * can only come from the option, the config or the $TZ under test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalZone, clock, userTimeZone } from '../src/format/time.js';
import { runCli } from './helpers/cli.js';
import { tzHome, TZ_NOW } from './helpers/tz-home.js';

let home: string;
let removeHome: () => void;
let configHome: string;

beforeEach(() => {
  ({ home, cleanup: removeHome } = tzHome());
  configHome = mkdtempSync(join(tmpdir(), 'sb-tz-config-'));
});
afterEach(() => {
  removeHome();
  rmSync(configHome, { recursive: true, force: true });
});

/** Writes the config file with `timeZone`. */
function configZone(timeZone: string): void {
  mkdirSync(join(configHome, 'session-browser'), { recursive: true });
  writeFileSync(join(configHome, 'session-browser', 'config.json'), JSON.stringify({ timeZone }));
}

/** Runs a command on the home and clock; `env` adds to (or overrides) the pinned TZ=UTC. */
function run(args: string[], env: Record<string, string> = {}) {
  const res = runCli([...args, '--home', home, '--all'], {
    env: { SESSION_BROWSER_NOW: TZ_NOW, XDG_CONFIG_HOME: configHome, SESSION_BROWSER_CACHE: '0', ...env },
  });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return res.stdout;
}

/** The value of a `show` row ("created      2026-05-22 01:00 Asia/Tokyo (27m ago)" → the rest). */
function showRow(out: string, label: string): string {
  const line = out.split('\n').find((l) => l.startsWith(`${label} `)) ?? '';
  return line.slice(label.length).trim();
}

interface UsageJson {
  window: { start: string; end: string } | null;
  rows: { key: string; sessions: number; knownCostMicros: number | null }[];
  totals: { sessions: number; knownCostMicros: number | null };
}

describe('--tz changes every text view', () => {
  it('show prints created/updated and the checkpoint in the zone, and names it', () => {
    expect(showRow(run(['show', 'late']), 'created')).toBe('2026-05-21 16:00 UTC (27m ago)');
    const tokyo = run(['show', 'late', '--tz', 'Asia/Tokyo']);
    expect(showRow(tokyo, 'created')).toBe('2026-05-22 01:00 Asia/Tokyo (27m ago)');
    expect(showRow(tokyo, 'updated')).toBe('2026-05-22 01:20 Asia/Tokyo (7m ago)');
    expect(showRow(tokyo, 'checkpoints')).toContain('last 2026-05-22 01:10');
  });

  it('show --json keeps ISO-8601 UTC whatever the zone', () => {
    const json = JSON.parse(run(['show', 'late', '--json', '--tz', 'Asia/Tokyo'])) as { createdAt: string; updatedAt: string };
    expect(json.createdAt).toBe('2026-05-21T16:00:00.000Z');
    expect(json.updatedAt).toBe('2026-05-21T16:20:00.000Z');
  });

  it('replay prints message and checkpoint clocks in the zone', () => {
    expect(run(['replay', 'late'])).toContain('▌ user · 16:00:00');
    const tokyo = run(['replay', 'late', '--tz', 'Asia/Tokyo']);
    expect(tokyo).toContain('▌ user · 01:00:00');
    expect(tokyo).toContain('▌ assistant · 01:05:30');
    expect(tokyo).toMatch(/──── checkpoint · 500 tokens · 01:10 ─/);
    expect(tokyo).not.toContain('16:00');
  });

  it('export --format md dates the metadata and every heading in the zone, and names it', () => {
    const md = run(['export', 'late', '--tz', 'Asia/Tokyo']);
    expect(md).toContain('- **Created:** 2026-05-22 01:00 Asia/Tokyo');
    // Absolute only: a document is read later, when "(7m ago)" would be wrong.
    expect(md).toContain('- **Updated:** 2026-05-22 01:20 Asia/Tokyo\n');
    expect(md).not.toContain(' ago');
    expect(md).toContain('### User · 2026-05-22 01:00');
    expect(md).toContain('**Checkpoint** (500 tokens) · 2026-05-22 01:10');
    expect(md).not.toMatch(/2026-05-21 16:\d\d/);
    // The browser's `e` export writes the same document (store-source.ts): checked in timezone-views.test.tsx.
  });

  it('export --format json keeps the recorded UTC times', () => {
    const json = run(['export', 'late', '--format', 'json', '--tz', 'Asia/Tokyo']);
    expect(json).toContain('"2026-05-21T16:00:00.000Z"');
    expect(json).not.toContain('2026-05-22');
  });

  it('usage --by day puts each session on its day in the zone', () => {
    const utc = JSON.parse(run(['usage', '--by', 'day', '--json'])) as UsageJson;
    expect(utc.rows.map((r) => [r.key, r.sessions])).toEqual([['2026-05-21', 2]]);
    const tokyo = JSON.parse(run(['usage', '--by', 'day', '--json', '--tz', 'Asia/Tokyo'])) as UsageJson;
    expect(tokyo.rows.map((r) => [r.key, r.sessions])).toEqual([['2026-05-21', 1], ['2026-05-22', 1]]);
    const text = run(['usage', '--by', 'day', '--tz', 'Asia/Tokyo']);
    expect(text).toMatch(/^2026-05-22 +1 /m);
  });

  it('usage --since today is the zone\'s day: JSON window in UTC, the text heading in the zone', () => {
    const utc = JSON.parse(run(['usage', '--since', 'today', '--json'])) as UsageJson;
    expect(utc.totals.sessions).toBe(2);
    const tokyo = JSON.parse(run(['usage', '--since', 'today', '--json', '--tz', 'Asia/Tokyo'])) as UsageJson;
    expect(tokyo.totals.sessions).toBe(1);
    expect(tokyo.window).toEqual({ start: '2026-05-21T15:00:00.000Z', end: '2026-05-22T15:00:00.000Z' });
    const text = run(['usage', '--since', 'today', '--tz', 'Asia/Tokyo']);
    expect(text.split('\n')[0]).toContain('2026-05-22 00:00 .. 2026-05-23 00:00 Asia/Tokyo');
  });
});

describe('where the zone comes from', () => {
  it('defaults to $TZ (the user\'s zone), not UTC', () => {
    const out = run(['show', 'late'], { TZ: 'Asia/Tokyo' });
    expect(showRow(out, 'created')).toBe('2026-05-22 01:00 Asia/Tokyo (27m ago)');
    const usage = JSON.parse(run(['usage', '--since', 'today', '--json'], { TZ: 'Asia/Tokyo' })) as UsageJson;
    expect(usage.totals.sessions).toBe(1);
    expect(run(['replay', 'late'], { TZ: 'Asia/Tokyo' })).toContain('▌ user · 01:00:00');
  });

  it('falls back to the system zone when $TZ is not a zone Intl knows, without an error', () => {
    // The binary's own zone with a bogus TZ is what Intl resolves (UTC here); the point is exit 0, no message.
    const out = run(['show', 'late'], { TZ: 'Not/AZone' });
    expect(showRow(out, 'created')).toMatch(/^2026-05-2\d \d\d:\d\d \S+ \(27m ago\)$/);
  });

  it('the config timeZone beats $TZ, and --tz beats the config', () => {
    configZone('Asia/Tokyo');
    expect(showRow(run(['show', 'late']), 'created')).toBe('2026-05-22 01:00 Asia/Tokyo (27m ago)');
    expect(showRow(run(['show', 'late'], { TZ: 'America/New_York' }), 'created')).toBe('2026-05-22 01:00 Asia/Tokyo (27m ago)');
    expect(run(['export', 'late'])).toContain('- **Created:** 2026-05-22 01:00 Asia/Tokyo');
    expect(showRow(run(['show', 'late', '--tz', 'UTC']), 'created')).toBe('2026-05-21 16:00 UTC (27m ago)');
    const days = JSON.parse(run(['usage', '--by', 'day', '--json'])) as UsageJson;
    expect(days.rows.map((r) => r.key)).toEqual(['2026-05-21', '2026-05-22']);
  });

  it('an unknown --tz or config timeZone is a usage error (exit 2) naming it', () => {
    const bad = runCli(['show', 'late', '--home', home, '--all', '--tz', 'Mars/Olympus'], { env: { XDG_CONFIG_HOME: configHome } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Mars/Olympus');
    configZone('Mars/Olympus');
    const badConfig = runCli(['show', 'late', '--home', home, '--all'], { env: { XDG_CONFIG_HOME: configHome } });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('Mars/Olympus');
  });
});

describe('the time helpers behind it', () => {
  it('userTimeZone reads $TZ (with or without a leading colon), else the system zone, never throws', () => {
    expect(userTimeZone({ TZ: 'Asia/Tokyo' })).toBe('Asia/Tokyo');
    expect(userTimeZone({ TZ: ':Europe/Berlin' })).toBe('Europe/Berlin');
    expect(userTimeZone({ TZ: 'asia/tokyo' })).toBe('Asia/Tokyo');
    const system = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(userTimeZone({})).toBe(system);
    expect(userTimeZone({ TZ: 'Not/AZone' })).toBe(system);
    expect(userTimeZone({ TZ: '' })).toBe(system);
  });

  it('clock shows the wall time of the zone, with or without seconds', () => {
    expect(clock('2026-05-21T16:05:30Z', true, 'Asia/Tokyo')).toBe('01:05:30');
    expect(clock('2026-05-21T16:05:30Z', false, 'Asia/Kolkata')).toBe('21:35');
    expect(clock('2026-05-21T16:05:30Z')).toBe('16:05:30');
    expect(clock(null, true, 'Asia/Tokyo')).toBe('');
  });

  it('canonicalZone spells a zone as Intl does, and throws for an unknown one', () => {
    expect(canonicalZone('europe/berlin')).toBe('Europe/Berlin');
    expect(() => canonicalZone('Mars/Olympus')).toThrow(RangeError);
  });
});
