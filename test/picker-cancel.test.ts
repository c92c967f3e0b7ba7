/**
 * Issue 6 item 6: a cancelled picker (q, Esc with nothing to clear, Ctrl+C)
 * prints nothing on stdout and exits 130, in the fzf-style mode
 * (`id=$(session-browser)`) and full screen alike, so
 * `id=$(session-browser) && agent --resume "$id"` never runs with an empty id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers/cli.js';
import { KEYS, spawnPty } from './helpers/pty.js';

const cache = mkdtempSync(join(tmpdir(), 'sb-cancel-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));
const ENV = { XDG_CACHE_HOME: cache };

/**
 * `id=$(session-browser --demo) && echo "ran with [$id]"; echo "rc=$? id=[$id]"`
 * in a real terminal: the picker draws on stderr (the pty), stdout is captured by the shell.
 */
async function fzfStyle(keys: string[], opts: { early?: boolean } = {}): Promise<string> {
  const script = `id=$(${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --demo) && echo "ran with [$id]"; echo "rc=$? id=[$id]"`;
  const proc = pty.spawn('sh', ['-c', script], {
    name: 'xterm-256color',
    cols: 120,
    rows: 30,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color', TZ: 'UTC', NO_COLOR: '1', XDG_CONFIG_HOME: '/nonexistent', ...ENV },
  });
  let out = '';
  proc.onData((d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => proc.onExit(() => resolve()));
  try {
    // `early`: typed as soon as the program writes anything (the alternate screen), before the picker has
    // drawn or listens for keys (a fast typist, a script): they must still count as keys.
    const deadline = Date.now() + 10_000;
    while (!(opts.early ? out.length > 0 : out.includes('Refactor the router'))) {
      if (Date.now() > deadline) throw new Error(`the picker never drew; got:\n${out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    for (const k of keys) proc.write(k);
    await exited;
    return out;
  } finally {
    proc.kill();
  }
}

describe('cancelling the fzf-style picker', () => {
  it.each([
    ['q', ['q']],
    ['Esc', [KEYS.escape]],
    ['Ctrl+C', ['\u0003']],
  ])('%s: exit 130, empty stdout, and the && command does not run', async (_name, keys) => {
    const out = await fzfStyle(keys);
    expect(out).toContain('rc=130 id=[]');
    expect(out).not.toContain('ran with');
  });

  // (An Enter typed before the list is on screen resumes nothing: keys read in one burst never spawn an agent.)
  it('Ctrl+C and q typed while the picker starts still cancel with 130, the shell line intact, nothing echoed', async () => {
    for (const key of ['\u0003', 'q']) {
      const out = await fzfStyle([key], { early: true });
      expect(out).toContain('rc=130 id=[]');
      expect(out).not.toContain('^C');
    }
  }, 60_000);

  it('Enter still prints the id (exit 0) for the && command', async () => {
    const out = await fzfStyle([KEYS.enter]);
    expect(out).toContain('ran with [cache-warm-refactor]');
    expect(out).toContain('rc=0 id=[cache-warm-refactor]');
  });
});

describe('cancelling the full-screen browser', () => {
  it('Esc first clears the filter, then cancels with 130', async () => {
    const app = spawnPty(['--demo'], { env: ENV });
    try {
      await app.waitFor('Refactor the router into feature modules');
      app.write('/');
      for (const ch of 'zanzibar') app.write(ch);
      await app.waitFor('1 match for “zanzibar”');
      app.mark();
      app.write(KEYS.escape); // leaves the box, keeps the filter
      await app.waitFor('esc clear filter');
      app.mark();
      app.write(KEYS.escape); // clears the filter
      await app.waitFor('Refactor the router into feature modules');
      await app.waitFor('q quit');
      app.write(KEYS.escape); // nothing left to clear: cancel
      expect(await app.exited).toBe(130);
    } finally {
      app.kill();
    }
  });
});
