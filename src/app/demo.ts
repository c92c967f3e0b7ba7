/**
 * The bundled demo (`--demo`): the fixture home shipped in the package, its
 * main project, and the clock its timestamps were written against, so "2h
 * ago" and the cache-warm badge look the way they will on live data.
 *
 * The package is never written: `--demo` runs on a private copy kept under
 * `$XDG_CACHE_HOME/session-browser/demo/home` (else `~/.cache/…`). The copy
 * persists between runs, so what a demo delete prints
 * (`session-browser --demo restore ID`) works in the next run; it is
 * replaced by a fresh copy only when the package's fixtures change (a new
 * version), which is recorded in `demo/source.json` as a hash of their
 * content. A copy per run (mkdtemp) would lose the trash at exit and make
 * that hint a lie.
 */
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDir } from '../store/actions/resume.js';

export const DEMO_NOW = '2026-11-21T12:00:00.000Z';
export const DEMO_MAIN_ROOT = '/home/demo/webapp';

/** fixtures/demo inside the package, found from the bundle (dist/cli.js) or the source tree (src/app/demo.ts). Read only. */
export function demoFixtures(): string {
  for (const rel of ['../fixtures/demo', '../../fixtures/demo']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('the demo fixtures (fixtures/demo) are missing from this install');
}

/** `$XDG_CACHE_HOME/session-browser/demo` (else `~/.cache/session-browser/demo`): where the private copy lives. */
export function demoCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'session-browser', 'demo');
}

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/**
 * The copy's version: a hash of the fixtures' names, sizes and mtimes. One
 * stat per file on every `--demo` start, not a read of every byte; an install
 * or a regenerated fixture changes the mtimes.
 */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const rel of filesUnder(dir)) {
    const st = statSync(join(dir, rel));
    hash.update(`${rel}\0${st.size}\0${st.mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/** The copy is ours alone, and writable even when the package was installed read-only. */
function makePrivate(dir: string): void {
  chmodSync(dir, 0o700);
  for (const rel of filesUnder(dir)) chmodSync(join(dir, rel), 0o600);
  const dirs = (prefix: string): void => {
    for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      chmodSync(join(dir, prefix, e.name), 0o700);
      dirs(join(prefix, e.name));
    }
  };
  dirs('');
}

interface Stamp {
  fixtures: string;
  fingerprint: string;
}

function readStamp(path: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

/**
 * The demo home: the private copy of the package's fixtures (see the
 * module comment), made or refreshed first when needed. Throws when the
 * fixtures are missing or the cache folder cannot be written.
 */
export function demoHome(env: NodeJS.ProcessEnv = process.env): string {
  const fixtures = demoFixtures();
  const base = demoCacheDir(env);
  const home = join(base, 'home');
  const stampPath = join(base, 'source.json');
  const want = fingerprint(fixtures);
  const fresh = (): boolean => readStamp(stampPath)?.fingerprint === want && isDir(home);
  if (fresh()) return home;

  mkdirSync(base, { recursive: true, mode: 0o700 });
  const copy = mkdtempSync(join(base, 'new-'));
  try {
    cpSync(fixtures, copy, { recursive: true, preserveTimestamps: true });
    makePrivate(copy);
    // Another run may have refreshed it meanwhile: keep theirs.
    if (fresh()) return home;
    let old: string | null = null;
    if (existsSync(home)) {
      old = join(base, `old-${process.pid}-${Date.now()}`);
      renameSync(home, old);
    }
    renameSync(copy, home);
    const tmp = `${stampPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ fixtures, fingerprint: want } satisfies Stamp), { mode: 0o600 });
    renameSync(tmp, stampPath);
    if (old) rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return home;
}
