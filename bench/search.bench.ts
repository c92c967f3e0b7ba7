/**
 * Search benchmark: 10,000 synthetic sessions (seeded, 2-8 KB of message
 * text each), indexed in an in-memory FTS5 catalog index (the engine the
 * browser uses), ~20 queries — single words, typos, several words, CJK, and
 * incremental typing — timed for SessionSearch, fuse.js over all records
 * (title + prompts only) and plain substring filters; plus precision@1 of
 * the search-quality set (test/helpers/search-quality.ts).
 *
 *   npx tsx bench/search.bench.ts
 *
 * `runSearchBench()` is what `bench/run.ts` calls.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import { mulberry32 } from '../fixtures/generate.js';
import { buildMemorySearch, type SearchDoc } from '../src/store/search/memory-search.js';
import type { SessionSearch } from '../src/store/search/session-search.js';
// The one SessionSummary builder and the quality set, shared with the unit tests.
import { makeSummary } from '../test/helpers/summary.js';
import { openQualityHome, QUALITY_QUERIES, runQualitySet } from '../test/helpers/search-quality.js';

/** One row of the aggregate table; `value`, when set, is shown instead of the timings (a ratio, not a time). */
export interface BenchRow {
  name: string;
  medianMs: number;
  p95Ms: number;
  value?: string;
}

const SESSIONS = 10_000;
const REPS = 5;

/** Standalone queries, each timed on its own. */
const QUERIES = [
  'auth', 'flaky', 'kubernetes', 'migration', 'segfault', 'zebra',
  'atuh', 'flakey', 'kubrenetes', 'migartion',
  'auth token', 'fix flaky test', 'deploy docker cache', 'Login page', '登录',
];

/** Keystroke sequences: every prefix searched in turn, as the list does per key. */
const TYPING = [
  ['a', 'au', 'aut', 'auth'],
  ['s', 'se', 'seg', 'segf', 'segfa', 'segfault'],
  ['auth', 'auth ', 'auth t', 'auth to', 'auth tok', 'auth token'],
];

const WORDS = (
  'fix add remove update refactor test tests build deploy release cache config parser server client ' +
  'request response database index query migration schema docker image container kubernetes pod ' +
  'auth token session login logout user password oauth flaky retry timeout network socket stream ' +
  'buffer encode decode json yaml file path error warning log trace debug memory leak profile ' +
  'benchmark render component state hook effect reducer router page style theme button input form ' +
  'validate type interface function class method module import export package version install ' +
  'lint format commit branch merge rebase review feature bug issue ticket plan rollout metrics'
).split(' ');
const FILLER = 'the a to of and in is for that it with on as this be are we was can should will not but'.split(' ');
const RARE = ['segfault', 'heisenbug', 'idempotency', 'backpressure'];
const CJK = ['登录', '页面', '错误', '修复', '数据库', '缓存', '测试', '部署'];

/** 10,000 sessions: titles/prompts from WORDS, message text 2-8 KB with filler, case and newlines. */
export function syntheticSessions(count = SESSIONS, seed = 42): SearchDoc[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const phrase = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const base = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, k) => {
    const cjk = rnd() < 0.03;
    const title = cjk ? `${pick(CJK)}${pick(CJK)}的${pick(CJK)}` : cap(phrase(3 + Math.floor(rnd() * 6)));
    const firstPrompt = cap(phrase(8 + Math.floor(rnd() * 18)));
    const lastPrompt = rnd() < 0.6 ? cap(phrase(5 + Math.floor(rnd() * 12))) : firstPrompt;
    const target = 2048 + Math.floor(rnd() * 6144);
    const parts: string[] = [title, firstPrompt];
    let size = title.length + firstPrompt.length;
    while (size < target) {
      const sentence = Array.from({ length: 6 + Math.floor(rnd() * 14) }, () =>
        rnd() < 0.45 ? pick(FILLER) : rnd() < 0.002 ? pick(RARE) : cjk && rnd() < 0.2 ? pick(CJK) : pick(WORDS),
      ).join(' ');
      const line = cap(sentence) + (rnd() < 0.3 ? '.\n' : '. ');
      parts.push(line);
      size += line.length;
    }
    const created = base + k * 60_000;
    const summary = makeSummary({
      id: Math.floor(rnd() * 2 ** 48).toString(16).padStart(12, '0'),
      path: `/sessions/${k}.jsonl`,
      projectId: 'bench',
      title,
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created + Math.floor(rnd() * 3_600_000)).toISOString(),
      messageCount: 10,
      userMessages: 5,
      assistantMessages: 5,
      model: pick(['claude-sonnet-4', 'gpt-5', 'qwen3-coder', 'gemini-2.5-pro']),
      workspace: `/home/dev/${pick(WORDS)}-${pick(WORDS)}`,
      status: 'success',
      firstPrompt,
      lastPrompt,
    });
    return { summary, texts: parts };
  });
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

function row(name: string, samples: readonly number[]): BenchRow {
  return { name, medianMs: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95) };
}

interface Detail {
  query: string;
  ours: number;
  fuse: number;
  substring: number;
  hits: number;
}

