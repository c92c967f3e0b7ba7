/**
 * Quitting the browser while its first scan still runs gives the shell back
 * at once: the scan only fills a cache (the next start reads what it
 * missed). It held the terminal, blank, until the last file was read (8 s
 * on a 10,000-session home). Timed against a cold `list` of the same home
 * in the same run, so a slow machine slows both.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { spawnPty } from './helpers/pty.js';

let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'sb-quit-scan-'));
  const dir = join(home, 'projects', '0123456789abcdef');
  mkdirSync(dir, { recursive: true });
  // One big session (~320 MB of messages, written a megabyte at a time) and a few small ones: a scan of about two seconds.
  const line = (i: number) =>
    JSON.stringify({ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: i % 2 ? 'assistant' : 'user', content: `step ${i} `.padEnd(1000, 'x') } });
  const chunk = Array.from({ length: 1000 }, (_, i) => line(i)).join('\n') + '\n';
  const big = join(dir, 'big.jsonl');
  writeFileSync(big, '');
  for (let i = 0; i < 320; i++) appendFileSync(big, chunk);
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, `small-${i}.jsonl`), line(i) + '\n');
}, 60_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('q during the first scan', () => {
  it('exits with 130 long before the scan would have ended', async () => {
    const t0 = performance.now();
    const listed = runCli(['list', '--home', home, '--all', '--json'], { env: { SESSION_BROWSER_CACHE: '0' } });
    const scanMs = performance.now() - t0;
    expect(listed.code, listed.stderr).toBe(0);
    const app = spawnPty(['--home', home, '--all']); // no catalog kept: a cold start every time
    try {
      await app.waitFor('loading', 20_000);
      const q = performance.now();
      app.write('q');
      expect(await app.exited).toBe(130);
      const quitMs = performance.now() - q;
      expect(quitMs, `quit took ${Math.round(quitMs)} ms, a whole scan ${Math.round(scanMs)} ms`).toBeLessThan(scanMs / 2);
    } finally {
      app.kill();
    }
  }, 120_000);
});
