/**
 * Issue 10: the preview strip said "10 msgs" where the row said 5 (it
 * counted the resume context's records, tool calls and results included).
 * Every view counts messages as the list's msgs column does
 * (SessionSummary.messageCount): the row, the preview strip, the Resume tab,
 * `show`; the context's records are called records. On the demo home, at
 * 80x24 and 160x50.
 */
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.js';
import { buildContext } from '../src/app/context.js';
import { storeSource } from '../src/app/store-source.js';
import { DEMO_NOW } from '../src/app/demo.js';
import { useDemoHome, runCli } from './helpers/cli.js';
import { cleanup, frameLines, KEYS, renderSized } from './helpers/render.js';

const env = { SESSION_BROWSER_NOW: DEMO_NOW, SESSION_BROWSER_CACHE: '0' };

const demo = useDemoHome('sb-counts-config-');
afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

/** The msgs cell of the row whose title starts with `title`: the first number after the age ("2m ago     5"). */
const rowMsgs = (frame: string, title: string): number => {
  const row = frameLines(frame).find((l) => l.slice(2).startsWith(title)) ?? '';
  return Number(/ ago +(\d[\d,]*)/.exec(row)?.[1]?.replace(/,/g, '') ?? NaN);
};

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`at ${columns}x${rows}`, () => {
    function start() {
      vi.stubEnv('XDG_CONFIG_HOME', demo.configHome);
      const source = storeSource(buildContext({ home: demo.home, all: true }, { ...process.env, ...env }));
      return renderSized(<App source={source} onExit={() => undefined} initialScope="all" />, { columns, rows });
    }

    it('a session with tool calls and no checkpoint: the row, the preview strip and the Resume tab say the same number', async () => {
      const ui = start();
      const title = 'Refactor the router';
      let f = await ui.waitFor((x) => x.includes(title) && !x.includes('loading'), 20_000);
      const msgs = rowMsgs(f, title);
      expect(msgs).toBe(5);
      f = await ui.press('/refactor the router', (x) => x.includes('matches for “refactor the router”') && x.includes('› Refactor the router'));
      // Worded shorter on a narrow screen (PreviewStrip resumeLine), never without the count.
      expect(f).toContain(`whole conversation · ${msgs} msgs`);
      f = await ui.press(KEYS.tab, '[1 Replay]');
      f = await ui.press('3', '[3 Resume]');
      expect(f).toContain(`whole conversation (no checkpoint) · ${msgs} messages`);
      // The context file's size is said in records, which are more (tool calls and results).
      const records = Number(/tokens in (\d+) records \(tool calls and results included\)/.exec(f)?.[1]);
      expect(records).toBeGreaterThan(msgs);
    });

    it('a session with a checkpoint: "msgs after" counts as the row does (75 turns of user, assistant, assistant after it)', async () => {
      const ui = start();
      const title = 'Port the test suite';
      let f = await ui.waitFor((x) => x.includes(title) && !x.includes('loading'), 20_000);
      expect(rowMsgs(f, title)).toBe(450);
      f = await ui.press('/jest to vitest', (x) => x.includes('for “jest to vitest”') && x.includes('› Port the test suite'));
      expect(f).toMatch(/from checkpoint \S+ · 225 msgs after/);
      f = await ui.press(KEYS.tab, '[1 Replay]');
      f = await ui.press('3', '[3 Resume]');
      expect(f).toContain('then 225 messages recorded after it');
      f = await ui.press(KEYS.down, '(•) whole conversation');
      expect(f).toContain('the first message · 450 messages');
    });
  });
}

it('show says the messages after the last checkpoint as the list counts them', () => {
  const res = runCli(['show', 'long-transcript', '--home', demo.home, '--all'], { env: { ...env, XDG_CONFIG_HOME: demo.configHome } });
  expect(res.code, res.stderr).toBe(0);
  expect(res.stdout).toMatch(/checkpoints +1 \(last .*, 225 messages after\)/);
});
