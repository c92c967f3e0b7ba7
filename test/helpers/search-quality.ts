/**
 * The search-quality set (issue 7 item 3): sessions written as real `store`
 * JSONL files, and queries with the session a person expects on top (null:
 * nothing should be found). test/search-quality.test.ts checks every query;
 * bench/search.bench.ts reports precision@1 over the set.
 *
 * The sessions go through the whole path: the summary fold hands their text
 * out, the catalog indexes it (in memory here), SessionSearch ranks it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionCatalog } from '../../src/store/catalog/catalog.js';
import { SummaryCache } from '../../src/store/catalog/summary-cache.js';
import { SessionSearch } from '../../src/store/search/session-search.js';
import type { SessionSummary } from '../../src/store/types.js';

/** One message of a fixture session; `call` adds a tool call (assistant) and its output (a tool message). */
interface Said {
  role: 'user' | 'assistant' | 'system';
  text: string;
  call?: { name: string; args: object; output: string };
}

interface FixtureSession {
  id: string;
  title: string;
  /** Day of November 2026: the later, the newer. */
  day: number;
  workspace?: string;
  model?: string;
  said: Said[];
}

const PROJECT = '5eac4c4a11a5e7b1';

/** The sessions of the set. */
export const QUALITY_SESSIONS: readonly FixtureSession[] = [
  {
    id: 'ws-reconnect',
    title: 'Fix websocket reconnect',
    day: 3,
    model: 'claude-sonnet-4',
    said: [
      { role: 'user', text: 'The client drops the websocket after a reconnect and never retries.' },
      { role: 'assistant', text: 'I will add exponential backoff to the reconnect loop.', call: { name: 'read_file', args: { path: 'src/net/socket-client.ts' }, output: 'export class SocketClient { reconnect() {} }' } },
    ],
  },
  {
    id: 'vitest-migration',
    title: 'Move the test runner',
    day: 5,
    said: [
      { role: 'user', text: 'Switch our unit tests to vitest and delete the old config.' },
      { role: 'assistant', text: 'Done: vitest runs all 212 tests; the coverage thresholds are unchanged.', call: { name: 'run', args: { cmd: 'npx vitest run' }, output: 'Test Files 40 passed' } },
    ],
  },
  {
    id: 'jest-snapshots',
    title: 'Snapshot updates',
    day: 4,
    said: [
      { role: 'user', text: 'The jest snapshots are stale after the button redesign.' },
      { role: 'assistant', text: 'Updated the snapshots with jest -u; three changed.' },
    ],
  },
  {
    id: 'db-migration',
    title: 'Database schema change',
    day: 6,
    model: 'gpt-5',
    workspace: '/home/ana/ledger-service',
    said: [
      { role: 'user', text: 'Add a currency column to the invoices table.' },
      {
        role: 'assistant',
        text: 'Running the migration now.',
        call: {
          name: 'shell',
          args: { cmd: 'npm run migrate -- --env staging' },
          output: 'Error: relation "invoices_archive" does not exist\n    at Migrator.run (migrator.js:88)',
        },
      },
      { role: 'assistant', text: 'The archive table is missing on staging; I created it first and the migration passed.' },
    ],
  },
  {
    id: 'flaky-auth',
    title: 'Flaky auth test',
    day: 2,
    said: [
      { role: 'user', text: 'The authentication test fails one run in ten. Find out why.' },
      { role: 'assistant', text: 'The flake comes from a shared clock between parallel tests; I injected a fake clock.' },
    ],
  },
  {
    id: 'login-redirect',
    title: 'Login page loops',
    day: 7,
    said: [
      { role: 'user', text: 'The login redirect loops forever between /home and /login.' },
      { role: 'assistant', text: 'The session cookie lacked SameSite=Lax, so the redirect lost it.' },
    ],
  },
  {
    id: 'login-words',
    title: 'Audit the router',
    day: 9,
    said: [
      { role: 'user', text: 'Check every redirect in the router.' },
      { role: 'assistant', text: 'All redirects are fine. The login form also validates its fields now.' },
    ],
  },
  {
    id: 'kube-deploy',
    title: 'Deploy to the cluster',
    day: 8,
    said: [
      { role: 'user', text: 'Roll the new image out to kubernetes with zero downtime.' },
      { role: 'assistant', text: 'Applied the deployment with maxUnavailable 0.', call: { name: 'shell', args: { cmd: 'kubectl apply -f deploy/production.yaml' }, output: 'deployment.apps/api configured' } },
    ],
  },
  {
    id: 'segfault-hunt',
    title: 'Crash in the native addon',
    day: 1,
    said: [
      { role: 'user', text: 'The worker dies with a segfault when the buffer is empty.' },
      { role: 'assistant', text: 'A null pointer in decode_frame; fixed with a length check.', call: { name: 'read_file', args: { path: 'native/decode_frame.cc' }, output: 'int decode_frame(const uint8_t* buf, size_t len)' } },
    ],
  },
  {
    id: 'zh-login',
    title: '修复登录测试',
    day: 10,
    said: [
      { role: 'user', text: '我们讨论了用户登录的问题和解决方案' },
      { role: 'assistant', text: '数据库连接池已经修复,缓存也清理了。' },
    ],
  },
  {
    id: 'ja-screen',
    title: '画面のバグ',
    day: 11,
    said: [
      { role: 'user', text: 'ログイン画面のバグを修正してください' },
      { role: 'assistant', text: '修正しました。テストも追加しました。' },
    ],
  },
  {
    id: '7c1e93aa-5b2f-4d0e-9f11-2a6b8c3d4e5f',
    title: 'Rename the billing module',
    day: 12,
    said: [{ role: 'user', text: 'Rename billing to payments everywhere.' }],
  },
  {
    id: '7c2f0b11-0000-4aaa-8bbb-cccccccccccc',
    title: 'Tidy the changelog',
    day: 12,
    said: [{ role: 'user', text: 'Group the changelog entries by release.' }],
  },
  {
    id: 'cache-old',
    title: 'Tune the cache',
    day: 13,
    said: [{ role: 'user', text: 'The redis cache eviction is too aggressive.' }],
  },
  {
    id: 'cache-new',
    title: 'Cache warmup',
    day: 14,
    said: [{ role: 'user', text: 'Warm the redis cache at boot.' }],
  },
  {
    id: 'perf-profile',
    title: 'Profile the importer',
    day: 15,
    said: [
      { role: 'user', text: 'The CSV importer is slow on big files.' },
      { role: 'assistant', text: 'Most time goes to idempotency checks; batching them made it four times faster.' },
    ],
  },
  {
    id: 'docs-readme',
    title: 'README wording',
    day: 16,
    said: [{ role: 'user', text: 'Make the README explain the résumé feature and the café example. Also mention the router.' }],
  },
  {
    // Newer than every other session, and says "snapshot" only inside a message: a typo of it must rank a title first.
    id: 'heap-leak',
    title: 'Memory leak in the worker',
    day: 29,
    said: [{ role: 'assistant', text: 'Taking a heap snapshot of the worker process to compare retained sizes.' }],
  },
];

