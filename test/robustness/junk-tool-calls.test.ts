/**
 * A native `tool_calls` list with junk among its entries (a number, an
 * object with no name) used to lose every call of the message: the whole
 * list was dropped for one bad entry. The good entries stay (counted in the
 * summary's toolCalls, shown in the replay, kept in the resume context);
 * the bad ones are dropped and counted (SessionSummary.invalidEntries,
 * `doctor`), like other data that cannot be what it claims.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseFile, hasProblem } from '../../src/store/scan/doctor.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { loadTranscript } from '../../src/store/scan/transcript.js';
import { runCli } from '../helpers/cli.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const T = '2026-11-20T09:00:00Z';
const good = (id: string, name: string) => ({ id, name, arguments: `{"path":"${id}.go"}` });
const JUNK: [string, unknown][] = [
  ['a number', 42],
  ['an object with no name', { id: 'x', arguments: '{}' }],
  ['a name that is no string', { id: 'y', name: 7 }],
];

/** The tool calls a transcript shows, as `name id`. */
async function replayedCalls(path: string): Promise<string[]> {
  const tr = await loadTranscript(path, readOpts());
  return tr.entries.flatMap((e) => (e.kind === 'tool_call' ? [`${e.name} ${e.id}`] : []));
}

describe('robustness: junk entries in native tool_calls', () => {
  it.each(JUNK)('store: [good, %s, good] keeps both good calls, drops and counts the junk', async (_what, junk) => {
    const path = t.write('junk-calls', [
      { type: 'meta', id: 'junk-calls', created_at: T, title: 'junk calls', model: 'gpt-5' },
      { type: 'message', timestamp: T, message: { role: 'user', content: 'read both' } },
      { type: 'message', timestamp: T, message: { role: 'assistant', content: 'Reading.', tool_calls: [good('c1', 'read_file'), junk, good('c2', 'grep')] } },
      { type: 'message', timestamp: T, message: { role: 'tool', tool_call_id: 'c1', name: 'read_file', content: 'ok' } },
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.toolCalls).toBe(2);
    expect(summary.invalidEntries).toBe(1);
    expect(summary.invalidNumbers).toBe(0);
    expect(await replayedCalls(path)).toEqual(['read_file c1', 'grep c2']);
    const tr = await loadTranscript(path, readOpts());
    expect(tr.resumeContext[1]?.tool_calls).toEqual([good('c1', 'read_file'), good('c2', 'grep')]);
    const d = await diagnoseFile(path);
    expect(d.invalidEntries).toEqual([3]);
    expect(hasProblem(d)).toBe(true);
  });

  it('store: a tool_calls that is no list is one dropped entry; null is none', async () => {
    const path = t.write('calls-field', [
      { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
      { type: 'message', timestamp: T, message: { role: 'assistant', content: 'a', tool_calls: 'read_file' } },
      { type: 'message', timestamp: T, message: { role: 'assistant', content: 'b', tool_calls: null } },
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.toolCalls).toBe(0);
    expect(summary.invalidEntries).toBe(1);
    expect((await diagnoseFile(path)).invalidEntries).toEqual([2]);
  });

  it('a clean log has no invalid entries and no problem', async () => {
    const path = t.write('clean-calls', [
      { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
      { type: 'message', timestamp: T, message: { role: 'assistant', content: 'a', tool_calls: [good('c1', 'read_file')] } },
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect([summary.toolCalls, summary.invalidEntries]).toEqual([1, 0]);
    expect(hasProblem(await diagnoseFile(path))).toBe(false);
  });

  it('events: an llm.response with [good, junk, good] shows both calls', async () => {
    const ev = (seq: number, type: string, data: object) => ({ session_id: 'run-1', seq, type, timestamp: T, data });
    const path = t.write('junk-events', [
      ev(0, 'session.start', { provider: 'openai', model: 'gpt-5', prompt: 'read both' }),
      ev(1, 'llm.request', { messages: [{ role: 'user', content: 'read both' }], model: 'gpt-5' }),
      ev(2, 'llm.response', { content: 'Reading.', tool_calls: [good('c1', 'read_file'), 42, good('c2', 'grep')], usage: { input_tokens: 10, output_tokens: 5 } }),
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.invalidEntries).toBe(1);
    expect(await replayedCalls(path)).toEqual(['read_file c1', 'grep c2']);
    expect((await diagnoseFile(path)).invalidEntries).toEqual([3]);
  });

  it('store: a checkpoint message keeps its good calls in the resume context', async () => {
    const path = t.write('junk-checkpoint', [
      { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
      { type: 'checkpoint', timestamp: T, token_count: 100, messages: [{ role: 'assistant', content: 'so far', tool_calls: [good('c1', 'read_file'), {}] }] },
    ]);
    const tr = await loadTranscript(path, readOpts());
    expect(tr.resumeContext[0]?.tool_calls).toEqual([good('c1', 'read_file')]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.invalidEntries).toBe(1);
  });

  it('the CLI: replay shows both calls, show and doctor name the dropped entry', async () => {
    t.write('junk-cli', [
      { type: 'message', timestamp: T, message: { role: 'user', content: 'read both' } },
      { type: 'message', timestamp: T, message: { role: 'assistant', content: 'Reading.', tool_calls: [good('c1', 'read_file'), 42, good('c2', 'grep')] } },
    ]);
    const replay = runCli(['replay', 'junk-cli', '--home', t.home, '--all']);
    expect(replay.stdout).toContain('read_file');
    expect(replay.stdout).toContain('grep');
    const show = runCli(['show', 'junk-cli', '--home', t.home, '--all']);
    expect(show.stdout).toMatch(/tool calls\s+2\b/);
    expect(show.stdout).toMatch(/dropped\s+1 list entry not of its kind: a tool call/);
    expect(JSON.parse(runCli(['show', 'junk-cli', '--home', t.home, '--all', '--json']).stdout)).toMatchObject({ toolCalls: 2, invalidEntries: 1 });
    const doctor = runCli(['doctor', '--home', t.home, '--all']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/BAD ENTRIES/);
    expect(doctor.stdout).toMatch(/junk-cli .* 2\s/);
  });
});
