/**
 * Issue 6 item 7, browser half: the zone of the browser's source
 * (BrowserSource.timeZone, from --tz / config / $TZ) reaches every view that
 * shows a calendar time: the preview strip, the replay, the Resume tab, the
 * cost view (its days, its "today" and its heading) and the `e` export. The
 * test env pins TZ=UTC, so a Tokyo time can only come from the source.
 *
 * The list rows show ages ("2h ago"), which no zone changes; they are not
 * tested here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.js';
import { buildContext } from '../src/app/context.js';
import { storeSource } from '../src/app/store-source.js';
import { CostView } from '../src/components/CostView.js';
import { costText } from '../src/store/usage/row-text.js';
import { formatInt } from '../src/format/numbers.js';
import type { Transcript } from '../src/store/types.js';
import { CLI, runCli } from './helpers/cli.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, KEYS, renderSized } from './helpers/render.js';
import { tzHome, TZ_NOW } from './helpers/tz-home.js';

afterEach(cleanup);

/** A session with a checkpoint at 09:30 UTC = 18:30 in Tokyo (UTC+9, no DST). */
const dark = appSummary({
  id: 'sess-dark',
  title: 'Add dark mode',
  updatedAt: '2026-03-10T10:00:00Z',
  lastCheckpoint: { timestamp: '2026-03-10T09:30:00Z', tokenCount: 8000, messagesAfter: 12, messageCountAfter: 12 },
  checkpoints: 1,
});

const transcript: Transcript = {
  summary: dark,
  entries: [
    { kind: 'message', timestamp: '2026-03-10T09:00:05Z', role: 'user', text: 'Add a dark mode toggle' },
    { kind: 'checkpoint', timestamp: '2026-03-10T09:30:00Z', tokenCount: 8000, messages: [{ role: 'system', content: 'Summary: toggle' }] },
    { kind: 'message', timestamp: '2026-03-10T09:45:10Z', role: 'assistant', text: 'Done.' },
  ],
  resumeContext: [],
  lastCheckpointIndex: 1,
};

function startApp(timeZone: string) {
  const source = { ...fakeSource({ sessions: [dark], timeZone }), loadTranscript: async () => transcript };
  return renderSized(<App source={source} onExit={() => undefined} />, { columns: 120, rows: 30 });
}

describe('the browser shows its source\'s zone', () => {
  it('in the preview strip\'s checkpoint time', async () => {
    await startApp('UTC').waitFor('resume from checkpoint 09:30');
    const frame = await startApp('Asia/Tokyo').waitFor('resume from checkpoint 18:30');
    expect(frame).not.toContain('checkpoint 09:30');
  });

  it('in the replay\'s message and checkpoint clocks', async () => {
    const ui = startApp('Asia/Tokyo');
    await ui.waitFor('Add dark mode');
    const frame = await ui.press(KEYS.right, '▌ user · 18:00:05');
    expect(frame).toMatch(/──── checkpoint · 8k tokens · 18:30 ─/);
    expect(frame).toContain('▌ assistant · 18:45:10');
    expect(frame).not.toContain('09:00:05');
  });

  it('in the Resume tab, which names the zone', async () => {
    const ui = startApp('Asia/Tokyo');
    await ui.waitFor('Add dark mode');
    await ui.press(KEYS.right, '▌ user');
    const frame = await ui.press('3', 'Starts from');
    expect(frame).toContain('checkpoint of 2026-03-10 18:30 Asia/Tokyo');
    expect(frame).not.toContain('UTC');
  });
});

