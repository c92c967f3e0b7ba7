/**
 * The persisted memo of session-file heads (sources/common/heads.ts): what
 * other agents' locations learned from the first lines of each file (its
 * cwd, its session id, its parent), so a start-up reads no file it has
 * seen before. One JSON file beside the home's catalog,
 * `heads-<16 hex>.json`; deleting it loses nothing but time. Kept apart
 * from the catalog database: heads are needed before any summary is.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HeadFacts, HeadMemo } from '../sources/common/heads.js';
import { catalogPath } from './catalog-files.js';

/** Bump when HeadFacts changes meaning. */
const VERSION = 1;

/** A memo persisted at `path` (null: in memory only). Loaded on first use; saved when something changed. Never throws. */
export function persistedHeadMemo(path: string | null): HeadMemo {
  let map: Map<string, { i: number; f: HeadFacts }> | null = null;
  let dirty = false;
  const load = (): Map<string, { i: number; f: HeadFacts }> => {
    if (map) return map;
    map = new Map();
    if (!path) return map;
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as { v?: number; heads?: Record<string, { i: number; f: HeadFacts }> };
      if (json.v === VERSION) for (const [p, h] of Object.entries(json.heads ?? {})) map.set(p, h);
    } catch {
      // absent or broken: start empty
    }
    return map;
  };
  return {
    get(p, ino) {
      const hit = load().get(p);
      return hit && hit.i === ino ? hit.f : undefined;
    },
    set(p, ino, facts) {
      load().set(p, { i: ino, f: facts });
      dirty = true;
    },
    save() {
      if (!path || !dirty || !map) return;
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ v: VERSION, heads: Object.fromEntries(map) }), { mode: 0o600 });
        renameSync(tmp, path);
        dirty = false;
      } catch {
        // a read-only cache: the heads are read again next time
      }
    },
  };
}

/** The head memo of a session home, beside its catalog; $SESSION_BROWSER_CACHE=0 keeps it in memory. */
export function headMemoForHome(home: string, env: NodeJS.ProcessEnv = process.env): HeadMemo {
  if (env.SESSION_BROWSER_CACHE === '0') return persistedHeadMemo(null);
  const catalog = catalogPath(home, env);
  return persistedHeadMemo(join(dirname(catalog), catalog.slice(dirname(catalog).length + 1).replace(/^catalog-/, 'heads-').replace(/\.sqlite$/, '.json')));
}
