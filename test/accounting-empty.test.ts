/**
 * Issue 6 item 2: "empty" is a list filter only. Usage and the cost view
 * count every session's spend; a run with a start prompt is not empty and
 * counts that prompt once; a zero-byte or just-started file is a session.
 * Through the built CLI (`npm run build` first) and the store API.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { createListDeriver } from '../src/app/list-model.js';
import { rowsArray } from '../src/app/list-rows.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import type { SessionSummary } from '../src/store/types.js';
import { buildCostModel } from '../src/components/cost-model.js';
import { runCli } from './helpers/cli.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';
import { makeSummary, makeTokens } from './helpers/summary.js';
import { appSummary, fakeSource, searchOf } from './helpers/fake-source.js';
import { cleanup, renderSized } from './helpers/render.js';

let t: TempHome;
useTempHome((h) => (t = h));

const ev = (seq: number, type: string, data: object, timestamp = `2026-11-20T10:00:0${seq}Z`) => ({ session_id: 'r', seq, type, timestamp, data });

/** The run of the issue: a start prompt, one priced-nowhere response, no request. */
function writeChangelogRun(): string {
  return t.write('changelog-run', [
    ev(0, 'session.start', { provider: 'acme', model: 'no-such-model-xyz', prompt: 'Summarise the changelog' }),
    ev(1, 'llm.response', { content: 'Here is the summary.', usage: { input_tokens: 100, output_tokens: 10 } }),
  ]);
}

/** A store session that spent tokens but has no user message: empty, hidden from the list. */
function writeHiddenSpender(): string {
  return t.write('hidden-spender', [
    { type: 'meta', created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T09:01:00Z', model: 'no-such-model-xyz' },
    { type: 'usage', entry: { timestamp: '2026-11-20T09:00:30Z', model: 'no-such-model-xyz', usage: { input_tokens: 1000, output_tokens: 200 } } },
  ]);
}

interface ListJson {
  sessions: Pick<SessionSummary, 'id' | 'empty' | 'pendingTail' | 'title' | 'dialect' | 'userMessages' | 'createdAt' | 'updatedAt'>[];
}

const list = (...extra: string[]): ListJson => {
  const res = runCli(['list', '--home', t.home, '--all', '--json', ...extra]);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as ListJson;
};
const usageTotals = (...extra: string[]) => {
  const res = runCli(['usage', '--home', t.home, '--all', '--json', ...extra]);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout).totals as { sessions: number; inputTokens: number; outputTokens: number; totalTokens: number; unknownCostSessions: number };
};

