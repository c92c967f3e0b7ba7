/**
 * Issue 6 item 4: `--demo` never writes into the package. It runs on a
 * private copy under $XDG_CACHE_HOME/session-browser/demo that persists
 * between runs (so the printed `session-browser --demo restore ID` works)
 * and is refreshed when the package's fixtures change. Catalog databases of
 * homes that no longer exist are pruned.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContext } from '../src/app/context.js';
import { storeSource } from '../src/app/store-source.js';
import { pruneCatalogs, recordedHome } from '../src/store/catalog/catalog-files.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { DEMO, runCli } from './helpers/cli.js';
import { spawnPty } from './helpers/pty.js';
import { printedCommand, runVerbatim } from './helpers/verbatim.js';

/** Names, modes and bytes of every file under `dir`. */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      hash.update(relative(dir, p));
      if (e.isDirectory()) walk(p);
      else hash.update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

const cache = mkdtempSync(join(tmpdir(), 'sb-demo-private-'));
const env = { XDG_CACHE_HOME: cache };
const copy = join(cache, 'session-browser', 'demo', 'home');
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('--demo runs on a private copy', () => {
  it('delete moves a file of the copy, never of fixtures/demo, says where, and its restore hint works verbatim in the next run', () => {
    const before = treeHash(DEMO);
    const del = runCli(['--demo', 'delete', 'run-add-retries', '--yes'], { env });
    expect(del.code).toBe(0);
    expect(treeHash(DEMO)).toBe(before);
    expect(existsSync(join(DEMO, 'projects', '39c612fb0b294124', 'run-add-retries.jsonl'))).toBe(true);
    expect(del.stderr).toContain(`moved to ${join(copy, '.trash', '39c612fb0b294124', 'run-add-retries.jsonl')}`);
    const undo = printedCommand(del.stderr, 'Undo with: ');
    expect(undo).toBe('session-browser --demo restore run-add-retries');
    expect(JSON.parse(runCli(['--demo', 'list', '--json'], { env }).stdout).sessions.map((s: { id: string }) => s.id)).not.toContain('run-add-retries');

    const restored = runVerbatim(undo, { env });
    expect(restored.code).toBe(0);
    expect(restored.stderr).toContain(join(copy, 'projects', '39c612fb0b294124', 'run-add-retries.jsonl'));
    expect(JSON.parse(runCli(['--demo', 'list', '--json'], { env }).stdout).sessions.map((s: { id: string }) => s.id)).toContain('run-add-retries');
    expect(treeHash(DEMO)).toBe(before);
  });

  it('the browser export and the summary cache write under the cache folder, not into the package', async () => {
    const before = treeHash(DEMO);
    const ctx = buildContext({ demo: true }, { ...process.env, ...env, SESSION_BROWSER_CACHE: '1' });
    expect(ctx.home).toBe(copy);
    const source = storeSource(ctx);
    const [first] = await source.loadSessions('project');
    const path = await source.exportMarkdown(first!);
    expect(path.startsWith(copy)).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(join(cache, 'session-browser')).some((n) => /^catalog-[0-9a-f]{16}\.sqlite$/.test(n))).toBe(true);
    expect(treeHash(DEMO)).toBe(before);
  });

  it('in the browser, d then y deletes from the copy; the dialog says `session-browser --demo restore ID`, the message that u undoes it', async () => {
    const before = treeHash(DEMO);
    const app = spawnPty(['--demo'], { cols: 160, rows: 30, env });
    try {
      await app.waitFor('Refactor the router into feature modules');
      app.write('j'); // partial-write: idle at the demo's clock
      await app.waitFor('› Investigate');
      app.mark();
      app.write('d');
      await app.waitFor('restore with: session-browser --demo restore partial-write');
      app.mark();
      app.write('y');
      await app.waitFor(/Deleted .*u undoes it/);
      app.write('q');
      expect(await app.exited).toBe(130);
    } finally {
      app.kill();
    }
    expect(existsSync(join(copy, '.trash', '39c612fb0b294124', 'partial-write.jsonl'))).toBe(true);
    expect(treeHash(DEMO)).toBe(before);
    expect(runVerbatim('session-browser --demo restore partial-write', { env }).code).toBe(0);
  });

  it('is replaced by a fresh copy when the package fixtures change (the recorded fingerprint differs)', () => {
    expect(runCli(['--demo', 'delete', 'run-backfill', '--yes'], { env }).code).toBe(0);
    expect(existsSync(join(copy, 'projects', '51085afeedb4faf8', 'run-backfill.jsonl'))).toBe(false);
    // Same fixtures: the copy (and its trash) is kept.
    runCli(['--demo', 'list'], { env });
    expect(existsSync(join(copy, '.trash', '51085afeedb4faf8', 'run-backfill.jsonl'))).toBe(true);
    // As if a new version shipped other fixtures.
    const stamp = join(cache, 'session-browser', 'demo', 'source.json');
    writeFileSync(stamp, JSON.stringify({ ...JSON.parse(readFileSync(stamp, 'utf8')), fingerprint: 'older-version' }));
    expect(runCli(['--demo', 'list'], { env }).code).toBe(0);
    expect(existsSync(join(copy, 'projects', '51085afeedb4faf8', 'run-backfill.jsonl'))).toBe(true);
    expect(existsSync(join(copy, '.trash'))).toBe(false);
    expect(readdirSync(join(cache, 'session-browser', 'demo')).sort()).toEqual(['home', 'source.json']);
  });
});

describe('catalog databases', () => {
  it('record their home, and those of homes that no longer exist are pruned, with every legacy JSON cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-prune-'));
    try {
      const live = mkdtempSync(join(tmpdir(), 'sb-live-home-'));
      const gone = mkdtempSync(join(tmpdir(), 'sb-gone-home-'));
      const cacheEnv = { XDG_CACHE_HOME: dir };
      for (const home of [live, gone]) SummaryCache.forHome(home, cacheEnv).save(); // creates the (empty) catalog
      const files = join(dir, 'session-browser');
      const liveFile = SummaryCache.forHome(live, cacheEnv).path!;
      const goneFile = SummaryCache.forHome(gone, cacheEnv).path!;
      expect(recordedHome(goneFile)).toBe(gone);
      rmSync(gone, { recursive: true });
      // A catalog whose home cannot be read, unused for 40 days, and a fresh one.
      const unowned = join(files, 'catalog-00000000deadbeef.sqlite');
      writeFileSync(unowned, 'not a database');
      utimesSync(unowned, new Date(Date.now() - 40 * 86_400_000), new Date(Date.now() - 40 * 86_400_000));
      const fresh = join(files, 'catalog-00000000cafef00d.sqlite');
      writeFileSync(fresh, 'not a database either');
      // The one-file JSON caches of earlier versions: nothing reads them any more.
      const legacy = join(files, 'summaries-00000000deadbeef.json');
      writeFileSync(legacy, JSON.stringify({ v: 1, entries: {} }));
      expect(pruneCatalogs(files).sort()).toEqual([legacy, goneFile, unowned].sort());
      expect(existsSync(liveFile)).toBe(true);
      expect(existsSync(fresh)).toBe(true);
      expect(readdirSync(files).filter((n) => n.startsWith(basename(goneFile)))).toEqual([]); // -wal and -shm too
      rmSync(live, { recursive: true });
      mkdirSync(live);
      expect(pruneCatalogs(files, { keep: liveFile })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
