/**
 * Issue 10 item 5: every view scrolls to everything, and the browser's cost
 * figures equal `usage --json` for the same window and zone. The cost view
 * of the real browser source over the demo home is scrolled to its end at
 * 80x24 and 160x50; every model row `usage --by model --json` prints (and
 * every endpoint row of `--by endpoint`) must have been on screen with the
 * same sessions and cost, and the totals line must say the same totals.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.js';
import { buildContext } from '../src/app/context.js';
import { DEMO_NOW } from '../src/app/demo.js';
import { storeSource } from '../src/app/store-source.js';
import { formatInt } from '../src/format/numbers.js';
import type { UsageRow } from '../src/store/usage/usage.js';
import { costText, rowLabel } from '../src/store/usage/row-text.js';
import { CLI, useDemoHome, runCli } from './helpers/cli.js';
import { cleanup, frameLines, KEYS, renderSized } from './helpers/render.js';

const env = { SESSION_BROWSER_NOW: DEMO_NOW, SESSION_BROWSER_CACHE: '0' };

const demo = useDemoHome('sb-cost-config-');
afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

/** `usage --json` of the demo home for a window name of the cost view. */
function usage(window: string, tz: string, by: 'model' | 'endpoint'): { rows: UsageRow[]; totals: UsageRow } {
  const since = window === 'all' ? [] : ['--since', window];
  const res = runCli(['usage', '--home', demo.home, '--all', '--json', '--by', by, '--tz', tz, ...since], { env: { ...env, XDG_CONFIG_HOME: demo.configHome } });
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as { rows: UsageRow[]; totals: UsageRow };
}

/** Every line the cost view shows in `window`, scrolled from top to bottom with j/PgDn. */
async function costLines(tz: string, window: string, columns: number, rows: number): Promise<string[]> {
  vi.stubEnv('XDG_CONFIG_HOME', demo.configHome);
  const source = storeSource(buildContext({ home: demo.home, all: true, tz }, { ...process.env, ...env }));
  const ui = renderSized(<App source={source} onExit={() => undefined} initialScope="all" />, { columns, rows });
  await ui.waitFor((f) => f.includes('Refactor the router') && !f.includes('loading'), 20_000);
  let frame = await ui.press('c', 'window 7d');
  // Each press waits for the window named on screen to change: the header may change meanwhile (the text index catching up).
  const windowOf = (f: string): string | undefined => /window (\S+) /.exec(f)?.[1];
  for (let i = 0; i < 4 && windowOf(frame) !== window; i++) {
    const was = windowOf(frame);
    frame = await ui.press('w', (f) => f.includes('Cost · ') && windowOf(f) !== was);
  }
  expect(frame).toContain(`window ${window} `);
  const seen: string[] = [];
  for (let i = 0; i < 100; i++) {
    seen.push(...frameLines(frame));
    const where = /lines (\d+)-(\d+) of (\d+)/.exec(frame);
    if (!where || where[2] === where[3]) break;
    const before = where[0];
    frame = await ui.press(i % 2 ? 'j' : KEYS.pageDown, (f) => /lines \d+-\d+ of \d+/.exec(f)?.[0] !== before);
  }
  ui.unmount();
  return seen;
}

/** Whether a cell shows `key`: whole, or cut in the middle or at the end (a model's snapshot date may go first). */
function showsKey(cell: string, key: string): boolean {
  if (cell === key) return true;
  const cut = cell.indexOf('…');
  if (cut < 0) return false;
  const [before, after] = [cell.slice(0, cut), cell.slice(cut + 1)];
  return [key, key.replace(/-\d{8}$/, '')].some((k) => k.startsWith(before) && k.endsWith(after) && before.length + after.length > 0);
}

/** A table row of the view for a usage row: its key as labelled (rowLabel), its session count, its cost. */
function rowShown(lines: string[], row: UsageRow): boolean {
  return lines.some((l) => showsKey(l.split(/ {2,}/)[0] ?? '', rowLabel(row.key)) && l.includes(` ${formatInt(row.sessions)} `) && l.includes(costText(row)));
}

describe('the cost view equals `usage --json`', { timeout: 120_000 }, () => {
  it('needs the built CLI', () => expect(existsSync(CLI)).toBe(true));

  for (const [columns, rows] of [
    [80, 24],
    [160, 50],
  ] as const) {
    for (const [tz, window] of [
      ['UTC', '7d'],
      ['Asia/Tokyo', '30d'],
      ['America/Los_Angeles', 'all'],
    ] as const) {
      it(`${window} in ${tz} at ${columns}x${rows}: totals and every model and endpoint row`, async () => {
        const byModel = usage(window, tz, 'model');
        const byEndpoint = usage(window, tz, 'endpoint');
        expect(byModel.rows.length).toBeGreaterThan(0);
        const lines = await costLines(tz, window, columns, rows);
        const text = lines.join("\n");
        const t = byModel.totals;
        expect(text.replace(/\n/g, ' · ')).toContain(`cost ${costText(t)} · ${formatInt(t.sessions)} session`);
        expect(text).toContain(`days in ${tz}`);
        expect(text).not.toMatch(/… \d+ more/);
        for (const row of byModel.rows) expect(rowShown(lines, row), `model ${row.key}`).toBe(true);
        for (const row of byEndpoint.rows) expect(rowShown(lines, row), `endpoint ${row.key}`).toBe(true);
        expect(text).toContain(`By model (${byModel.rows.length})`);
      });
    }
  }
});
