/**
 * Issue 8, "Exact usage and cost": a keyed call is counted once across
 * files (ADAPTERS.md: Claude `message.id + requestId`, Codex `(thread_id,
 * response_id)`), when a fork or an old-style resume copied it into another
 * session's file. The counting session is the one with the largest copy,
 * else the earliest; the other keeps the copy in its own figures (its file
 * holds it) and names it in `copies`, and every usage grouping nets it out.
 * The catalog keeps this right as files appear, grow and go.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { sourceLocations } from '../src/store/sources/registry.js';
import { aggregateUsage, type UsageGrouping, type UsageRow } from '../src/store/usage/usage.js';
import type { SessionSummary } from '../src/store/types.js';
import { runCli } from './helpers/cli.js';

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const SONNET = 'claude-sonnet-4-5-20250929';

/** One assistant line with usage: 10 in, `output` out, 100 cache read (and a 5-minute write of `write`). */
const line = (session: string, id: string, requestId: string, output: number, ts = '2026-01-02T10:00:00Z', write = 0): string =>
  JSON.stringify({
    type: 'assistant', sessionId: session, cwd: '/w/p', timestamp: ts, uuid: `${session}-${id}-${output}`, requestId,
    message: { id, model: SONNET, role: 'assistant', content: [{ type: 'text', text: 'x' }], usage: { input_tokens: 10, output_tokens: output, cache_read_input_tokens: 100, cache_creation_input_tokens: write } },
  });
const prompt = (session: string, text: string, ts: string): string =>
  JSON.stringify({ type: 'user', sessionId: session, cwd: '/w/p', timestamp: ts, uuid: `${session}-u-${ts}`, message: { role: 'user', content: text } });

let dir: string;
let claude: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-across-'));
  claude = join(dir, 'claude');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sessionFile = (session: string): string => join(claude, 'projects', '-w-p', `${session}.jsonl`);
function writeSession(session: string, lines: string[]): void {
  mkdirSync(join(claude, 'projects', '-w-p'), { recursive: true });
  writeFileSync(sessionFile(session), lines.join('\n') + '\n');
}

/** A catalog over the Claude folder whose cache persists in `dir` (a new instance is a new process). */
function catalog(source: 'claude' | 'codex' = 'claude', root = claude): SessionCatalog {
  return new SessionCatalog({
    home: join(dir, 'home'),
    cache: SummaryCache.forHome(join(dir, 'home'), { XDG_CACHE_HOME: join(dir, 'cache') }),
    locations: sourceLocations([source], { [source]: { dir: root, named: true } }),
  });
}
async function load(c = catalog()): Promise<Map<string, SessionSummary>> {
  const { sessions } = await c.summaries(null, { includeEmpty: true, sharedCalls: true });
  return new Map(sessions.map((s) => [s.id, s]));
}
const totals = (sessions: Iterable<SessionSummary>, by: UsageGrouping = 'model'): UsageRow => aggregateUsage([...sessions], { by }).totals;
const figures = (r: UsageRow) => ({ input: r.inputTokens, output: r.outputTokens, cacheRead: r.cacheReadTokens, cacheWrite: r.cacheWriteTokens, cost: r.knownCostMicros });

// Sonnet 4.5 in micro-USD per token: input 3, output 15, cache read 0.3, 5-minute write 3.75.
const cost = (calls: { output: number; write?: number }[]): number => calls.reduce((n, c) => n + 10 * 3 + c.output * 15 + 100 * 0.3 + (c.write ?? 0) * 3.75, 0);

