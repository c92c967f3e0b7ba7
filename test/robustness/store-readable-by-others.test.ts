/**
 * Hostile case "a store readable by others" (issue 9): logs hold secrets, so
 * a home or a session file that group or others can read earns a warning on
 * stderr, one line however many files there are (they are counted), with
 * the command that makes the store private. A file others could read but
 * cannot reach (a 0644 file in a 0700 home) is private in effect: no warning.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exposureWarning, storeExposure } from '../../src/store/exposure.js';
import { runCli } from '../helpers/cli.js';
import { useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

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
