/**
 * Hostile case "a store readable by others" (issue 9): logs hold secrets, so
 * a home or a session file that group or others can read earns a warning on
 * stderr, one line however many files there are (they are counted), with
 * the command that makes the store private. A file others could read but
 * cannot reach (a 0644 file in a 0700 home) is private in effect: no warning.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SessionCatalog } from '../../src/store/catalog/catalog.js';
import { exposureOfChecked, exposureWarning, storeExposure } from '../../src/store/exposure.js';
import { runCli } from '../helpers/cli.js';
import { useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

// Every stat of a session file, counted: the warning must not make a pass of its own over 100,000 files.
const stats = vi.hoisted(() => ({ jsonl: 0, all: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const counted = <F extends (path: import('node:fs').PathLike, ...rest: never[]) => unknown>(f: F): F =>
    ((path: import('node:fs').PathLike, ...rest: never[]) => {
      stats.all++;
      if (String(path).endsWith('.jsonl')) stats.jsonl++;
      return f(path, ...rest);
    }) as F;
  const over = { statSync: counted(fs.statSync), lstatSync: counted(fs.lstatSync) };
  return { ...fs, ...over, default: { ...fs, ...over } };
});

const T = '2026-11-20T09:00:00Z';
function sessions(n: number, mode: number): void {
  for (let i = 0; i < n; i++) chmodSync(t.write(`s${i}`, [{ type: 'message', timestamp: T, message: { role: 'user', content: `hi ${i}` } }]), mode);
}
/** Home, projects/ and the project folder with `mode`. */
function folders(mode: number): void {
  for (const dir of [t.home, join(t.home, 'projects'), t.dir]) chmodSync(dir, mode);
}

describe('robustness: a store readable by others', () => {
  it('a private store (0700 folders, 0600 files) earns nothing', () => {
    sessions(3, 0o600);
    folders(0o700);
    expect(storeExposure(t.home)).toEqual({ home: false, files: 0 });
    expect(exposureWarning(t.home, storeExposure(t.home))).toBeNull();
    const res = runCli(['--home', t.home, 'list', '--all']);
    expect(res.stderr).toBe('');
  });

  it('0644 files in a 0700 home cannot be reached: private in effect', () => {
    sessions(2, 0o644);
    folders(0o755);
    chmodSync(t.home, 0o700);
    expect(storeExposure(t.home)).toEqual({ home: false, files: 0 });
  });

  it('a 0755 home inside a 0700 folder cannot be reached either', () => {
    sessions(1, 0o644);
    const home = join(t.home, 'inner');
    mkdirSync(join(home, 'projects'), { recursive: true, mode: 0o755 });
    renameSync(t.dir, join(home, 'projects', 'p'));
    chmodSync(t.home, 0o700);
    expect(storeExposure(home)).toEqual({ home: false, files: 0 });
    chmodSync(t.home, 0o711);
    expect(storeExposure(home)).toEqual({ home: true, files: 0 });
  });

  it('group-readable files behind group-searchable folders are counted', () => {
    sessions(2, 0o640);
    folders(0o710);
    expect(storeExposure(t.home)).toEqual({ home: false, files: 2 });
  });

  it('the listing\'s own stat of each file is reused: no second stat of any session file, the same verdict', async () => {
    sessions(120, 0o644);
    chmodSync(join(t.dir, 's7.jsonl'), 0o600);
    folders(0o755);
    const catalog = new SessionCatalog({ home: t.home, now: () => Date.parse(T) });
    await catalog.summaries(null);
    stats.jsonl = 0;
    stats.all = 0;
    const checked = exposureOfChecked(t.home, catalog.readableFiles());
    expect(stats.jsonl).toBe(0);
    // The home, the folders above it, projects/ and the one project folder.
    expect(stats.all).toBeLessThan(16);
    expect(checked).toEqual({ home: true, files: 119 });
    // The full check agrees, at one stat per file.
    expect(storeExposure(t.home)).toEqual(checked);
    expect(stats.jsonl).toBe(120);
  });

  it('a file made private (or readable) since is judged by the next listing\'s stat', async () => {
    sessions(3, 0o644);
    folders(0o755);
    const catalog = new SessionCatalog({ home: t.home, now: () => Date.parse(T) });
    await catalog.summaries(null);
    expect(exposureOfChecked(t.home, catalog.readableFiles()).files).toBe(3);
    chmodSync(join(t.dir, 's0.jsonl'), 0o600);
    await catalog.summaries(null);
    expect(exposureOfChecked(t.home, catalog.readableFiles()).files).toBe(2);
    // A private home hides them all, whatever the files' modes.
    chmodSync(t.home, 0o700);
    expect(exposureOfChecked(t.home, catalog.readableFiles())).toEqual({ home: false, files: 0 });
  });

  it('CLI: a readable home and 50 readable files are one line on stderr, counted, with the fix', () => {
    sessions(50, 0o644);
    writeFileSync(join(t.dir, 'notes.txt'), 'not a session'); // not counted
    folders(0o755);
    const res = runCli(['--home', t.home, 'list', '--all']);
    expect(res.code).toBe(0);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `session-browser: warning: the session home ${t.home} is readable by group or others and 50 session files are readable by group or others (logs hold secrets); to make it private, run: chmod -R go= ${t.home}`,
    );
    // The fix works.
    folders(0o700);
    expect(runCli(['--home', t.home, 'list', '--all']).stderr).toBe('');
  });
});
