/**
 * Where catalog databases live and when one is deleted. One file per session
 * home: `$XDG_CACHE_HOME/session-browser/catalog-<16 hex of sha256(home)>.sqlite`
 * (else `~/.cache/...`). Each records its home in its `meta` table, so the
 * catalogs of homes that no longer exist are pruned. Deleting any of these
 * files loses nothing: the next run reads the logs cold.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { sqlite } from './sqlite.js';

/** A catalog that records no readable home is pruned after this long unused: 30 days, in ms. */
export const UNOWNED_CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

const CATALOG_NAME = /^catalog-[0-9a-f]{16}\.sqlite$/;
/** The one-file JSON caches this catalog replaced; nothing reads them any more. */
const LEGACY_NAME = /^summaries-[0-9a-f]+\.json$/;

/** `$XDG_CACHE_HOME/session-browser` (else `~/.cache/session-browser`), absolute. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'session-browser');
}

/** The catalog database of a session home (the file need not exist). */
export function catalogPath(home: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = createHash('sha256').update(resolve(home), 'utf8').digest('hex').slice(0, 16);
  return join(cacheDir(env), `catalog-${key}.sqlite`);
}

/** Deletes a database with its WAL and shared-memory files; true when the main file is gone. */
export function removeDatabase(path: string): boolean {
  for (const p of [`${path}-wal`, `${path}-shm`, path]) {
    try {
      unlinkSync(p);
    } catch {
      // Absent, or not ours to delete.
    }
  }
  return !existsSync(path);
}

/** The home recorded in a catalog's meta table, null when none or the file cannot be read as one. */
export function recordedHome(path: string): string | null {
  const Database = sqlite();
  if (!Database) return null;
  let db: InstanceType<typeof Database> | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 200 });
    const row = db.prepare("SELECT value FROM meta WHERE key = 'home'").get() as { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Deletes, in `dir`, the catalogs (`catalog-*.sqlite`, with their -wal and
 * -shm) whose recorded home no longer exists, those recording no readable
 * home that went unused for {@link UNOWNED_CACHE_MAX_AGE_MS}, and every
 * legacy `summaries-*.json` cache. `keep` is never touched. Returns the
 * deleted paths. Never throws: a file that stays costs disk, not correctness.
 */
export function pruneCatalogs(dir: string, opts: { keep?: string; nowMs?: number } = {}): string[] {
  const pruned: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return pruned;
  }
  const now = opts.nowMs ?? Date.now();
  for (const name of names) {
    const path = join(dir, name);
    if (path === opts.keep) continue;
    try {
      if (LEGACY_NAME.test(name)) {
        unlinkSync(path);
        pruned.push(path);
      } else if (CATALOG_NAME.test(name)) {
        const home = recordedHome(path);
        const stale = home !== null ? !existsSync(home) : now - statSync(path).mtimeMs > UNOWNED_CACHE_MAX_AGE_MS;
        if (stale && removeDatabase(path)) pruned.push(path);
      }
    } catch {
      // Raced with another run, or not ours to delete: leave it.
    }
  }
  return pruned;
}
