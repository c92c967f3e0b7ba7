import { describe, expect, it } from 'vitest';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import type { PriceTable } from '../src/store/pricing.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';

// Round prices so every expected cost below can be checked by hand.
const PRICES: PriceTable = {
  'claude-sonnet-4.6': { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 },
  'gpt-5': { input: 1, output: 10, cache_read: 0.1, cache_write: 1 },
};

const meta = {
  type: 'meta',
  id: 'fix-auth',
  created_at: '2026-11-20T09:00:00Z',
  updated_at: '2026-11-20T09:42:10Z',
  title: 'Fix flaky auth test',
  workspace: '/home/ana/app',
  vendor: 'anthropic',
  endpoint: 'https://api.anthropic.com/v1',
  model: 'claude-sonnet-4.6',
  token_usage: { input_tokens: 1200, output_tokens: 310, cache_read_tokens: 800, cache_write_tokens: 0 },
};
const user = (content: unknown, ts = '2026-11-20T09:00:05Z') => ({ type: 'message', timestamp: ts, message: { role: 'user', content } });
const assistant = (content: unknown, tool_calls?: unknown[]) => ({
  type: 'message',
  timestamp: '2026-11-20T09:00:09Z',
  message: { role: 'assistant', content, ...(tool_calls ? { tool_calls } : {}) },
});
const toolMsg = { type: 'message', timestamp: '2026-11-20T09:00:10Z', message: { role: 'tool', tool_call_id: 'call_1', name: 'read_file', content: 'package auth ...' } };
const usage = (model: string | undefined, u: object, endpoint = 'https://api.anthropic.com/v1', vendor = 'anthropic', ts = '2026-11-20T09:00:09Z') => ({
  type: 'usage',
  entry: { timestamp: ts, turn_index: 1, ...(model ? { model } : {}), vendor, endpoint, usage: u },
});
const checkpoint = (ts: string, tokens: number, text: string) => ({
  type: 'checkpoint',
  timestamp: ts,
  token_count: tokens,
  messages: [{ role: 'system', content: text }],
});

let t: TempHome;
useTempHome((h) => (t = h));

