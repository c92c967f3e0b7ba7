/**
 * Issue 10 item 3: the terminal is left as it was found. The browser draws
 * on the alternate screen and leaves it on quit, Ctrl+C, SIGTERM and a
 * crash; --no-alt-screen draws on the normal screen.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, runBrowser } from '../src/app/run-browser.js';
import { fakeSource, manySummaries } from './helpers/fake-source.js';
import { cleanup, FakeStdin, FakeStdout } from './helpers/render.js';
import { spawnPty, type PtySession } from './helpers/pty.js';

afterEach(cleanup);

async function until(check: () => boolean, timeoutMs = 4000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function tty(): { stdout: FakeStdout; stdin: FakeStdin; streams: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream } } {
  const stdout = new FakeStdout(80, 24);
  stdout.isTTY = true;
  const stdin = new FakeStdin();
  return { stdout, stdin, streams: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream } };
}

describe('runBrowser', () => {
  it('enters the alternate screen before the first frame and leaves it after the last', async () => {
    const { stdout, stdin, streams } = tty();
    const done = runBrowser(fakeSource({ sessions: manySummaries(3) }), streams);
    await until(() => stdout.frames.join('').includes('Task number 0') && stdin.rawMode);
    stdin.write('q');
    expect(await done).toEqual({ kind: 'quit' });
    const out = stdout.frames.join('');
    expect(out.startsWith(ENTER_ALT_SCREEN)).toBe(true);
    expect(out.lastIndexOf(LEAVE_ALT_SCREEN)).toBeGreaterThan(out.lastIndexOf('Task number 0'));
    expect(out.endsWith('\u001B[?25h')).toBe(true);
  });

  it('leaves it when the app crashes while drawing', async () => {
    const { stdout, streams } = tty();
    const source = { ...fakeSource({ sessions: manySummaries(3) }), nowMs: (): number => { throw new Error('clock broke'); } };
    await expect(runBrowser(source, streams)).rejects.toThrow('clock broke');
    const out = stdout.frames.join('');
    expect(out.startsWith(ENTER_ALT_SCREEN)).toBe(true);
    expect(out.endsWith(LEAVE_ALT_SCREEN + '\u001B[?25h')).toBe(true);
  });

  it('--no-alt-screen (altScreen: false) draws on the normal screen', async () => {
    const { stdout, stdin, streams } = tty();
    const done = runBrowser(fakeSource({ sessions: manySummaries(3) }), { ...streams, altScreen: false });
    await until(() => stdout.frames.join('').includes('Task number 0') && stdin.rawMode);
    stdin.write('q');
    await done;
    expect(stdout.frames.join('')).not.toContain('\u001B[?1049');
  });
});

describe('in a real terminal (pty)', { timeout: 60_000 }, () => {
  const sessions: PtySession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
  });
  const open = async (cols: number, rows: number, extra: string[] = []): Promise<PtySession> => {
    const app = spawnPty(['--demo', ...extra], { cols, rows, env: { XDG_CACHE_HOME: `/tmp/sb-alt-${process.pid}` } });
    sessions.push(app);
    await app.waitFor(/sessions/, 30_000);
    return app;
  };

  for (const [cols, rows] of [
    [80, 24],
    [160, 50],
  ] as const) {
    it(`at ${cols}x${rows}: q, Ctrl+C and SIGTERM each leave the alternate screen`, async () => {
      for (const end of ['q', '\u0003', 'SIGTERM']) {
        const app = await open(cols, rows);
        expect(app.raw()).toContain('\u001b[?1049h');
        if (end === 'SIGTERM') app.kill('SIGTERM');
        else app.write(end);
        await app.exited;
        const raw = app.raw();
        expect(raw.lastIndexOf('\u001b[?1049l'), end).toBeGreaterThan(raw.lastIndexOf('\u001b[?1049h'));
      }
    });
  }

  it('--no-alt-screen never switches screens', async () => {
    const app = await open(80, 24, ['--no-alt-screen']);
    app.write('q');
    await app.exited;
    expect(app.raw()).not.toContain('\u001b[?1049');
  });
});
