/**
 * Figures of FORMAT.md §4 for the bundled demo sessions, worked out BY HAND
 * from the lines in fixtures/demo-*.ts (never by running a reader), so that
 * reader tests compare against an independent source. If you change a demo
 * session, redo its arithmetic here.
 *
 * Conventions:
 * - Times are ISO-8601 UTC with milliseconds, as `toISOString()` prints them
 *   (DEMO_NOW = 2026-11-21T12:00:00.000Z).
 * - `tokens.total` = input + output (no demo record carries total_tokens).
 * - turns: FORMAT.md defines only the estimate "characters of all content / 3,
 *   rounded down" and not how it splits into input/output, so `input` and
 *   `output` are null there and `total` carries the estimate. "All content"
 *   = the `content` of every non-ephemeral line (system, user, assistant,
 *   tool_call, tool_result). The demo turns content has no astral characters,
 *   so UTF-16 length = code points.
 * - `costUsd` is given where the log records a cost (events), and where an
 *   events run records tokens only on `session.end` (priced by its model);
 *   events sums are done in micro-USD as FORMAT.md §3 asks.
 * - `costUsdKnown` for store sessions assumes the built-in pricing table
 *   knows claude-sonnet-4.6, claude-opus-4.5, gpt-5 and gemini-2.5-pro, and
 *   does not know qwen3-coder-30b (the demo's unpriced local model).
 * - `status: 'running-or-incomplete'`: an events run with no session.end is
 *   `running` or `incomplete` depending on the file's mtime, which a checkout
 *   sets to "now"; accept either.
 */
import type { CheckpointInfo, Dialect, SessionStatus } from '../src/store/types.js';
import { DEMO_MAIN_ROOT, DEMO_SCRATCH_ROOT, DEMO_SECOND_ROOT } from '../fixtures/demo-constants.js';

/** Token figures as a test should expect them (see the conventions above for turns). */
export interface ExpectedTokens {
  input: number | null;
  output: number | null;
  cacheRead: number;
  cacheWrite: number;
  total: number;
  estimated: boolean;
}

/** What a summary of one demo session must report. */
export interface ExpectedSummary {
  projectRoot: string;
  id: string;
  dialect: Dialect;
  title: string;
  userMessages: number;
  assistantMessages: number;
  messageCount: number;
  toolCalls: number;
  tokens: ExpectedTokens;
  /** False when costUsd must be null (unknown), true when a figure is expected. */
  costUsdKnown: boolean;
  /** The recorded cost (events only): session.end cost_usd, else the sum of llm.response cost_usd. */
  costUsd?: number;
  status: SessionStatus | 'running-or-incomplete';
  checkpoints: number;
  lastCheckpoint: CheckpointInfo | null;
  malformedLines: number;
  unknownLines: number;
  pendingTail: boolean;
  empty: boolean;
  createdAt: string;
  updatedAt: string;
  /** Recorded workspace (`workspace`, `work_dir`, `project_root`), null if none. */
  workspace: string | null;
  /** Only where it matters: the session is cache-warm at DEMO_NOW until this time. */
  cacheWarmUntil?: string;
  /** events only: two or more strikes (FORMAT.md §3). */
  looping?: boolean;
}

const tokens = (input: number, output: number, cacheRead = 0, cacheWrite = 0): ExpectedTokens => ({
  input,
  output,
  cacheRead,
  cacheWrite,
  total: input + output,
  estimated: false,
});

/** turns estimate: floor(total characters of all content / 3). */
const estimate = (contents: readonly string[]): ExpectedTokens => {
  const chars = contents.reduce((n, s) => n + s.length, 0);
  return { input: null, output: null, cacheRead: 0, cacheWrite: 0, total: Math.floor(chars / 3), estimated: true };
};

const NONE: ExpectedTokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0, estimated: false };

const clean = { malformedLines: 0, unknownLines: 0, pendingTail: false } as const;
const noCheckpoint = { checkpoints: 0, lastCheckpoint: null } as const;

// Long transcript: 150 turns (k = 0..149), two usage entries per turn:
//   A = (4000 + 50k, 150, 3000 + 50k, 1000), B = (4200 + 50k, 60, 4000 + 50k, 200).
// Σk = 150·149/2 = 11175, so Σ50k = 558750.
const LONG_N = 150;
const SUM_50K = (50 * LONG_N * (LONG_N - 1)) / 2; // 558750
const LONG_INPUT = 4000 * LONG_N + SUM_50K + 4200 * LONG_N + SUM_50K; // 2347500
const LONG_CACHE_READ = 3000 * LONG_N + SUM_50K + 4000 * LONG_N + SUM_50K; // 2167500