describe('store dialect summary (format §4)', () => {
  it('reports every figure of the FORMAT example', async () => {
    const path = t.write('fix-auth', [
      meta,
      user('The auth test fails one run in ten. Find out why.'),
      assistant('Let me read the test.', [{ id: 'call_1', name: 'read_file', arguments: '{"path":"auth_test.go"}' }]),
      toolMsg,
      usage('claude-sonnet-4.6', { input_tokens: 900, output_tokens: 120, cache_read_tokens: 0, cache_write_tokens: 900 }),
      checkpoint('2026-11-20T09:30:00Z', 5400, 'Summary so far: the flake comes from a shared clock ...'),
      { type: 'metric', timestamp: '2026-11-20T09:00:09Z', vendor: 'anthropic', endpoint: 'https://api.anthropic.com/v1', metric: { name: 'ttft_ms', value: 420 } },
      { type: 'tunnel_event', event: { event_id: 'e1', stream_id: 'st1', type: 'output', data: { text: '...' } } },
    ]);
    const { summary: s } = await readSummary(path, readOpts({ pricing: PRICES }));
    expect(s).not.toBeNull();
    expect(s!.id).toBe('fix-auth');
    expect(s!.dialect).toBe('store');
    expect(s!.title).toBe('Fix flaky auth test');
    expect(s!.userMessages).toBe(1);
    expect(s!.assistantMessages).toBe(1);
    expect(s!.messageCount).toBe(2);
    expect(s!.toolCalls).toBe(1);
    // Sum of usage entries wins over meta.token_usage.
    expect(s!.tokens).toEqual({ input: 900, output: 120, cacheRead: 0, cacheWrite: 900, total: 1020, estimated: false });
    // 900*3 + 120*15 + 900*3.75 = 2700 + 1800 + 3375 micro-USD.
    expect(s!.costMicros).toBe(7875);
    expect(s!.costUsd).toBeCloseTo(0.007875, 9);
    expect(s!.createdAt).toBe('2026-11-20T09:00:00.000Z');
    expect(s!.updatedAt).toBe('2026-11-20T09:42:10.000Z');
    expect(s!.status).toBe('unknown');
    expect(s!.checkpoints).toBe(1);
    expect(s!.lastCheckpoint).toEqual({ timestamp: '2026-11-20T09:30:00Z', tokenCount: 5400, messagesAfter: 0, messageCountAfter: 0 });
    expect(s!.malformedLines).toBe(0);
    expect(s!.unknownLines).toBe(0);
    expect(s!.pendingTail).toBe(false);
    expect(s!.empty).toBe(false);
    expect(s!.workspace).toBe('/home/ana/app');
    expect(s!.model).toBe('claude-sonnet-4.6');
    expect(s!.provider).toBe('anthropic');
    const ep = s!.endpoints.find((e) => e.key === 'anthropic|https://api.anthropic.com/v1');
    expect(ep?.calls).toBe(1);
    expect(ep?.metrics.ttft_ms).toEqual([420]);
  });

  it('lets the last meta win whole (replace, not merge) and falls back to meta token_usage', async () => {
    const path = t.write('m', [meta, user('hello'), { type: 'meta', title: 'Renamed', model: 'gpt-5' }]);
    const { summary: s } = await readSummary(path, readOpts({ pricing: PRICES }));
    expect(s!.title).toBe('Renamed');
    expect(s!.workspace).toBeNull(); // not merged from the first meta
    expect(s!.model).toBe('gpt-5');
    // No usage entries and the last meta has no token_usage: no tokens, unknown cost.
    expect(s!.tokens.total).toBe(0);
    expect(s!.costUsd).toBeNull();

    const p2 = t.write('m2', [meta, user('hello')]);
    const { summary: s2 } = await readSummary(p2, readOpts({ pricing: PRICES }));
    expect(s2!.tokens).toMatchObject({ input: 1200, output: 310, cacheRead: 800, cacheWrite: 0, total: 1510 });
    // 1200*3 + 310*15 + 800*0.3 = 3600 + 4650 + 240
    expect(s2!.costMicros).toBe(8490);
  });

  it('prices each entry by its own model, else the session model, and is unknown when any entry has no price', async () => {
    const path = t.write('mixed', [
      meta,
      user('go'),
      usage(undefined, { input_tokens: 1000, output_tokens: 100 }),
      usage('gpt-5', { input_tokens: 1000, output_tokens: 100 }, 'https://proxy.local/v1', 'openai'),
    ]);
    const { summary: s } = await readSummary(path, readOpts({ pricing: PRICES }));
    // sonnet: 3000 + 1500; gpt-5: 1000 + 1000
    expect(s!.costMicros).toBe(6500);
    expect(s!.endpoints.map((e) => e.key).sort()).toEqual(['anthropic|https://api.anthropic.com/v1', 'openai|https://proxy.local/v1']);
    expect(s!.models.map((m) => `${m.provider}/${m.model}`).sort()).toEqual(['anthropic/claude-sonnet-4.6', 'openai/gpt-5']);

    const p2 = t.write('unpriced', [meta, user('go'), usage('qwen3-coder-30b', { input_tokens: 10, output_tokens: 1 }, 'http://localhost', 'local')]);
    const { summary: s2 } = await readSummary(p2, readOpts({ pricing: PRICES }));
    expect(s2!.costUsd).toBeNull();
    expect(s2!.tokens.total).toBe(11);
  });

  it('counts messages after the last checkpoint (records of all roles; and as messageCount counts them) and several checkpoints', async () => {
    const path = t.write('cp', [
      meta,
      user('one'),
      checkpoint('2026-11-20T09:10:00Z', 1000, 'first summary'),
      user('two'),
      assistant('answer'),
      checkpoint('2026-11-20T09:20:00Z', 2000, 'second summary'),
      user('three'),
      assistant('x', [{ id: 'c', name: 'bash', arguments: '{}' }]),
      toolMsg,
    ]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.checkpoints).toBe(2);
    // Three records after it (user, assistant, tool); two of them are messages as the list's msgs column counts them.
    expect(s!.lastCheckpoint).toEqual({ timestamp: '2026-11-20T09:20:00Z', tokenCount: 2000, messagesAfter: 3, messageCountAfter: 2 });
  });

  it('takes the id from the file name and times from records when there is no meta', async () => {
    const path = t.write('no-meta', [user('  \n  First real line\nsecond', '2026-11-19T10:00:00Z'), user('later', '2026-11-19T11:00:00Z')]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.id).toBe('no-meta');
    expect(s!.title).toBe('First real line');
    expect(s!.createdAt).toBe('2026-11-19T10:00:00.000Z');
    expect(s!.updatedAt).toBe('2026-11-19T11:00:00.000Z');
    expect(s!.firstPrompt).toBe('First real line');
    expect(s!.lastPrompt).toBe('later');
  });

  it('uses the file mtime when no record has a time, and (untitled) when nothing has text', async () => {
    const mtime = Date.parse('2026-10-01T08:00:00Z');
    const path = t.write('bare', [{ type: 'message', message: { role: 'assistant', content: 'hi' } }], { mtimeMs: mtime });
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.createdAt).toBe('2026-10-01T08:00:00.000Z');
    expect(s!.updatedAt).toBe('2026-10-01T08:00:00.000Z');
    expect(s!.title).toBe('(untitled)');
    expect(s!.empty).toBe(true);
  });

  it('collapses whitespace in titles and cuts them to 100 characters', async () => {
    const long = `${'word '.repeat(40)}end`;
    const path = t.write('long-title', [{ type: 'meta', title: `  Fix\t\tthe   ${long}` }, user('x')]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.title.length).toBe(100);
    expect(s!.title.startsWith('Fix the word word')).toBe(true);
  });

  it('reads content given as an array of parts and shows other part types by type', async () => {
    const path = t.write('parts', [
      user([{ type: 'text', text: 'Look at this' }, { type: 'image', source: {} }]),
      assistant([{ type: 'text', text: 'Nice picture' }]),
    ]);
    const tr = await loadTranscript(path, readOpts());
    const texts = tr.entries.filter((e) => e.kind === 'message').map((e) => (e.kind === 'message' ? e.text : ''));
    expect(texts).toEqual(['Look at this\n[image]', 'Nice picture']);
    expect(tr.summary.title).toBe('Look at this');
  });

  it('treats a session whose user messages are blank as empty', async () => {
    const path = t.write('blank', [meta, user('   \n\t'), assistant('anything?')]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.empty).toBe(true);
    expect(s!.userMessages).toBe(1);
  });

  it('marks the prompt cache warm until the last call plus the provider TTL', async () => {
    const now = Date.parse('2026-11-20T09:02:00Z');
    const path = t.write('warm', [meta, user('go'), usage('claude-sonnet-4.6', { input_tokens: 1 }, undefined, 'anthropic', '2026-11-20T09:00:00Z')]);
    const { summary: warm } = await readSummary(path, readOpts({ nowMs: now }));
    expect(warm!.cacheWarmUntil).toBe('2026-11-20T09:05:00.000Z');
    const { summary: cold } = await readSummary(path, readOpts({ nowMs: now + 10 * 60_000 }));
    expect(cold!.cacheWarmUntil).toBeNull();
  });
});

