/** Writes session files into a temporary home for reader tests. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { DEFAULT_CACHE_TTL_SEC } from '../../src/store/sources/fold.js';
import { BUILTIN_PRICES } from '../../src/store/prices-builtin.js';
import type { ReadSummaryOptions } from '../../src/store/scan/summary-reader.js';

export const PROJECT_ID = '0123456789abcdef';

export interface TempHome {
  home: string;
  dir: string;
  /** Writes `<id>.jsonl` from records (objects are JSON-encoded, strings written as is). */
  write(id: string, lines: (string | object)[], opts?: { eol?: string; trailing?: boolean; bom?: boolean; mtimeMs?: number }): string;
  cleanup(): void;
}

export function tempHome(): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'sb-test-'));
  const dir = join(home, 'projects', PROJECT_ID);
  mkdirSync(dir, { recursive: true });
  return {
    home,
    dir,
    write(id, lines, opts = {}) {
      const eol = opts.eol ?? '\n';
      const body = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join(eol);
      const text = (opts.bom ? '\uFEFF' : '') + body + (opts.trailing === false ? '' : eol);
      const path = join(dir, `${id}.jsonl`);
      writeFileSync(path, text);
      if (opts.mtimeMs !== undefined) utimesSync(path, opts.mtimeMs / 1000, opts.mtimeMs / 1000);
      return path;
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/**
 * A fresh TempHome before each test of the calling file or suite, removed
 * after it; `use` receives it, typically to set the file's own variable:
 * `let t: TempHome; useTempHome((h) => (t = h));`.
 */
export function useTempHome(use: (t: TempHome) => void): void {
  beforeEach(() => {
    const t = tempHome();
    use(t);
    return t.cleanup;
  });
}

export const NOW = Date.parse('2026-11-21T12:00:00Z');

export function readOpts(over: Partial<ReadSummaryOptions> = {}): ReadSummaryOptions {
  return { projectId: PROJECT_ID, pricing: BUILTIN_PRICES, nowMs: NOW, cacheTtlSec: DEFAULT_CACHE_TTL_SEC, ...over };
}
