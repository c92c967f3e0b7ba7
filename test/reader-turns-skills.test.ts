import { describe, expect, it } from 'vitest';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';
import { WRITE_TESTS_INVOCATION } from './helpers/skill-invocation.js';

let t: TempHome;
useTempHome((h) => (t = h));

const turns = [
  { type: 'user', content: 'Why does the build take 4 minutes?', timestamp: '2026-11-19T14:00:00Z' },
  { type: 'progress', content: 'thinking' },
  { type: 'assistant', content: 'Let me look at the Makefile.', timestamp: '2026-11-19T14:00:03Z' },
  { type: 'typing' },
  { type: 'tool_call', tool_name: 'read_file', tool_id: 't1', content: '{"path":"Makefile"}', timestamp: '2026-11-19T14:00:03Z' },
  { type: 'tool_result', tool_id: 't1', content: 'all: ...', timestamp: '2026-11-19T14:00:04Z' },
  { type: 'ping' },
];

describe('turns dialect (format §2.3, §4)', () => {
  it('counts user/assistant/tool_call lines, drops ephemeral types silently and estimates tokens', async () => {
    const path = t.write('turns', turns);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.dialect).toBe('turns');
    expect(s!.title).toBe('Why does the build take 4 minutes?');
    expect(s!.userMessages).toBe(1);
    expect(s!.assistantMessages).toBe(1);
    expect(s!.messageCount).toBe(2);
    expect(s!.toolCalls).toBe(1);
    expect(s!.unknownLines).toBe(0);
    const chars = 'Why does the build take 4 minutes?'.length + 'Let me look at the Makefile.'.length + '{"path":"Makefile"}'.length + 'all: ...'.length;
    expect(s!.tokens.total).toBe(Math.floor(chars / 3));
    expect(s!.tokens.estimated).toBe(true);
    expect(s!.costUsd).toBeNull();
    expect(s!.status).toBe('unknown');
    expect(s!.createdAt).toBe('2026-11-19T14:00:00.000Z');
    expect(s!.updatedAt).toBe('2026-11-19T14:00:04.000Z');
  });

  it('counts characters, not UTF-16 units, in the estimate', async () => {
    const path = t.write('emoji', [{ type: 'user', content: '🐛🐛🐛🐛🐛🐛' }]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.tokens.total).toBe(2); // 6 characters / 3, although 12 UTF-16 units
  });

  it('counts ephemeral lines as unknown in another dialect', async () => {
    const path = t.write('mixed', [{ type: 'ping' }, { type: 'message', message: { role: 'user', content: 'hi' } }, { type: 'typing' }]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.dialect).toBe('store');
    expect(s!.unknownLines).toBe(2);
  });

  it('replays tool calls and results and builds the whole conversation as resume context', async () => {
    const tr = await loadTranscript(t.write('turns', turns), readOpts());
    expect(tr.entries.map((e) => e.kind)).toEqual(['message', 'message', 'tool_call', 'tool_result']);
    expect(tr.entries[2]).toMatchObject({ name: 'read_file', id: 't1', arguments: '{"path":"Makefile"}' });
    expect(tr.resumeContext.map((m) => m.role)).toEqual(['user', 'assistant', 'assistant', 'tool']);
  });
});

const invocation = (over: object = {}) => ({
  session_id: 'hg-42',
  timestamp: '2026-11-18T08:00:00Z',
  project_root: '/home/ana/app',
  ...WRITE_TESTS_INVOCATION,
  ...over,
});

describe('skills dialect (format §2.4, §4)', () => {
  it('reports invocations as messages, attempts as tool calls, and success when all are ok', async () => {
    const path = t.write('hg-42', [invocation(), invocation({ timestamp: '2026-11-18T09:00:00Z', message: 'second', attempts: [] })]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.dialect).toBe('skills');
    expect(s!.title).toBe('write-tests: wrote 6 tests');
    expect(s!.userMessages).toBe(0);
    expect(s!.assistantMessages).toBe(0);
    expect(s!.messageCount).toBe(2);
    expect(s!.toolCalls).toBe(2);
    expect(s!.tokens).toEqual({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0, estimated: true });
    expect(s!.status).toBe('success');
    expect(s!.empty).toBe(false);
    expect(s!.workspace).toBe('/home/ana/app');
  });

  it('is failed when any invocation did not end ok', async () => {
    const path = t.write('bad', [invocation(), invocation({ final_status: 'failed' })]);
    expect((await readSummary(path, readOpts())).summary!.status).toBe('failed');
  });

  it('replays each invocation with its attempts as a timeline', async () => {
    const tr = await loadTranscript(t.write('hg-42', [invocation()]), readOpts());
    const attempts = tr.entries.filter((e) => e.kind === 'attempt');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ tier: 'local', model: 'qwen3-coder-30b', durationMs: 41000, verdict: 'escalate', feedback: 'tests do not compile' });
    expect(attempts[1]).toMatchObject({ tier: 'managed', verified: true, verdict: 'accept' });
  });
});
