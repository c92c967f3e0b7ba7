/**
 * In a real pty on a generated tree (issue 7 items 4, 5 and 7): the first
 * frame, with its progress line, appears while a cold scan is still
 * running; a warm start paints the catalog's list before checking the files;
 * a session written while the browser is open shows up without a key.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTree } from '../fixtures/generate.js';
import { spawnPty } from './helpers/pty.js';

let base: string;
let home: string;
let cache: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'sb-e2e-live-'));
  home = join(base, 'home');
  cache = join(base, 'cache');
  await generateTree({ out: home, count: 1500, projects: 3, seed: 7 });
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const browse = () => spawnPty(['--home', home, '--all'], { cols: 160, rows: 50, env: { SESSION_BROWSER_CACHE: '1', XDG_CACHE_HOME: cache } });

describe('a large tree in a real terminal', () => {
  it('draws the first frame during a cold scan, then from the catalog at once, and follows new sessions', async () => {
    const cold = browse();
    try {
      // The progress line is drawn while files are still being read: the scan has not finished.
      const during = await cold.waitFor(/reading [\d,]+\/1,500 files/, 60_000);
      expect(during).not.toMatch(/1,500 sessions/);
      await cold.waitFor(/1,500 sessions/, 120_000);
      cold.write('q');
      await cold.exited;
    } finally {
      cold.kill();
    }

    const warm = browse();
    try {
      // The catalog's list comes first, then the check of every file.
      await warm.waitFor(/1,500 sessions · checking…/, 20_000);
      const project = readdirSync(join(home, 'projects'))[0]!;
      warm.mark();
      writeFileSync(
        join(home, 'projects', project, 'live-session-0001.jsonl'),
        `${JSON.stringify({ type: 'meta', title: 'Written while the browser was open' })}\n${JSON.stringify({ type: 'message', timestamp: new Date().toISOString(), message: { role: 'user', content: 'hello' } })}\n`,
      );
      // It is counted at once; the selected row keeps its line, so the newcomer is above, one key away.
      await warm.waitFor(/1,501 sessions/, 40_000);
      warm.write('g');
      await warm.waitFor(/Written while the browser was open/, 10_000);
      warm.write('q');
      await warm.exited;
    } finally {
      warm.kill();
    }
  }, 240_000);
});