/** Runs everything; returns the aggregate rows and, for the printout, per-query figures. */
async function measure(): Promise<{ rows: BenchRow[]; details: Detail[]; typing: [string, number][] }> {
  const docs = syntheticSessions();
  const sessions = docs.map((d) => d.summary);
  let engine: SessionSearch | null = null;
  const builds: number[] = [];
  for (let r = 0; r < 2; r++) builds.push(time(() => (engine = buildMemorySearch(docs))));
  const idx = engine as unknown as SessionSearch;
  const search = (q: string, limit?: number) => idx.search(q, sessions, { limit });

  // The plain-substring baseline gets its lower-cased title+prompt haystacks for free.
  const heads = sessions.map((s) => `${s.title}\n${s.firstPrompt}\n${s.lastPrompt}`.toLowerCase());
  const substring = (q: string): number => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const h of heads) if (words.every((w) => h.includes(w))) n++;
    return n;
  };
  // And the naive full-text search the index replaces: every message text scanned per query.
  const texts = docs.map((d) => (d.texts ?? []).join(' ').toLowerCase());
  const fullText = (q: string): number => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    heads.forEach((h, i) => {
      const t = texts[i] ?? '';
      if (words.every((w) => h.includes(w) || t.includes(w))) n++;
    });
    return n;
  };
  const fuse = new Fuse(sessions, {
    keys: ['title', 'firstPrompt', 'lastPrompt'],
    includeMatches: true,
    ignoreLocation: true,
  });

  // One untimed round first, so no engine pays for JIT compilation inside its figures.
  for (const q of QUERIES) {
    search(q);
    substring(q);
  }
  fuse.search('warm up');

  const ours: number[] = [];
  const fuseMs: number[] = [];
  const subMs: number[] = [];
  const fullMs: number[] = [];
  const details: Detail[] = [];
  for (const q of QUERIES) {
    const mine: number[] = [];
    let hits = 0;
    for (let r = 0; r < REPS; r++) mine.push(time(() => (hits = search(q).length)));
    const sub: number[] = [];
    for (let r = 0; r < REPS; r++) sub.push(time(() => substring(q)));
    for (let r = 0; r < 3; r++) fullMs.push(time(() => fullText(q)));
    const f = time(() => fuse.search(q)); // one run: it is the slow one
    ours.push(...mine);
    subMs.push(...sub);
    fuseMs.push(f);
    details.push({ query: q, ours: quantile(mine, 0.5), fuse: f, substring: quantile(sub, 0.5), hits });
    await Promise.resolve(); // let an aggregator's spinner breathe between queries
  }

  // Per keystroke: every hit ranked (no limit, as the list does), snippets read for one screenful.
  const typingMs: number[] = [];
  const typing: [string, number][] = [];
  for (let r = 0; r < REPS; r++) {
    for (const seq of TYPING) {
      for (const q of seq) {
        const t = time(() => search(q).slice(0, 30).forEach((h) => h.snippet));
        typingMs.push(t);
        if (r === REPS - 1) typing.push([q, t]);
      }
    }
  }

  const quality = await openQualityHome();
  let precision: number;
  try {
    precision = runQualitySet(quality).precisionAt1;
  } finally {
    quality.close();
  }

  const rows: BenchRow[] = [
    row('search: index 10k sessions in memory (FTS5)', builds),
    row('search: ours, one query', ours),
    row('search: ours, per keystroke (30 snippets read)', typingMs),
    row('search: fuse.js over all (title+prompts)', fuseMs),
    row('search: plain substring (title+prompts)', subMs),
    row('search: plain substring (+ message text)', fullMs),
    { name: `search: quality set precision@1 (${QUALITY_QUERIES.length} queries)`, medianMs: NaN, p95Ms: NaN, value: `${(precision * 100).toFixed(0)} %` },
  ];
  return { rows, details, typing };
}

/** The aggregate figures, for `bench/run.ts`. */
export async function runSearchBench(): Promise<BenchRow[]> {
  return (await measure()).rows;
}

const fmt = (ms: number): string => ms.toFixed(ms < 10 ? 2 : 1).padStart(8);

async function main(): Promise<void> {
  const { rows, details, typing } = await measure();
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`\n${SESSIONS} sessions; per query (median of ${REPS} runs; fuse.js one run); load average ${load}\n`);
  console.log(`${'query'.padEnd(22)}${'hits'.padStart(7)}${'ours'.padStart(8)}${'fuse'.padStart(8)}${'substr'.padStart(8)}  fuse/ours`);
  for (const d of details) {
    console.log(
      `${d.query.padEnd(22)}${String(d.hits).padStart(7)}${fmt(d.ours)}${fmt(d.fuse)}${fmt(d.substring)}  ${(d.fuse / d.ours).toFixed(0).padStart(6)}x`,
    );
  }
  console.log('\nwhile typing (30 snippets read), last run:');
  console.log(typing.map(([q, t]) => `  ${JSON.stringify(q)} ${t.toFixed(2)} ms`).join('\n'));
  console.log(`\n${'engine'.padEnd(44)}${'median'.padStart(8)}${'p95'.padStart(8)}  (ms)`);
  for (const r of rows) console.log(`${r.name.padEnd(44)}${r.value ? r.value.padStart(16) : fmt(r.medianMs) + fmt(r.p95Ms)}`);
  const byName = (s: string): BenchRow | undefined => rows.find((r) => r.name.includes(s));
  const cold = byName('one query');
  const f = byName('fuse');
  if (cold && f) {
    console.log(
      `\nfuse/ours: median ${(f.medianMs / cold.medianMs).toFixed(0)}x, p95 ${(f.p95Ms / cold.p95Ms).toFixed(0)}x`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
