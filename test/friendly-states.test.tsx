/**
 * Issue 10 item 7: friendly states. Loading says what it reads and how far
 * it has come (files, MB, time left), a load error is one line, and a crash
 * while drawing shows one line, never a stack trace. At 80x24 and 160x50.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { runBrowser } from '../src/app/run-browser.js';

import { fakeSource, manySummaries } from './helpers/fake-source.js';
import { cleanup, expectFits, FakeStdin, FakeStdout, renderSized } from './helpers/render.js';

afterEach(cleanup);

const STACK = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at \S+:\d+:\d+$/m;

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`at ${columns}x${rows}`, () => {
    it('loading names the home and shows files, MB and time left', async () => {
      const base = fakeSource({ sessions: manySummaries(3), home: '/home/u/.sessions' });
      const source = {
        ...base,
        loadSessions: (_scope: 'project' | 'all', opts?: { onProgress?(p: { files: number; totalFiles: number; bytes: number; totalBytes: number; elapsedMs: number }): void }) => {
          opts?.onProgress?.({ files: 120, totalFiles: 400, bytes: 30 * 1024 * 1024, totalBytes: 90 * 1024 * 1024, elapsedMs: 3000 });
          return new Promise<never>(() => undefined); // still reading
        },
      };
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      const frame = await ui.waitFor('reading 120/400 files');
      expect(frame).toContain('Reading sessions under /home/u/.sessions…');
      expect(frame).toMatch(/30 MB of 90 MB · 10 MB\/s · ~\S+ left/);
      expectFits(frame, columns, rows);
      const cost = await ui.press('c', (f) => f.includes('Reading sessions under'));
      expect(cost).not.toContain('No sessions in this window');
    });

    it('an unreadable source is one line, no stack trace', async () => {
      const source = fakeSource({ loadError: 'EACCES: permission denied, scandir /home/u/.sessions/projects' });
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      const frame = await ui.waitFor('Could not load sessions: EACCES');
      expect(frame.split('\n').filter((l) => l.includes('EACCES'))).toHaveLength(1);
      expect(frame).not.toMatch(STACK);
      expectFits(frame, columns, rows);
    });

    it('a crash while drawing is one line on the screen, and the error goes to the caller', async () => {
      const stdout = new FakeStdout(columns, rows);
      stdout.isTTY = true;
      const stdin = new FakeStdin();
      const base = fakeSource({ sessions: manySummaries(3) });
      const source = { ...base, nowMs: (): number => { throw new Error('clock broke'); } };
      await expect(
        runBrowser(source, { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, altScreen: false }),
      ).rejects.toThrow('clock broke');
      const out = stdout.frames.join('');
      expect(out).toContain('session-browser stopped: clock broke');
      expect(out).not.toMatch(STACK);
      expect(stdin.rawMode).toBe(false);
    });
  });
}