describe('store transcript and resume context', () => {
  it('is the last checkpoint messages followed by every message after it', async () => {
    const path = t.write('ctx', [
      meta,
      user('one'),
      checkpoint('2026-11-20T09:10:00Z', 1000, 'first summary'),
      user('two'),
      checkpoint('2026-11-20T09:20:00Z', 2000, 'second summary'),
      user('three'),
      assistant('four'),
    ]);
    const tr = await loadTranscript(path, readOpts());
    expect(tr.resumeContext).toEqual([
      { role: 'system', content: 'second summary' },
      { role: 'user', content: 'three' },
      { role: 'assistant', content: 'four' },
    ]);
    expect(tr.entries[tr.lastCheckpointIndex]).toMatchObject({ kind: 'checkpoint', tokenCount: 2000 });
  });

  it('is every message when there is no checkpoint, tool calls and results included', async () => {
    const call = { id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' };
    const path = t.write('noctx', [user('one'), assistant('reading', [call]), toolMsg]);
    const tr = await loadTranscript(path, readOpts());
    expect(tr.lastCheckpointIndex).toBe(-1);
    expect(tr.resumeContext).toHaveLength(3);
    expect(tr.entries.map((e) => e.kind)).toEqual(['message', 'message', 'tool_call', 'tool_result']);
    expect(tr.entries[2]).toMatchObject({ kind: 'tool_call', name: 'read_file', arguments: '{"path":"a"}' });
    expect(tr.entries[3]).toMatchObject({ kind: 'tool_result', id: 'call_1', text: 'package auth ...' });
  });
});
