/**
 * Hostile case "one unreadable folder hides everything" (issue 9): a project
 * folder that cannot be listed (mode 000: EACCES) is one skipped entry (an
 * error row on stderr, a `doctor` line); every other project still loads.
 *
 * Root reads a mode-000 folder anyway, so the library test injects EACCES
 * into readdir for that one folder; the CLI test uses a real chmod, and
 * when the tests run as root it runs the CLI as `nobody` (uid 65534), whom
 * the mode binds.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionCatalog } from '../../src/store/catalog/catalog.js';
import { scanSessionFiles } from '../../src/store/sources/native/discover.js';
import { runCli } from '../helpers/cli.js';
import { PROJECT_ID, useTempHome, type TempHome } from '../helpers/session-files.js';

const denied = new Set<string>();
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (path: Parameters<typeof fs.readdir>[0], opts?: unknown) => {
    if (denied.has(String(path))) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
    return fs.readdir(path, opts as never);
  }) as typeof fs.readdir;
  return { ...fs, readdir, default: { ...fs, readdir } };
});

let t: TempHome;
useTempHome((h) => (t = h));
afterEach(() => denied.clear());

const OTHER = 'fedcba9876543210';
const T = '2026-11-20T09:00:00Z';

function twoProjects(): string {
  t.write('readable', [{ type: 'message', timestamp: T, message: { role: 'user', content: 'hi' } }]);
  const locked = join(t.home, 'projects', OTHER);
  mkdirSync(locked);
  return locked;
}

const isRoot = process.getuid?.() === 0;
/** Root is not bound by mode 000: the CLI then runs as nobody. */
const NOBODY = 65534;

describe('robustness: one unreadable folder', () => {
  it('the scan reports the folder and lists every other project', async () => {
    const locked = twoProjects();
    denied.add(locked);
    const scan = await scanSessionFiles(t.home, null);
    expect(scan.files.map((f) => f.id)).toEqual(['readable']);
    expect(scan.skipped).toEqual([{ path: locked, error: expect.stringMatching(/^cannot read folder: EACCES/) }]);
    const { sessions, unreadable } = await new SessionCatalog({ home: t.home }).summaries(null, { includeEmpty: true });
    expect(sessions.map((s) => s.id)).toEqual(['readable']);
    expect(unreadable).toHaveLength(1);
  });

  it('an unreadable projects folder is one entry too, not a crash', async () => {
    twoProjects();
    denied.add(join(t.home, 'projects'));
    const scan = await scanSessionFiles(t.home, null);
    expect(scan.files).toEqual([]);
    expect(scan.skipped).toHaveLength(1);
    expect(await scanSessionFiles(t.home, [PROJECT_ID])).toMatchObject({ files: [{ id: 'readable' }] });
  });

  it('CLI (chmod 000): list --all shows the rest, with one error line; doctor names it', () => {
    const locked = twoProjects();
    // As nobody (when we are root), the home must be readable and the cache writable by them.
    const cache = mkdtempSync(join(tmpdir(), 'sb-nobody-cache-'));
    chmodSync(cache, 0o777);
    chmodSync(t.home, 0o755);
    const user = isRoot ? { uid: NOBODY, gid: NOBODY } : {};
    chmodSync(locked, 0o000);
    try {
      const list = runCli(['--home', t.home, 'list', '--all'], { ...user, env: { XDG_CACHE_HOME: cache, HOME: cache } });
      expect(list.stdout).toContain('readable');
      expect(list.code).toBe(0);
      // The home is opened to nobody here, which earns its own line (store-readable-by-others.test.ts).
      const errors = list.stderr.trim().split('\n').filter((l) => !l.includes('readable by group or others'));
      expect(errors).toHaveLength(1);
      expect(list.stderr).toContain(locked);
      const doctor = runCli(['--home', t.home, 'doctor', '--all'], { ...user, env: { XDG_CACHE_HOME: cache, HOME: cache } });
      expect(doctor.code).toBe(1);
      expect(doctor.stdout + doctor.stderr).toContain(locked);
    } finally {
      chmodSync(locked, 0o755);
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