/** Expected summaries, keyed by session id. */
export const EXPECTED: Record<string, ExpectedSummary> = {
  // store: two metas (the last wins the title), two checkpoints, two endpoints.
  // usage: in 1200+2600+3100+2800+3000, out 150+220+640+90+60,
  //        cacheRead 0+1200+2048+2600+2800, cacheWrite 1200+300+0+0+0.
  // Messages after the last checkpoint (09:30): assistant 09:31, user 09:32, assistant 09:33.
  'fix-login-test': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'fix-login-test',
    dialect: 'store',
    title: '修复登录测试 🐛',
    userMessages: 3,
    assistantMessages: 5,
    messageCount: 8,
    toolCalls: 4,
    tokens: tokens(12700, 1160, 8648, 1500),
    costUsdKnown: true,
    status: 'unknown',
    checkpoints: 2,
    // After the last checkpoint: assistant, user, assistant (three records, three messages as the list counts them).
    lastCheckpoint: { timestamp: '2026-11-21T09:30:00.000Z', tokenCount: 2600, messagesAfter: 3, messageCountAfter: 3 },
    ...clean,
    empty: false,
    createdAt: '2026-11-21T09:00:00.000Z',
    updatedAt: '2026-11-21T09:33:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // store: last LLM call (usage) at 11:58 on anthropic → warm until 11:58 + 300 s.
  'cache-warm-refactor': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'cache-warm-refactor',
    dialect: 'store',
    title: 'Refactor the router into feature modules',
    userMessages: 2,
    assistantMessages: 3,
    messageCount: 5,
    toolCalls: 5,
    tokens: tokens(5200 + 800 + 600, 180 + 2400 + 300, 0 + 5200 + 6000, 5200 + 800 + 600),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-21T11:35:00.000Z',
    updatedAt: '2026-11-21T11:58:00.000Z',
    workspace: DEMO_MAIN_ROOT,
    cacheWarmUntil: '2026-11-21T12:03:00.000Z',
  },
  // store: holds the body-only word "zanzibar" in its 5th assistant message.
  'migrate-db-schema': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'migrate-db-schema',
    dialect: 'store',
    title: 'Migrate the users table to the new schema',
    userMessages: 4,
    assistantMessages: 6,
    messageCount: 10,
    toolCalls: 4,
    tokens: tokens(
      1800 + 2300 + 2700 + 3000 + 3200 + 3300,
      120 + 900 + 450 + 80 + 160 + 40,
      0 + 1536 + 2048 + 2560 + 2816 + 3072,
      0,
    ),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-19T12:00:00.000Z',
    updatedAt: '2026-11-19T12:40:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // store: hostile title kept raw in the summary (sanitised only on render);
  // no usage entries, so tokens come from meta token_usage. (Whether such
  // meta-only tokens are priced is not spelled out in FORMAT.md; we expect
  // them priced with the session's model.)
  'hostile-title': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'hostile-title',
    dialect: 'store',
    title: 'Deploy script \u001b]0;pwned\u0007 cleanup \u001b[2J\u202Edone',
    userMessages: 1,
    assistantMessages: 1,
    messageCount: 2,
    toolCalls: 0,
    tokens: tokens(900, 200),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-16T12:00:00.000Z',
    updatedAt: '2026-11-16T12:05:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // store: 600 message records (150 × user, assistant+tool call, tool, assistant),
  // checkpoint after turn 75 → 75 turns × 4 records after it. Meta is the last line.
  'long-transcript': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'long-transcript',
    dialect: 'store',
    title: 'Port the test suite from Jest to Vitest',
    userMessages: LONG_N,
    assistantMessages: 2 * LONG_N,
    messageCount: 3 * LONG_N,
    toolCalls: LONG_N,
    tokens: tokens(LONG_INPUT, (150 + 60) * LONG_N, LONG_CACHE_READ, (1000 + 200) * LONG_N),
    costUsdKnown: true,
    status: 'unknown',
    checkpoints: 1,
    // 75 turns of four records after the checkpoint, three of them messages as the list counts them (the tool record is not).
    lastCheckpoint: { timestamp: '2026-11-20T06:59:30.000Z', tokenCount: 48000, messagesAfter: 75 * 4, messageCountAfter: 75 * 3 },
    ...clean,
    empty: false,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T11:59:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // store without any meta: id from the file name, title from the first prompt, times from records.
  'no-meta-session': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'no-meta-session',
    dialect: 'store',
    title: 'Why is `npm run lint` so slow on CI?',
    userMessages: 2,
    assistantMessages: 1,
    messageCount: 3,
    toolCalls: 0,
    tokens: tokens(700, 90),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-18T12:00:00.000Z',
    updatedAt: '2026-11-18T12:10:00.000Z',
    workspace: null,
  },
  // store: malformed = "this is not JSON at all", ["a","json","array"], the truncated
  // assistant message; unknown = {"kind":"heartbeat"}, {"type":"debug_trace"};
  // one blank line (neither); the last line has no newline (pending tail, not counted).
  'partial-write': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'partial-write',
    dialect: 'store',
    title: 'Investigate the memory leak in the worker pool',
    userMessages: 1,
    assistantMessages: 2,
    messageCount: 3,
    toolCalls: 1,
    tokens: tokens(1500 + 2100, 110 + 95, 0 + 1500, 1500 + 200),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    malformedLines: 3,
    unknownLines: 2,
    pendingTail: true,
    empty: false,
    createdAt: '2026-11-21T11:30:00.000Z',
    updatedAt: '2026-11-21T11:33:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // store: a single meta line, no title, no tokens → untitled, empty, cost unknown.
  'empty-meta-only': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'empty-meta-only',
    dialect: 'store',
    title: '(untitled)',
    userMessages: 0,
    assistantMessages: 0,
    messageCount: 0,
    toolCalls: 0,
    tokens: NONE,
    costUsdKnown: false,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: true,
    createdAt: '2026-11-15T12:00:00.000Z',
    updatedAt: '2026-11-15T12:00:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // store: blank meta title and a whitespace-only user message: still empty and untitled.
  'empty-blank-prompt': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'empty-blank-prompt',
    dialect: 'store',
    title: '(untitled)',
    userMessages: 1,
    assistantMessages: 0,
    messageCount: 1,
    toolCalls: 0,
    tokens: NONE,
    costUsdKnown: false,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: true,
    createdAt: '2026-11-13T12:00:00.000Z',
    updatedAt: '2026-11-13T12:01:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // store on an unpriced local model: cost unknown, never 0.
  'local-qwen-docs': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'local-qwen-docs',
    dialect: 'store',
    title: 'Write JSDoc for the billing module',
    userMessages: 1,
    assistantMessages: 2,
    messageCount: 3,
    toolCalls: 1,
    tokens: tokens(6000 + 8500, 300 + 1500),
    costUsdKnown: false,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-11T12:00:00.000Z',
    updatedAt: '2026-11-11T12:10:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // events success. Users: request 1 adds the prompt, request 3 adds "Also cap the
  // total wait..." (requests 2 and 4 add only assistant/tool messages) → 2.
  // Responses cost 0.0038+0.0071+0.0049+0.0046 = 0.0204, but session.end says 0.021 and wins.
  'run-add-retries': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'run-add-retries',
    dialect: 'events',
    title: 'Add retries with exponential backoff to the HTTP client',
    userMessages: 2,
    assistantMessages: 4,
    messageCount: 6,
    toolCalls: 3,
    tokens: tokens(2100 + 2600 + 3000 + 3300, 120 + 480 + 210 + 90, 0 + 1920 + 2560 + 2944, 0),
    costUsdKnown: true,
    costUsd: 0.021,
    status: 'success',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:07:00.000Z',
    workspace: DEMO_MAIN_ROOT,
    looping: false,
  },
  // events failed (status "error"); no cost on session.end → 2700 + 2900 micro-USD.
  'run-deploy-failed': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'run-deploy-failed',
    dialect: 'events',
    title: 'Deploy the staging build and run the smoke tests',
    userMessages: 1,
    assistantMessages: 2,
    messageCount: 3,
    toolCalls: 1,
    tokens: tokens(1600 + 1800, 70 + 60),
    costUsdKnown: true,
    costUsd: 0.0056,
    status: 'failed',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-17T12:00:00.000Z',
    updatedAt: '2026-11-17T12:03:00.000Z',
    workspace: DEMO_MAIN_ROOT,
    looping: false,
  },
  // events with no session.end; its last line is a truncated record followed by a newline.
  'run-incomplete': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'run-incomplete',
    dialect: 'events',
    title: 'Upgrade React to 19 and fix the type errors',
    userMessages: 1,
    assistantMessages: 1,
    messageCount: 2,
    toolCalls: 1,
    tokens: tokens(2400, 95, 0, 2400),
    costUsdKnown: true,
    costUsd: 0.0176,
    status: 'running-or-incomplete',
    ...noCheckpoint,
    malformedLines: 1,
    unknownLines: 0,
    pendingTail: false,
    empty: false,
    createdAt: '2026-11-09T12:00:00.000Z',
    updatedAt: '2026-11-09T12:03:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // events: three identical consecutive requests (the prompt counted once), status "aborted"
  // = failed, cost 3 × 7500 micro-USD.
  'run-looping': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'run-looping',
    dialect: 'events',
    title: 'Fix the failing snapshot test in Header.test.tsx',
    userMessages: 1,
    assistantMessages: 3,
    messageCount: 4,
    toolCalls: 0,
    tokens: tokens(3 * 1900, 3 * 512),
    costUsdKnown: true,
    costUsd: 0.0225,
    status: 'failed',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-21T06:00:00.000Z',
    updatedAt: '2026-11-21T06:02:30.000Z',
    workspace: DEMO_MAIN_ROOT,
    looping: true,
  },
  // turns with typing/progress/ping lines (dropped silently, not unknown).
  'turns-slow-build': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'turns-slow-build',
    dialect: 'turns',
    title: 'Why does the build take 4 minutes?',
    userMessages: 2,
    assistantMessages: 3,
    messageCount: 5,
    toolCalls: 1,
    tokens: estimate([
      'You are a build assistant for this repository.',
      'Why does the build take 4 minutes?',
      'Let me look at the Makefile.',
      '{"path":"Makefile"}',
      'all: deps lint test build\ndeps:\n\tnpm ci',
      '`make all` runs `npm ci` every time; cache node_modules keyed on package-lock.json.',
      'How much would that save?',
      'About 2.5 of the 4 minutes, judging by the CI logs.',
    ]),
    costUsdKnown: false,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-14T12:00:00.000Z',
    updatedAt: '2026-11-14T12:06:00.000Z',
    workspace: null,
  },
  // skills: 3 invocations with 2 + 1 + 3 attempts; write-docs ended "failed" → failed.
  // One unknown line ({"note": ...}).
  'skills-run': {
    projectRoot: DEMO_MAIN_ROOT,
    id: 'skills-run',
    dialect: 'skills',
    title: 'write-tests: wrote 6 tests',
    userMessages: 0,
    assistantMessages: 0,
    messageCount: 3,
    toolCalls: 6,
    tokens: { ...NONE, estimated: true },
    costUsdKnown: false,
    status: 'failed',
    ...noCheckpoint,
    malformedLines: 0,
    unknownLines: 1,
    pendingTail: false,
    empty: false,
    createdAt: '2026-11-12T12:00:00.000Z',
    updatedAt: '2026-11-12T12:20:00.000Z',
    workspace: DEMO_MAIN_ROOT,
  },
  // Second project. store on gemini-2.5-pro; the only session whose title says "parquet".
  'parquet-export': {
    projectRoot: DEMO_SECOND_ROOT,
    id: 'parquet-export',
    dialect: 'store',
    title: 'Speed up the parquet export job',
    userMessages: 1,
    assistantMessages: 3,
    messageCount: 4,
    toolCalls: 2,
    tokens: tokens(3000 + 3600 + 3900, 140 + 700 + 40, 0 + 2048 + 3072, 0),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-19T10:00:00.000Z',
    updatedAt: '2026-11-19T10:10:00.000Z',
    workspace: DEMO_SECOND_ROOT,
  },
  // Second project, 38 days old.
  'old-cleanup': {
    projectRoot: DEMO_SECOND_ROOT,
    id: 'old-cleanup',
    dialect: 'store',
    title: 'Remove the legacy CSV importer',
    userMessages: 1,
    assistantMessages: 2,
    messageCount: 3,
    toolCalls: 1,
    tokens: tokens(2400 + 2800, 500 + 110, 0 + 3000, 0),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-10-14T12:00:00.000Z',
    updatedAt: '2026-10-14T12:20:00.000Z',
    workspace: DEMO_SECOND_ROOT,
  },
  // Second project. events file that starts with a BOM (not malformed);
  // responses carry no cost, session.end does.
  'run-backfill': {
    projectRoot: DEMO_SECOND_ROOT,
    id: 'run-backfill',
    dialect: 'events',
    title: 'Backfill the events table for October',
    userMessages: 1,
    assistantMessages: 2,
    messageCount: 3,
    toolCalls: 1,
    tokens: tokens(4000 + 4300, 200 + 60, 0 + 4000, 4000 + 300),
    costUsdKnown: true,
    costUsd: 0.1275,
    status: 'success',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-16T10:20:00.000Z',
    updatedAt: '2026-11-16T10:31:00.000Z',
    workspace: DEMO_SECOND_ROOT,
    looping: false,
  },
  // Second project. turns in Japanese with CRLF line endings; one unknown line ({"event":"reconnect"}).
  'turns-jp': {
    projectRoot: DEMO_SECOND_ROOT,
    id: 'turns-jp',
    dialect: 'turns',
    title: '日本語のテストを書いてください。',
    userMessages: 1,
    assistantMessages: 2,
    messageCount: 3,
    toolCalls: 1,
    tokens: estimate([
      '日本語のテストを書いてください。',
      '了解です。tokenize() のテストを追加します。',
      '{"path":"tests/test_tokenize_ja.py"}',
      'ok',
      'テストを3件追加しました：ひらがな、カタカナ、漢字。',
    ]),
    costUsdKnown: false,
    status: 'unknown',
    ...noCheckpoint,
    malformedLines: 0,
    unknownLines: 1,
    pendingTail: false,
    empty: false,
    createdAt: '2026-11-07T12:00:00.000Z',
    updatedAt: '2026-11-07T12:03:00.000Z',
    workspace: null,
  },
  // Scratch project (no project.json): the root comes from the recorded workspace.
  'scratch-idea': {
    projectRoot: DEMO_SCRATCH_ROOT,
    id: 'scratch-idea',
    dialect: 'store',
    title: '日本語 tokenizer CLI sketch 🎌',
    userMessages: 1,
    assistantMessages: 1,
    messageCount: 2,
    toolCalls: 0,
    tokens: tokens(900, 420),
    costUsdKnown: true,
    status: 'unknown',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-11-01T12:00:00.000Z',
    updatedAt: '2026-11-01T12:05:00.000Z',
    workspace: DEMO_SCRATCH_ROOT,
  },
  // Scratch project. events with no usage on responses and no cost anywhere:
  // tokens from session.end, cost from the pricing table (gpt-5).
  'scratch-run': {
    projectRoot: DEMO_SCRATCH_ROOT,
    id: 'scratch-run',
    dialect: 'events',
    title: 'Benchmark Intl.Segmenter against kuromoji',
    userMessages: 1,
    assistantMessages: 2,
    messageCount: 3,
    toolCalls: 1,
    tokens: tokens(2500, 400),
    costUsdKnown: true,
    // Tokens only on session.end, no cost recorded: priced by the session model (gpt-5: $1.25 / $10 a million).
    costUsd: (2500 * 1.25 + 400 * 10) / 1e6,
    status: 'success',
    ...noCheckpoint,
    ...clean,
    empty: false,
    createdAt: '2026-10-31T12:00:00.000Z',
    updatedAt: '2026-10-31T12:02:30.000Z',
    workspace: DEMO_SCRATCH_ROOT,
    looping: false,
  },
};

/** Every session id in the demo home, by project root (22 in all). */
export const DEMO_SESSION_IDS: Record<string, readonly string[]> = {
  [DEMO_MAIN_ROOT]: [
    'cache-warm-refactor',
    'empty-blank-prompt',
    'empty-meta-only',
    'fix-login-test',
    'hostile-title',
    'local-qwen-docs',
    'long-transcript',
    'migrate-db-schema',
    'no-meta-session',
    'partial-write',
    'run-add-retries',
    'run-deploy-failed',
    'run-incomplete',
    'run-looping',
    'skills-run',
    'turns-slow-build',
  ],
  [DEMO_SECOND_ROOT]: ['old-cleanup', 'parquet-export', 'run-backfill', 'turns-jp'],
  [DEMO_SCRATCH_ROOT]: ['scratch-idea', 'scratch-run'],
};

/** The sessions hidden by default because they are empty (shown with --include-empty). */
export const DEMO_EMPTY_IDS = ['empty-blank-prompt', 'empty-meta-only'] as const;
