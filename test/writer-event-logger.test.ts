import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTL_SEC } from '../src/store/sources/fold.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { EventLogger } from '../src/store/writer/index.js';
import { useTempProject } from './helpers/temp-project.js';

const START = Date.parse('2026-11-20T10:00:00Z');

let home: string;
let root: string;
useTempProject('sb-writer-events-', (d) => ({ home, root } = d));

const readOpts = (projectId: string, nowMs: number) => ({ projectId, pricing: BUILTIN_PRICES, nowMs, cacheTtlSec: DEFAULT_CACHE_TTL_SEC });

/** A clock that advances one second per call. */
function ticking(): () => number {
  let t = START;
  return () => (t += 1000);
}

function run(logger: EventLogger, end: { status: string; cost_usd?: number } | null): void {
  logger.start({ provider: 'openai', model: 'gpt-5', work_dir: root, max_iterations: 30, prompt: 'Add retries to the HTTP client' });
  logger.request({ messages: [{ role: 'user', content: 'Add retries to the HTTP client' }], model: 'gpt-5', tools: [{ name: 'edit_file' }] });
  logger.response({
    content: "I'll wrap Do().",
    tool_calls: [{ id: 'c1', name: 'edit_file', arguments: '{}' }],
    usage: { input_tokens: 2100, output_tokens: 240, cache_read_tokens: 0, cache_write_tokens: 0 },
    cost_usd: 0.0051,
    latency_ms: 2950,
    model: 'gpt-5',
    finish_reason: 'tool_calls',
  });
  logger.toolCall({ tool: 'edit_file', input: { path: 'client.go' }, output: 'ok', duration_ms: 12 });
  logger.note('routing.override', { from: 'openai', to: 'openai', reason: 'test' });
  logger.request({
    messages: [
      { role: 'user', content: 'Add retries to the HTTP client' },
      { role: 'assistant', content: "I'll wrap Do()." },
      { role: 'tool', tool_call_id: 'c1', name: 'edit_file', content: 'ok' },
    ],
    model: 'gpt-5',
  });
  logger.response({ content: 'Retries added.', usage: { input_tokens: 2500, output_tokens: 100 }, cost_usd: 0.0041, model: 'gpt-5' });
  if (end) logger.end({ ...end, output: 'Retries added.', tokens: { input_tokens: 4600, output_tokens: 340 }, duration_ms: 180000, model: 'gpt-5' });
}

describe('EventLogger', () => {
  it('numbers events from 0 with the session id on every record', () => {
    const logger = new EventLogger({ home, projectRoot: root, sessionId: 'run-7', now: ticking() });
    run(logger, { status: 'success', cost_usd: 0.0213 });
    const records = readFileSync(logger.path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; session_id: string; type: string });
    expect(records.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(records.map((r) => r.session_id))).toEqual(new Set(['run-7']));
    expect(records.map((r) => r.type)).toEqual(['session.start', 'llm.request', 'llm.response', 'tool.call', 'routing.override', 'llm.request', 'llm.response', 'session.end']);
    expect(logger.seq).toBe(8);
  });

  it('writes a run the reader reports as a success with its recorded cost', async () => {
    const logger = new EventLogger({ home, projectRoot: root, sessionId: 'run-7', now: ticking() });
    run(logger, { status: 'success', cost_usd: 0.0213 });
    const { summary } = await readSummary(logger.path, readOpts(logger.projectId, START + 3600_000));
    const s = summary!;
    expect(s.dialect).toBe('events');
    expect(s.title).toBe('Add retries to the HTTP client');
    expect(s.status).toBe('success');
    expect(s.costUsd).toBe(0.0213);
    expect([s.userMessages, s.assistantMessages, s.toolCalls]).toEqual([1, 2, 1]);
    expect([s.tokens.input, s.tokens.output]).toEqual([4600, 340]);
    expect([s.provider, s.model, s.workspace, s.durationMs]).toEqual(['openai', 'gpt-5', root, 180000]);
    expect([s.malformedLines, s.unknownLines]).toEqual([0, 0]);
    const t = await loadTranscript(logger.path, readOpts(logger.projectId, START));
    expect(t.entries.some((e) => e.kind === 'note' && e.type === 'routing.override')).toBe(true);
  });

  it('sums response costs without an end cost, and reports failure and incomplete runs', async () => {
    const failed = new EventLogger({ home, projectRoot: root, sessionId: 'failed', now: ticking() });
    run(failed, { status: 'error' });
    const f = (await readSummary(failed.path, readOpts(failed.projectId, START))).summary!;
    expect(f.status).toBe('failed');
    expect(f.costMicros).toBe(9200);

    const cut = new EventLogger({ home, projectRoot: root, sessionId: 'cut', now: ticking() });
    run(cut, null);
    const later = Date.now() + 3600_000;
    expect((await readSummary(cut.path, readOpts(cut.projectId, later))).summary!.status).toBe('incomplete');
  });

  it('continues numbering when an existing run is reopened, ignoring a torn tail', () => {
    const first = new EventLogger({ home, projectRoot: root, sessionId: 'resumed' });
    first.start({ prompt: 'go' });
    first.request({ messages: [{ role: 'user', content: 'go' }] });
    appendFileSync(first.path, '{"session_id":"resumed","seq":99,"type":"llm.resp');
    const second = new EventLogger({ home, projectRoot: root, sessionId: 'resumed' });
    expect(second.seq).toBe(2);
    expect(second.response({ content: 'ok' }).seq).toBe(2);
    expect(new EventLogger({ home, projectRoot: root }).seq).toBe(0);
  });

  it('finds the last seq across long lines and chunk boundaries', () => {
    const first = new EventLogger({ home, projectRoot: root, sessionId: 'long' });
    first.start({ prompt: 'é'.repeat(70_000) });
    first.note('big.note', { text: 'ü'.repeat(150_000) });
    expect(new EventLogger({ home, projectRoot: root, sessionId: 'long' }).seq).toBe(2);
  });

  it('refuses undotted note types and bad data, writing nothing', () => {
    const logger = new EventLogger({ home, projectRoot: root, sessionId: 'strict' });
    expect(() => logger.note('nodot', {})).toThrow(/dot/);
    expect(() => logger.note('a.b', [] as unknown as Record<string, unknown>)).toThrow(TypeError);
    expect(() => logger.response({ usage: { input_tokens: Number.NaN } })).toThrow(RangeError);
    expect(() => logger.end({ status: 1 as unknown as string })).toThrow(TypeError);
    expect(logger.seq).toBe(0);
  });
});