describe('an events run whose start prompt is its first user message', () => {
  it('is listed, titled by its prompt, with one user message', () => {
    writeChangelogRun();
    const s = list().sessions.find((x) => x.id === 'changelog-run');
    expect(s).toMatchObject({ empty: false, title: 'Summarise the changelog', userMessages: 1 });
  });

  it('keeps its 110 tokens and its unknown-cost session in usage totals', () => {
    writeChangelogRun();
    expect(usageTotals()).toMatchObject({ sessions: 1, inputTokens: 100, outputTokens: 10, totalTokens: 110, unknownCostSessions: 1 });
  });

  it('counts the prompt once when the first request repeats it, also after a system message', async () => {
    const path = t.write('repeat', [
      ev(0, 'session.start', { model: 'gpt-5', prompt: 'Add retries\n to the client' }),
      ev(1, 'llm.request', { messages: [{ role: 'system', content: 'You are an agent.' }, { role: 'user', content: 'Add retries to the client' }] }),
      ev(2, 'llm.response', { content: 'Done.' }),
      ev(3, 'llm.request', { messages: [{ role: 'system', content: 'You are an agent.' }, { role: 'user', content: 'Add retries to the client' }, { role: 'assistant', content: 'Done.' }, { role: 'user', content: 'Now log them' }] }),
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.userMessages).toBe(2); // the prompt, then "Now log them"
    const tr = await loadTranscript(path, readOpts());
    const users = tr.entries.filter((e) => e.kind === 'message' && e.role === 'user').map((e) => (e.kind === 'message' ? e.text : ''));
    expect(users).toEqual(['Add retries\n to the client', 'Now log them']);
  });

  it('shows its prompt in replay when no request repeats it, and resumes from it', async () => {
    const path = writeChangelogRun();
    const tr = await loadTranscript(path, readOpts());
    const shape = tr.entries.map((e) => (e.kind === 'message' ? `${e.role}:${e.text}` : e.kind));
    expect(shape).toEqual(['note', 'user:Summarise the changelog', 'assistant:Here is the summary.', 'usage']);
    expect(tr.resumeContext.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(tr.summary.resumeContext.messages).toBe(2);
  });

  it('counts a request whose first user message is not the prompt, and a blank prompt not at all', async () => {
    const differs = t.write('differs', [
      ev(0, 'session.start', { model: 'gpt-5', prompt: 'Task from the CLI' }),
      ev(1, 'llm.request', { messages: [{ role: 'user', content: 'Something else entirely' }] }),
    ]);
    expect((await readSummary(differs, readOpts())).summary).toMatchObject({ userMessages: 2, title: 'Task from the CLI' });
    const blank = t.write('blank', [ev(0, 'session.start', { model: 'gpt-5', prompt: '   ' }), ev(1, 'llm.response', { content: 'hi' })]);
    expect((await readSummary(blank, readOpts())).summary).toMatchObject({ empty: true, userMessages: 0, title: '(untitled)' });
  });
});

describe('usage counts sessions the list hides', () => {
  it('adds the tokens of an empty session that spent them, listed or not', () => {
    writeHiddenSpender();
    writeChangelogRun();
    expect(list().sessions.map((s) => s.id)).toEqual(['changelog-run']);
    expect(list('--include-empty').sessions.map((s) => s.id).sort()).toEqual(['changelog-run', 'hidden-spender']);
    const totals = usageTotals();
    expect(totals).toMatchObject({ sessions: 2, inputTokens: 1100, outputTokens: 210, unknownCostSessions: 2 });
    // The same figures whatever the list filter says.
    expect(usageTotals('--include-empty')).toEqual(totals);
  });

  it('by session, the hidden session has its own row', () => {
    writeHiddenSpender();
    const res = JSON.parse(runCli(['usage', '--home', t.home, '--all', '--json', '--by', 'session']).stdout);
    expect(res.rows.map((r: { key: string; totalTokens: number }) => [r.key, r.totalTokens])).toEqual([['hidden-spender', 1200]]);
  });
});

describe('the browser cost view counts hidden empty sessions', () => {
  const listed = makeSummary({ id: 'shown', title: 'Shown', updatedAt: '2026-11-20T10:00:00Z', costMicros: 250_000, tokens: makeTokens({ input: 100, output: 10 }) });
  const hidden = makeSummary({ id: 'hidden', title: '(untitled)', empty: true, updatedAt: '2026-11-20T09:00:00Z', costMicros: 750_000, tokens: makeTokens({ input: 900, output: 90 }) });
  const search = (q: string, sessions: readonly SessionSummary[]) => searchOf(sessions).search(q, sessions);
  const base = { sessions: [listed, hidden], query: '', search, scope: 'project' as const, projectLabel: (id: string) => id, viewport: 20 };

  it('hides the empty session from the list but hands it to the cost view', () => {
    const model = createListDeriver()(base);
    expect(rowsArray(model.items).map((i) => i.summary.id)).toEqual(['shown']);
    expect(model.listed).toBe(1);
    expect(model.spent.map((s) => s.id)).toEqual(['shown', 'hidden']);
    const cost = buildCostModel(model.spent, 'all', Date.parse('2026-11-21T00:00:00Z'));
    expect(cost.totals.knownCostMicros).toBe(1_000_000);
    expect(cost.totals.totalTokens).toBe(1100);
  });

  it('lists it with includeEmpty, and counts hidden matches of a query', () => {
    expect(rowsArray(createListDeriver()({ ...base, includeEmpty: true }).items).map((i) => i.summary.id)).toEqual(['shown', 'hidden']);
    const searching = createListDeriver()({ ...base, query: 'untitled' });
    expect(searching.items.length).toBe(0);
    expect(searching.spent.map((s) => s.id)).toEqual(['hidden']);
  });
});

describe('the browser, end to end', () => {
  afterEach(cleanup);

  it('does not list a hidden empty session, yet its cost is in the cost view', async () => {
    const sessions = [
      appSummary({ id: 'listed', title: 'Listed work', costMicros: 250_000, costUsd: 0.25 }),
      appSummary({ id: 'hidden', title: 'Hidden spender', empty: true, costMicros: 750_000, costUsd: 0.75 }),
    ];
    const source = { ...fakeSource({ sessions }), includeEmpty: false };
    const ui = renderSized(createElement(App, { source, onExit: () => {} }), { columns: 100, rows: 30 });
    const listFrame = await ui.waitFor('Listed work');
    expect(listFrame).not.toContain('Hidden spender');
    expect(listFrame).toMatch(/\b1 session\b/);
    const costFrame = await ui.press('c', 'Cost ·');
    expect(costFrame).toContain('cost $1.00');
    expect(costFrame).toContain('2 sessions');
    cleanup();
    // With --include-empty the list shows it too.
    const shown = renderSized(createElement(App, { source: { ...source, includeEmpty: true }, onExit: () => {} }), { columns: 100, rows: 30 });
    expect(await shown.waitFor('Hidden spender')).toContain('Listed work');
  });
});

describe('a file with no record yet is an empty session', () => {
  function writeStarters(): void {
    writeFileSync(join(t.dir, 'zero-bytes.jsonl'), '');
    writeFileSync(join(t.dir, 'just-started.jsonl'), '{"type":"meta","created_at":"2026-11-20T09:0');
    // One complete record for contrast: the home is not otherwise empty.
    writeChangelogRun();
  }

  it('is hidden from list, and listed with --include-empty with its pending tail', () => {
    writeStarters();
    expect(list().sessions.map((s) => s.id)).toEqual(['changelog-run']);
    const all = list('--include-empty').sessions;
    const zero = all.find((s) => s.id === 'zero-bytes');
    const partial = all.find((s) => s.id === 'just-started');
    expect(zero).toMatchObject({ empty: true, pendingTail: false, title: '(untitled)', dialect: 'none', userMessages: 0 });
    expect(partial).toMatchObject({ empty: true, pendingTail: true, title: '(untitled)', dialect: 'none' });
    // No record time: the file's mtime, for both.
    expect(zero!.createdAt).toBe(zero!.updatedAt);
    expect(Date.parse(zero!.createdAt)).toBeGreaterThan(Date.now() - 600_000);
  });

  it('opens with show', () => {
    writeStarters();
    for (const id of ['zero-bytes', 'just-started']) {
      const shown = runCli(['show', id, '--home', t.home, '--json']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(JSON.parse(shown.stdout)).toMatchObject({ id, empty: true, title: '(untitled)' });
    }
    const text = runCli(['show', 'just-started', '--home', t.home]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^title +\(untitled\)$/m);
  });

  it('opens with replay', () => {
    writeStarters();
    for (const id of ['zero-bytes', 'just-started']) {
      const replay = runCli(['replay', id, '--home', t.home]);
      expect(replay.code, replay.stderr).toBe(0);
    }
  });

  it('is not called corrupt by doctor, which still reports a file of lines in no known shape', () => {
    writeStarters();
    writeFileSync(join(t.dir, 'blank-lines.jsonl'), '\n\n');
    const clean = runCli(['doctor', '--home', t.home, '--all']);
    expect(clean.stdout).toMatch(/4 session files checked .*; 0 with problems/);
    expect(clean.code).toBe(0);
    writeFileSync(join(t.dir, 'foreign.jsonl'), '{"a":1}\nnot json\n');
    const res = runCli(['doctor', '--home', t.home, '--all']);
    expect(res.stdout).toMatch(/5 session files checked .*; 1 with problems/);
    expect(res.stdout).toMatch(/^foreign\s+none/m);
    expect(res.stdout).not.toMatch(/^(zero-bytes|just-started|blank-lines)\s/m);
    const json = JSON.parse(runCli(['doctor', '--home', t.home, '--all', '--json']).stdout);
    const byId = Object.fromEntries(json.files.map((f: { id: string }) => [f.id, f]));
    expect(byId['zero-bytes']).toMatchObject({ empty: true, pendingTail: false, dialect: null });
    expect(byId['just-started']).toMatchObject({ empty: true, pendingTail: true });
  });
});