/** One query of the set. */
export interface QualityQuery {
  query: string;
  /** The session id expected first; null: the query should find nothing. */
  top: string | null;
  /** What the query exercises. */
  kind: string;
}

/** The queries, each with the session a person expects first. */
export const QUALITY_QUERIES: readonly QualityQuery[] = [
  { kind: 'exact word in a message', query: 'backoff', top: 'ws-reconnect' },
  { kind: 'exact word in a message', query: 'eviction', top: 'cache-old' },
  { kind: 'exact word in a message', query: 'idempotency', top: 'perf-profile' },
  { kind: 'exact word, title', query: 'changelog', top: '7c2f0b11-0000-4aaa-8bbb-cccccccccccc' },
  { kind: 'phrase', query: 'login redirect', top: 'login-redirect' },
  { kind: 'phrase', query: 'shared clock', top: 'flaky-auth' },
  { kind: 'phrase over all the words', query: 'redirect login form', top: 'login-words' },
  { kind: 'file name in tool arguments', query: 'socket-client.ts', top: 'ws-reconnect' },
  { kind: 'file name in tool arguments', query: 'production.yaml', top: 'kube-deploy' },
  { kind: 'file name in tool arguments', query: 'decode_frame.cc', top: 'segfault-hunt' },
  { kind: 'command in tool arguments', query: 'kubectl apply', top: 'kube-deploy' },
  { kind: 'error message in tool output', query: 'invoices_archive does not exist', top: 'db-migration' },
  { kind: 'error message in tool output', query: 'Migrator.run', top: 'db-migration' },
  { kind: 'tool output', query: 'SocketClient', top: 'ws-reconnect' },
  { kind: 'typo, 5+ letters', query: 'kubernets', top: 'kube-deploy' },
  { kind: 'typo, 5+ letters: a title match before a newer message match', query: 'snapshto', top: 'jest-snapshots' },
  { kind: 'typo, 5+ letters', query: 'segfualt', top: 'segfault-hunt' },
  { kind: 'typo, 5+ letters', query: 'idempotnecy', top: 'perf-profile' },
  { kind: 'typo, 5+ letters', query: 'exponentail backoff', top: 'ws-reconnect' },
  { kind: 'short word, no typo matching', query: 'jest', top: 'jest-snapshots' },
  { kind: 'short word, no typo matching', query: 'vitest', top: 'vitest-migration' },
  { kind: 'word found nowhere', query: 'qwerty', top: null },
  { kind: 'word found nowhere', query: 'zzyzx', top: null },
  { kind: 'one word found nowhere', query: 'redis qwerty', top: null },
  { kind: 'CJK, 2 characters', query: '登录', top: 'zh-login' },
  { kind: 'CJK, 2 characters', query: '画面', top: 'ja-screen' },
  { kind: 'CJK, 3 characters', query: '数据库', top: 'zh-login' },
  { kind: 'CJK, 3 characters', query: 'ログイ', top: 'ja-screen' },
  { kind: 'CJK, inside a run', query: '户登录的', top: 'zh-login' },
  { kind: 'id', query: '7c1e93aa-5b2f-4d0e-9f11-2a6b8c3d4e5f', top: '7c1e93aa-5b2f-4d0e-9f11-2a6b8c3d4e5f' },
  { kind: 'id prefix', query: '7c1e', top: '7c1e93aa-5b2f-4d0e-9f11-2a6b8c3d4e5f' },
  { kind: 'id: prefix', query: 'id:7c2f', top: '7c2f0b11-0000-4aaa-8bbb-cccccccccccc' },
  { kind: 'recency breaks ties', query: 'redis cache', top: 'cache-new' },
  { kind: 'recency breaks ties', query: 'redis', top: 'cache-new' },
  { kind: 'title first within a tier', query: 'router', top: 'login-words' },
  { kind: 'model', query: 'sonnet', top: 'ws-reconnect' },
  { kind: 'workspace', query: 'ledger-service', top: 'db-migration' },
  { kind: 'prefix while typing', query: 'kubern', top: 'kube-deploy' },
  { kind: 'case and accents', query: 'RESUME cafe', top: 'docs-readme' },
  { kind: 'hostile text', query: '"invoices" AND NEAR(', top: null },
];