describe('a Claude fork: the calls it copied count once, in the session that made them', () => {
  const original = [prompt(S1, 'start', '2026-01-02T09:00:00Z'), line(S1, 'm1', 'r1', 50, '2026-01-02T09:00:01Z', 40), line(S1, 'm2', 'r2', 30, '2026-01-02T09:00:02Z')];
  // The fork keeps the original's lines (times included) under its own id, then makes a call of its own.
  const fork = [prompt(S2, 'start', '2026-01-02T09:00:00Z'), line(S2, 'm1', 'r1', 50, '2026-01-02T09:00:01Z', 40), line(S2, 'm2', 'r2', 30, '2026-01-02T09:00:02Z'), prompt(S2, 'branch', '2026-01-03T09:00:00Z'), line(S2, 'm3', 'r3', 7, '2026-01-03T09:00:01Z')];

  it('counts each call once in the totals; the fork keeps its file figures and names its copies', async () => {
    writeSession(S1, original);
    writeSession(S2, fork);
    const s = await load();
    const [a, b] = [s.get(S1)!, s.get(S2)!];
    expect(a.copies).toBeUndefined();
    // What the fork's file holds, as `list` shows it...
    expect(b.tokens).toMatchObject({ input: 30, output: 87, cacheRead: 300, cacheWrite: 40 });
    // ...of which two calls are the original's (equal copies: the earlier session, by createdAt then path, counts them).
    expect(b.copies).toMatchObject({ calls: 2, tokens: { input: 20, output: 80, cacheRead: 200, cacheWrite: 40 }, costMicros: cost([{ output: 50, write: 40 }, { output: 30 }]), countedIn: [S1] });
    expect(figures(totals(s.values()))).toEqual({ input: 30, output: 87, cacheRead: 300, cacheWrite: 40, cost: cost([{ output: 50, write: 40 }, { output: 30 }, { output: 7 }]) });
  });

  it('a fork that is nothing but copies: in every grouping the rows name as many copied calls as the totals', async () => {
    writeSession(S1, original);
    await new Promise((r) => setTimeout(r, 30));
    writeSession(S2, original.map((l) => l.replaceAll(S1, S2)));
    const s = [...(await load()).values()];
    for (const by of ['session', 'day', 'model', 'endpoint'] as const) {
      const report = aggregateUsage(s, { by });
      expect(report.totals.copiedCalls, by).toBe(2);
      expect(report.rows.reduce((n, r) => n + r.copiedCalls, 0), by).toBe(2);
    }
  });

  it('the text table says where a fork that is nothing but copies went: in no model or endpoint row, in the TOTAL', async () => {
    writeSession(S1, original);
    await new Promise((r) => setTimeout(r, 30));
    writeSession(S2, original.map((l) => l.replaceAll(S1, S2)));
    const env = { XDG_CACHE_HOME: join(dir, 'cli-cache'), COLUMNS: '200' };
    for (const by of ['model', 'endpoint']) {
      const r = runCli(['usage', '--all', '--by', by, '--source', 'claude', '--claude-dir', claude], { env });
      expect(r.code, r.stderr).toBe(0);
      // One model (endpoint) row holding the original alone, while TOTAL counts both sessions.
      expect(r.stdout).toMatch(/\n\S+ +1 .*\nTOTAL +2 /);
      expect(r.stdout).toContain(`One of them copied every call: it is in no ${by.toUpperCase()} row, but in TOTAL's SESSIONS and TIME.`);
    }
    // By session the fork has a row of its own: nothing to explain.
    const bySession = runCli(['usage', '--all', '--by', 'session', '--source', 'claude', '--claude-dir', claude], { env });
    expect(bySession.stdout).not.toContain('copied every call');
  });

  it('a fork whose id sorts first still leaves the calls to the original: its file was created later', async () => {
    const F0 = '00000000-0000-4000-8000-000000000000';
    writeSession(S2, original.map((l) => l.replaceAll(S1, S2)));
    await new Promise((r) => setTimeout(r, 30)); // the fork's file is born after the original's
    writeSession(F0, fork.map((l) => l.replaceAll(S2, F0)));
    const s = await load();
    expect(s.get(S2)!.copies).toBeUndefined();
    expect(s.get(F0)!.copies).toMatchObject({ calls: 2, countedIn: [S2] });
  });

  it('by session, the fork row is net of its copies and says how many; by session, day, model and endpoint the rows add up to the totals', async () => {
    writeSession(S1, original);
    writeSession(S2, fork);
    const s = [...(await load()).values()];
    const bySession = aggregateUsage(s, { by: 'session' });
    const row = (id: string) => bySession.rows.find((r) => r.key === id)!;
    expect(figures(row(S2))).toEqual({ input: 10, output: 7, cacheRead: 100, cacheWrite: 0, cost: cost([{ output: 7 }]) });
    expect(row(S2)).toMatchObject({ copiedCalls: 2, copiedCostMicros: cost([{ output: 50, write: 40 }, { output: 30 }]) });
    expect(row(S1)).toMatchObject({ copiedCalls: 0, copiedCostMicros: null });
    for (const by of ['session', 'day', 'model', 'endpoint'] as const) {
      const report = aggregateUsage(s, { by });
      const sum = report.rows.reduce((n, r) => ({ input: n.input + r.inputTokens, output: n.output + r.outputTokens, cacheRead: n.cacheRead + r.cacheReadTokens, cacheWrite: n.cacheWrite + r.cacheWriteTokens, cost: n.cost + (r.knownCostMicros ?? 0) }), { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, cost: 0 });
      expect(sum, by).toEqual(figures(report.totals));
      expect(report.totals.copiedCalls, by).toBe(2);
    }
  });

  it('usage --json (by session and by day) prints net rows that add up to the totals, and the text table names the copies', () => {
    writeSession(S1, original);
    writeSession(S2, fork);
    const env = { XDG_CACHE_HOME: join(dir, 'cli-cache') };
    const usage = (by: string) => {
      const r = runCli(['usage', '--json', '--all', '--by', by, '--source', 'claude', '--claude-dir', claude], { env });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { rows: UsageRow[]; totals: UsageRow };
    };
    for (const by of ['session', 'day']) {
      const report = usage(by);
      expect(report.totals.outputTokens, by).toBe(87);
      expect(report.rows.reduce((n, r) => n + r.outputTokens, 0), by).toBe(87);
      expect(report.rows.reduce((n, r) => n + (r.knownCostMicros ?? 0), 0), by).toBe(report.totals.knownCostMicros);
    }
    expect(usage('session').rows.find((r) => r.key === S2)).toMatchObject({ outputTokens: 7, copiedCalls: 2 });
    const text = runCli(['usage', '--all', '--by', 'session', '--source', 'claude', '--claude-dir', claude], { env });
    expect(text.stdout).toMatch(/1 session holds copies of 2 calls counted in another session/);
  });

  it('the largest copy counts wherever it is: a later session holding the finished response counts it', async () => {
    // S1 stopped while m1 streamed (20 output tokens); S2 holds the finished response (80).
    writeSession(S1, [prompt(S1, 'start', '2026-01-02T09:00:00Z'), line(S1, 'm1', 'r1', 20)]);
    writeSession(S2, [prompt(S2, 'start', '2026-01-02T09:30:00Z'), line(S2, 'm1', 'r1', 5), line(S2, 'm1', 'r1', 80)]);
    const s = await load();
    expect(s.get(S1)!.copies).toMatchObject({ calls: 1, tokens: { output: 20 }, countedIn: [S2] });
    expect(s.get(S2)!.copies).toBeUndefined();
    expect(figures(totals(s.values()))).toMatchObject({ input: 10, output: 80, cacheRead: 100 });
  });

  it('stays right as the catalog is reused: a fork that appears, grows a copy, and an original that goes', async () => {
    writeSession(S1, original);
    writeSession(S2, [prompt(S2, 'branch', '2026-01-03T09:00:00Z'), line(S2, 'm3', 'r3', 7, '2026-01-03T09:00:01Z')]);
    let s = await load();
    expect(s.get(S2)!.copies).toBeUndefined();
    expect(totals(s.values()).outputTokens).toBe(87);
    // The fork's file grows by a copy of m2 (read on from where the catalog stopped: only the new key is indexed).
    appendFileSync(sessionFile(S2), line(S2, 'm2', 'r2', 30, '2026-01-02T09:00:02Z') + '\n');
    s = await load();
    expect(s.get(S2)!.copies).toMatchObject({ calls: 1, countedIn: [S1] });
    expect(totals(s.values()).outputTokens).toBe(87);
    // The original is deleted: the fork's copy is the only one left, and counts.
    rmSync(sessionFile(S1));
    s = await load();
    expect(s.get(S2)!.copies).toBeUndefined();
    expect(totals(s.values()).outputTokens).toBe(37);
  });

  it('a listing not asked for copies shows each file as it is', async () => {
    writeSession(S1, original);
    writeSession(S2, fork);
    const { sessions } = await catalog().summaries(null, { includeEmpty: true });
    expect(sessions.some((x) => x.copies)).toBe(false);
    expect(totals(sessions).outputTokens).toBe(167);
  });
});