describe('the cost view counts days of its zone', () => {
  const cost = (id: string, updatedAt: string, costMicros: number) => appSummary({ id, updatedAt, costMicros, costUsd: costMicros / 1e6 });
  // 20:00 UTC on the 9th is 05:00 on the 10th in Tokyo: the same Tokyo day as 11:00 UTC on the 10th.
  const sessions = [cost('a', '2026-03-10T11:00:00Z', 1_000_000), cost('b', '2026-03-09T20:00:00Z', 500_000)];

  function view(timeZone: string | undefined, window: 'today' | '7d') {
    return renderSized(
      <CostView sessions={sessions} nowMs={NOW} timeZone={timeZone} window={window} width={100} height={30} scopeLabel="this project" />,
      { columns: 100, rows: 30 },
    );
  }

  it('draws one bar per day of the zone and names the zone in the headings', async () => {
    const tokyo = await view('Asia/Tokyo', '7d').waitFor('Cost per day');
    expect(tokyo).toContain('days in Asia/Tokyo');
    expect(tokyo).toContain('Cost per day (Asia/Tokyo, by last activity)');
    expect(tokyo).toMatch(/^03-10 █+ +\$1\.50$/m);
    expect(tokyo).toMatch(/^03-09 +–$/m); // nothing on the Tokyo 9th
    const utc = await view('UTC', '7d').waitFor('Cost per day');
    expect(utc).toMatch(/^03-10 █+ +\$1\.00$/m);
    expect(utc).toMatch(/^03-09 █+ +\$0\.50$/m);
  });

  it('"today" is the zone\'s day, and the heading names the zone even when it is empty', async () => {
    expect(await view('Asia/Tokyo', 'today').waitFor('cost $')).toContain('cost $1.50 · 2 sessions');
    expect(await view('UTC', 'today').waitFor('cost $')).toMatch(/cost \$1\.00 · 1 sessions? /);
    const empty = renderSized(
      <CostView sessions={[]} nowMs={NOW} timeZone="Asia/Tokyo" window="today" width={100} height={10} scopeLabel={'/a/very/deep/project/root/'.repeat(5)} />,
      { columns: 100, rows: 10 },
    );
    const frame = await empty.waitFor('No sessions in this window');
    expect(frame).toContain('days in Asia/Tokyo'); // a long scope gives way first
  });
});

describe('the real browser source at the issue\'s clock (2026-05-21T16:27Z)', () => {
  let home: string;
  let removeHome: () => void;
  let configHome: string;
  const env = { SESSION_BROWSER_NOW: TZ_NOW, SESSION_BROWSER_CACHE: '0' };

  beforeEach(() => {
    ({ home, cleanup: removeHome } = tzHome());
    configHome = mkdtempSync(join(tmpdir(), 'sb-tzv-config-'));
    vi.stubEnv('XDG_CONFIG_HOME', configHome); // buildContext reads the config of process.env
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    removeHome();
    rmSync(configHome, { recursive: true, force: true });
  });

  /** The cost view's "today" of the browser run with --tz `tz` on the home. */
  async function browserToday(tz: string): Promise<string> {
    const source = storeSource(buildContext({ home, all: true, tz }, { ...process.env, ...env }));
    expect(source.timeZone).toBe(tz);
    const ui = renderSized(<App source={source} onExit={() => undefined} initialScope="all" />, { columns: 120, rows: 30 });
    await ui.waitFor('Fix the midnight rollover');
    await ui.press('c', 'window 7d');
    await ui.press('w', 'window 30d');
    await ui.press('w', 'window all');
    return ui.press('w', 'window today');
  }

  it('with --tz Asia/Tokyo, "today" holds the Tokyo day\'s session, as `usage --since today --json` says', async () => {
    expect(existsSync(CLI)).toBe(true); // npm run build first
    for (const [tz, sessions] of [['Asia/Tokyo', 1], ['UTC', 2]] as const) {
      const usage = runCli(['usage', '--since', 'today', '--json', '--home', home, '--all', '--tz', tz], {
        env: { ...env, XDG_CONFIG_HOME: configHome },
      });
      expect(usage.code).toBe(0);
      const totals = (JSON.parse(usage.stdout) as { totals: { sessions: number; knownCostMicros: number | null; unknownCostSessions: number } }).totals;
      expect(totals.sessions).toBe(sessions);
      const frame = await browserToday(tz);
      expect(frame).toContain(`cost ${costText(totals)} · ${formatInt(totals.sessions)} session`);
      expect(frame).toContain(`days in ${tz}`);
      cleanup();
    }
  });

  it('the `e` export dates the document in the zone', async () => {
    const source = storeSource(buildContext({ home, all: true, tz: 'Asia/Tokyo' }, { ...process.env, ...env }));
    const late = (await source.loadSessions('all')).find((s) => s.id === 'late');
    expect(late).toBeDefined();
    const md = readFileSync(await source.exportMarkdown(late!), 'utf8');
    expect(md).toContain('- **Created:** 2026-05-22 01:00 Asia/Tokyo');
    expect(md).toContain('- **Updated:** 2026-05-22 01:20 Asia/Tokyo\n'); // no "(7m ago)": stale once saved
    expect(md).toContain('### User · 2026-05-22 01:00');
  });
});