/** The JSONL lines of one fixture session (store dialect, FORMAT.md §2.1). */
function lines(s: FixtureSession): string {
  const at = (minute: number): string => `2026-11-${String(s.day).padStart(2, '0')}T09:${String(minute).padStart(2, '0')}:00Z`;
  const out: object[] = [
    { type: 'meta', id: s.id, created_at: at(0), updated_at: at(30), title: s.title, workspace: s.workspace ?? '/home/ana/app', vendor: 'anthropic', model: s.model ?? 'claude-opus-4.5' },
  ];
  s.said.forEach((m, k) => {
    const message: Record<string, unknown> = { role: m.role, content: m.text };
    if (m.call) message.tool_calls = [{ id: `c${k}`, name: m.call.name, arguments: JSON.stringify(m.call.args) }];
    out.push({ type: 'message', timestamp: at(1 + k), message });
    if (m.call) out.push({ type: 'message', timestamp: at(1 + k), message: { role: 'tool', tool_call_id: `c${k}`, name: m.call.name, content: m.call.output } });
  });
  return out.map((o) => JSON.stringify(o)).join('\n') + '\n';
}

/** The set, read and indexed: the summaries and the search over them. `close` removes the files. */
export interface QualityHome {
  sessions: SessionSummary[];
  search: SessionSearch;
  close(): void;
}

/**
 * Writes the set's sessions under a temporary home, reads them through a
 * SessionCatalog with an in-memory catalog (cache disabled), and returns
 * the search over them.
 */
export async function openQualityHome(): Promise<QualityHome> {
  const home = mkdtempSync(join(tmpdir(), 'sb-quality-'));
  const dir = join(home, 'projects', PROJECT);
  mkdirSync(dir, { recursive: true });
  for (const s of QUALITY_SESSIONS) writeFileSync(join(dir, `${s.id}.jsonl`), lines(s));
  const cache = new SummaryCache(null);
  const catalog = new SessionCatalog({ home, cache, now: () => Date.parse('2026-12-01T00:00:00Z') });
  const { sessions } = await catalog.summaries(null, { includeEmpty: true });
  return {
    sessions,
    search: new SessionSearch(catalog.textIndex()),
    close: () => {
      cache.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The id found first for each query (null: nothing found), and precision@1 over the set (0..1). */
export function runQualitySet(h: QualityHome): { results: { q: QualityQuery; got: string | null }[]; precisionAt1: number } {
  const results = QUALITY_QUERIES.map((q) => ({ q, got: h.search.search(q.query, h.sessions)[0]?.summary.id ?? null }));
  const right = results.filter((r) => r.got === r.q.top).length;
  return { results, precisionAt1: right / results.length };
}
