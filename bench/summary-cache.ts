/**
 * "Summary cache at 10k / 105k sessions: write and warm read" (issue 7).
 * The old one-file JSON cache against the SQLite catalog, each case in its
 * own child process so its peak RSS is its own. States are real ones (from
 * the bench tree) repeated under synthetic paths: the files themselves are
 * not read, only the cache is measured. BENCH_CACHE_ROWS ("10000,105000")
 * sets the sizes.
 *
 * Child mode: `node --import tsx bench/summary-cache.ts <json|sqlite> <rows> <states.json> <dir>`
 * prints one JSON line of figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogDb, type FileRow } from '../src/store/catalog/catalog-db.js';
import type { SummaryState } from '../src/store/scan/summary-reader.js';

interface Figures {
  engine: string;
  rows: number;
  writeMs: number | null;
  readMs: number | null;
  bytes: number | null;
  peakRssMb: number;
  error?: string;
}

const SELF = fileURLToPath(import.meta.url);

const rowOf = (i: number, state: SummaryState): FileRow => ({
  path: `/bench/home/projects/p${i % 5}/s${i}.jsonl`,
  projectId: `p${i % 5}`,
  sessionId: `s${i}`,
  ino: 1_000_000 + i,
  size: state.offset,
  mtimeMs: 1_790_000_000_000 + i,
  check: '0123456789abcdef',
  state: JSON.stringify(state),
  parts: '',
  updatedAt: new Date(1_790_000_000_000 + i * 1000).toISOString(),
  empty: false,
  summary: `{"id":"s${i}"}`,
  summaryKey: "bench",
  textDone: true,
});

/** The pre-catalog cache: one object, one JSON.stringify, one file. */
function jsonCase(rows: number, states: SummaryState[], dir: string): Omit<Figures, 'peakRssMb'> {
  const path = join(dir, 'summaries.json');
  const entries: Record<string, unknown> = {};
  for (let i = 0; i < rows; i++) {
    const r = rowOf(i, states[i % states.length]!);
    entries[r.path] = { check: r.check, ino: r.ino, size: r.size, mtimeMs: r.mtimeMs, projectId: r.projectId, state: states[i % states.length] };
  }
  const t0 = performance.now();
  try {
    writeFileSync(path, JSON.stringify({ v: 4, home: '/bench/home', entries }));
  } catch (err) {
    return { engine: 'json', rows, writeMs: null, readMs: null, bytes: null, error: (err as Error).message };
  }
  const writeMs = performance.now() - t0;
  const t1 = performance.now();
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, unknown> };
  const readMs = performance.now() - t1;
  if (Object.keys(parsed.entries).length !== rows) throw new Error('json cache lost rows');
  return { engine: 'json', rows, writeMs, readMs, bytes: statSync(path).size };
}

/** The catalog: rows written in transactions of 512 (as SummaryCache flushes), read back one by one. */
function sqliteCase(rows: number, states: SummaryState[], dir: string): Omit<Figures, 'peakRssMb'> {
  const path = join(dir, 'catalog-00000000000000bb.sqlite');
  const db = CatalogDb.open(path, '/bench/home');
  if (!db) throw new Error('no database');
  const t0 = performance.now();
  for (let from = 0; from < rows; from += 512) {
    const chunk: FileRow[] = [];
    for (let i = from; i < Math.min(rows, from + 512); i++) chunk.push(rowOf(i, states[i % states.length]!));
    if (!db.write(chunk)) throw new Error('write failed');
  }
  db.close();
  const writeMs = performance.now() - t0;
  // Warm read, as the next start does it: open, one lookup and one state parse per file.
  const t1 = performance.now();
  const again = CatalogDb.open(path, '/bench/home')!;
  let found = 0;
  for (let i = 0; i < rows; i++) {
    const row = again.get(`/bench/home/projects/p${i % 5}/s${i}.jsonl`);
    if (row && (JSON.parse(row.state) as SummaryState).v) found++;
  }
  again.close();
  const readMs = performance.now() - t1;
  if (found !== rows) throw new Error(`catalog lost rows: ${found} of ${rows}`);
  return { engine: 'sqlite', rows, writeMs, readMs, bytes: statSync(path).size };
}

/** Runs every case in a child process; `states` are real fold states to repeat. */
export function runSummaryCacheBench(states: SummaryState[]): Figures[] {
  const sizes = (process.env.BENCH_CACHE_ROWS ?? '10000,105000').split(',').map(Number).filter((n) => n > 0);
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-summary-cache-'));
  const statesFile = join(dir, 'states.json');
  writeFileSync(statesFile, JSON.stringify(states));
  const out: Figures[] = [];
  try {
    for (const rows of sizes) {
      for (const engine of ['json', 'sqlite']) {
        const caseDir = mkdtempSync(join(dir, `${engine}-${rows}-`));
        const child = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', SELF, engine, String(rows), statesFile, caseDir], { encoding: 'utf8' });
        const line = child.stdout.trim().split('\n').pop() ?? '';
        try {
          out.push(JSON.parse(line) as Figures);
        } catch {
          out.push({ engine, rows, writeMs: null, readMs: null, bytes: null, peakRssMb: 0, error: (child.stderr || `exit ${child.status}`).trim().split('\n').pop() });
        }
        rmSync(caseDir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] === SELF && process.argv.length >= 6) {
  const [engine, rows, statesFile, dir] = process.argv.slice(2) as [string, string, string, string];
  const states = JSON.parse(readFileSync(statesFile, 'utf8')) as SummaryState[];
  const figures = (engine === 'json' ? jsonCase : sqliteCase)(Number(rows), states, dir);
  console.log(JSON.stringify({ ...figures, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}