describe('Codex: a token_usage_record in two rollout files counts once', () => {
  const A = '019b0000-0000-7000-8000-0000000000a1';
  const B = '019b0000-0000-7000-8000-0000000000b2';
  const rec = (thread: string, response: string, input: number, output: number, ts: string): string =>
    JSON.stringify({ timestamp: ts, type: 'token_usage_record', payload: { thread_id: thread, response_id: response, usage: { input_tokens: input, cached_input_tokens: 0, output_tokens: output, reasoning_output_tokens: 0, total_tokens: input + output }, attribution: { model: 'gpt-5-codex' } } });
  const user = (text: string, ts: string): string => JSON.stringify({ timestamp: ts, type: 'event_msg', payload: { type: 'user_message', message: text } });

  it('the copy in a rollout that does not name its thread (no session_meta) is not counted again', async () => {
    const codex = join(dir, 'codex');
    const day = join(codex, 'sessions', '2026', '01', '03');
    mkdirSync(day, { recursive: true });
    writeFileSync(join(day, `rollout-2026-01-03T08-00-00-${A}.jsonl`), [
      JSON.stringify({ timestamp: '2026-01-03T08:00:00Z', type: 'session_meta', payload: { session_id: A, cwd: '/w/p', source: 'cli' } }),
      user('first', '2026-01-03T08:00:01Z'),
      rec(A, 'resp_1', 100, 10, '2026-01-03T08:00:02Z'),
    ].join('\n') + '\n');
    // Its head lost, it holds A's resp_1 again and one response of its own.
    writeFileSync(join(day, `rollout-2026-01-03T09-00-00-${B}.jsonl`), [
      JSON.stringify({ timestamp: '2026-01-03T09:00:00Z', type: 'turn_context', payload: { cwd: '/w/p', model: 'gpt-5-codex' } }),
      user('second', '2026-01-03T09:00:01Z'),
      rec(A, 'resp_1', 100, 10, '2026-01-03T08:00:02Z'),
      rec(A, 'resp_2', 50, 5, '2026-01-03T09:00:02Z'),
    ].join('\n') + '\n');
    const s = await load(catalog('codex', codex));
    expect(s.get(B)!.tokens).toMatchObject({ input: 150, output: 15 }); // its file holds both
    expect(s.get(B)!.copies).toMatchObject({ calls: 1, tokens: { input: 100, output: 10 }, countedIn: [A] });
    expect(totals(s.values())).toMatchObject({ inputTokens: 150, outputTokens: 15 });
  });
});
