import { describe, expect, it } from 'vitest';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import type { PriceTable } from '../src/store/pricing.js';
import { NOW, readOpts, useTempHome, type TempHome } from './helpers/session-files.js';

const PRICES: PriceTable = { 'gpt-5': { input: 1, output: 10, cache_read: 0.1, cache_write: 1 } };

const ev = (seq: number, type: string, data: object, ts = `2026-11-20T10:00:0${Math.min(seq, 9)}Z`) => ({ session_id: 'run-7', seq, type, timestamp: ts, data });
const start = ev(0, 'session.start', { provider: 'openai', model: 'gpt-5', work_dir: '/home/ana/app', max_iterations: 30, prompt: 'Add retries to the HTTP client' });
const sys = { role: 'system', content: 'You are an agent.' };
const u1 = { role: 'user', content: 'Add retries to the HTTP client' };
const a1 = { role: 'assistant', content: "I'll wrap Do() ...", tool_calls: [{ id: 'c1', name: 'edit_file', arguments: '{}' }] };
const t1 = { role: 'tool', tool_call_id: 'c1', content: 'ok' };
const u2 = { role: 'user', content: 'Also log each retry' };
const request = (seq: number, messages: object[]) => ev(seq, 'llm.request', { messages, model: 'gpt-5', tools: [{ name: 'edit_file' }] });
const response = (seq: number, extra: object = {}) =>
  ev(seq, 'llm.response', {
    content: "I'll wrap Do() ...",
    tool_calls: [{ id: 'c1', name: 'edit_file', arguments: '{}' }],
    usage: { input_tokens: 2100, output_tokens: 240, cache_read_tokens: 0, cache_write_tokens: 0 },
    latency_ms: 2950,
    model: 'gpt-5',
    finish_reason: 'tool_calls',
    ...extra,
  });
const toolCall = (seq: number) => ev(seq, 'tool.call', { tool: 'edit_file', input: { path: 'client.go' }, output: 'ok', duration_ms: 12 });
const end = (seq: number, data: object) => ev(seq, 'session.end', { status: 'success', output: 'Retries added.', tokens: { input_tokens: 8000, output_tokens: 900 }, duration_ms: 180000, model: 'gpt-5', ...data });

let t: TempHome;
useTempHome((h) => (t = h));

