/**
 * Issue 10 item 4: `y` copies the id through the terminal (OSC 52) as well
 * as the local clipboard tool, says which worked, and builds the sequence
 * only from the id's own characters.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { copyMessage, idText, osc52 } from '../src/app/clipboard.js';
import { runBrowser } from '../src/app/run-browser.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, FakeStdin, FakeStdout } from './helpers/render.js';

afterEach(cleanup);

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('osc52', () => {
  it('sets the clipboard to the id, base64 encoded', () => {
    expect(osc52('0196a1b2-c3d4', {})).toBe(`\u001b]52;c;${b64('0196a1b2-c3d4')}\u0007`);
  });

  it('keeps only id characters: a hostile id cannot end the sequence or start another', () => {
    const evil = 'abc\u0007\u001b]52;c;ZXZpbA==\u0007\u001b[2J';
    expect(idText(evil)).toBe('abc52cZXZpbA2J');
    const seq = osc52(evil, {});
    expect(seq).toBe(`\u001b]52;c;${b64('abc52cZXZpbA2J')}\u0007`);
    expect(seq.match(/\u001b/g)).toHaveLength(1);
    expect(seq.match(/\u0007/g)).toHaveLength(1);
  });

  it('inside tmux also sends the passthrough form, inside screen the screen form', () => {
    const plain = `\u001b]52;c;${b64('id-1')}\u0007`;
    expect(osc52('id-1', { TMUX: '/tmp/tmux-0/default,1,0' })).toBe(`${plain}\u001bPtmux;\u001b${plain}\u001b\\`);
    expect(osc52('id-1', { TERM: 'screen-256color' })).toBe(`\u001bP${plain}\u001b\\`);
  });

  it('says which way worked, or that none could', () => {
    expect(copyMessage('x', { tool: 'wl-copy', terminal: true })).toBe('Copied x (wl-copy, and the terminal via OSC 52)');
    expect(copyMessage('x', { tool: 'pbcopy', terminal: false })).toBe('Copied x (pbcopy)');
    expect(copyMessage('x', { tool: null, terminal: true })).toMatch(/^Sent x to the terminal's clipboard \(OSC 52/);
    expect(copyMessage('x', { tool: null, terminal: false })).toBe('No clipboard could take it; id: x');
  });
});

async function until(check: () => boolean, timeoutMs = 4000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  it(`y in the browser on a terminal (${columns}x${rows}) writes OSC 52 with the id and says so`, async () => {
    const stdout = new FakeStdout(columns, rows);
    stdout.isTTY = true;
    const stdin = new FakeStdin();
    const sessions = [appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: new Date(NOW - 3_600_000).toISOString() })];
    for (const clipboard of ['shown', 'clipboard'] as const) {
      stdout.frames.length = 0;
      const done = runBrowser(fakeSource({ sessions, clipboard }), {
        stdout: stdout as unknown as NodeJS.WriteStream,
        stdin: stdin as unknown as NodeJS.ReadStream,
        altScreen: false,
      });
      await until(() => stdout.frames.join('').includes('Fix login bug') && stdin.rawMode);
      stdin.write('y');
      const said = clipboard === 'shown' ? "Sent sess-login to the terminal's clipboard" : 'Copied sess-login (pbcopy, and the terminal via OSC 52)';
      await until(() => stdout.frames.join('').includes(said));
      expect(stdout.frames.join('')).toContain(`\u001b]52;c;${b64('sess-login')}\u0007`);
      stdin.write('q');
      await done;
    }
  });
}