describe('events dialect summary (format §4)', () => {
  it('counts only user messages new in each request and one assistant message per response', async () => {
    const path = t.write('run-7', [
      start,
      request(1, [sys, u1]),
      response(2, { cost_usd: 0.0051 }),
      toolCall(3),
      request(4, [sys, u1, a1, t1, u2]),
      response(5, { cost_usd: 0.002 }),
      end(9, { cost_usd: 0.0213 }),
    ]);
    const { summary: s } = await readSummary(path, readOpts({ pricing: PRICES }));
    expect(s!.dialect).toBe('events');
    expect(s!.title).toBe('Add retries to the HTTP client');
    expect(s!.userMessages).toBe(2); // u1 once, then u2
    expect(s!.assistantMessages).toBe(2);
    expect(s!.messageCount).toBe(4);
    expect(s!.toolCalls).toBe(1);
    expect(s!.tokens).toMatchObject({ input: 4200, output: 480, total: 4680, estimated: false });
    expect(s!.costMicros).toBe(21300); // session.end cost_usd wins
    expect(s!.status).toBe('success');
    expect(s!.model).toBe('gpt-5');
    expect(s!.provider).toBe('openai');
    expect(s!.workspace).toBe('/home/ana/app');
    expect(s!.durationMs).toBe(180000);
    expect(s!.strikes).toBe(0);
  });

  it("gives a tool.call's input to the search as well as its output (a file path is what people remember)", async () => {
    const path = t.write('run-7', [start, request(1, [sys, u1]), response(2), ev(3, 'tool.call', { tool: 'read_file', input: { path: 'src/db/pool.ts' }, output: 'export const pool = 1' })]);
    const { texts } = await readSummary(path, readOpts({ pricing: PRICES }));
    const text = texts.join('\n');
    expect(text).toContain('src/db/pool.ts');
    expect(text).toContain('export const pool = 1');
  });

  it('sums llm.response cost_usd without session.end cost, then prices usage, else unknown', async () => {
    const summed = t.write('a', [start, request(1, [u1]), response(2, { cost_usd: 0.0051 }), request(3, [u1, a1, u2]), response(4, { cost_usd: 0.002 }), end(9, {})]);
    expect((await readSummary(summed, readOpts({ pricing: PRICES }))).summary!.costMicros).toBe(7100);

    const priced = t.write('b', [start, request(1, [u1]), response(2), end(9, {})]);
    // 2100*1 + 240*10
    expect((await readSummary(priced, readOpts({ pricing: PRICES }))).summary!.costMicros).toBe(4500);

    const unknown = t.write('c', [start, request(1, [u1]), response(2), end(9, {})]);
    expect((await readSummary(unknown, readOpts({ pricing: {} }))).summary!.costUsd).toBeNull();
  });

  it('falls back to session.end tokens when responses carry no usage', async () => {
    const path = t.write('d', [start, request(1, [u1]), ev(2, 'llm.response', { content: 'done' }), end(9, {})]);
    const { summary: s } = await readSummary(path, readOpts({ pricing: PRICES }));
    expect(s!.tokens).toMatchObject({ input: 8000, output: 900, total: 8900 });
  });

  it('is failed for any end status but success; running or incomplete without an end, by file age', async () => {
    const failed = t.write('f', [start, request(1, [u1]), end(9, { status: 'error' })]);
    expect((await readSummary(failed, readOpts())).summary!.status).toBe('failed');

    const fresh = t.write('r', [start, request(1, [u1])], { mtimeMs: NOW - 2 * 60_000 });
    expect((await readSummary(fresh, readOpts())).summary!.status).toBe('running');

    const stale = t.write('i', [start, request(1, [u1])], { mtimeMs: NOW - 60 * 60_000 });
    expect((await readSummary(stale, readOpts())).summary!.status).toBe('incomplete');
  });

  it('counts identical consecutive requests as strikes (two or more = looping)', async () => {
    const same = [u1, a1, t1];
    const path = t.write('loop', [start, request(1, same), response(2), request(3, same), response(4), request(5, same), end(9, { status: 'error' })]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.strikes).toBe(2);
    const changed = t.write('ok', [start, request(1, [u1]), response(2), request(3, [u1, a1, t1]), response(4), request(5, [u1, a1, t1, u2]), end(9, {})]);
    expect((await readSummary(changed, readOpts())).summary!.strikes).toBe(0);
  });

  it('does not count other dotted types as unknown and shows them as notes', async () => {
    const path = t.write('notes', [start, ev(1, 'routing.override', { from: 'openai', to: 'anthropic' }), request(2, [u1]), response(3), end(9, {})]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.unknownLines).toBe(0);
    const tr = await loadTranscript(path, readOpts());
    expect(tr.entries.some((e) => e.kind === 'note' && e.type === 'routing.override')).toBe(true);
  });
});

describe('events transcript', () => {
  it('replays only what is new in each request, then the response, then the tool calls', async () => {
    const path = t.write('replay', [start, request(1, [sys, u1]), response(2, { cost_usd: 0.0051 }), toolCall(3), request(4, [sys, u1, a1, t1, u2]), response(5), end(9, {})]);
    const tr = await loadTranscript(path, readOpts({ pricing: PRICES }));
    const shape = tr.entries.map((e) => (e.kind === 'message' ? `${e.role}:${e.text}` : e.kind));
    expect(shape).toEqual([
      'note', // session.start
      'user:Add retries to the HTTP client', // its prompt: the run's first user message, shown once
      'system:You are an agent.', // request 1, without its copy of the prompt
      "assistant:I'll wrap Do() ...",
      'tool_call',
      'usage',
      'tool_result', // tool.call record
      'tool_result', // the tool message new in request 4
      'user:Also log each retry',
      "assistant:I'll wrap Do() ...",
      'tool_call',
      'usage',
      'note', // session.end
    ]);
    const firstUsage = tr.entries.find((e) => e.kind === 'usage');
    expect(firstUsage).toMatchObject({ costMicros: 5100, latencyMs: 2950 });
  });
});
