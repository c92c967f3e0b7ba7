/**
 * One malformed message in a native checkpoint's `messages` (or an events
 * `llm.request`'s) used to empty the whole list: the checkpoint's resume
 * context (what a resume after compaction loads) came out empty and the
 * replay showed nothing under the divider. The good messages stay; the bad
 * ones are dropped and counted once (SessionSummary.invalidEntries), like
 * junk tool_calls entries (junk-tool-calls.test.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseFile } from '../../src/store/scan/doctor.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { loadTranscript } from '../../src/store/scan/transcript.js';
import { runCli } from '../helpers/cli.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const T = '2026-11-20T09:00:00Z';
const JUNK: [string, unknown][] = [
  ['a number', 42],
  ['an object with no role', { content: 'who said this?' }],
  ['a role that is no string', { role: 7, content: 'x' }],
];

/** A store session compacted into a checkpoint of [summary, junk, last ask], then one message after it. */
function checkpointed(id: string, junk: unknown): string {
  return t.write(id, [
    { type: 'meta', id, created_at: T, title: 'compacted', model: 'gpt-5', workspace: t.home },
    { type: 'message', timestamp: T, message: { role: 'user', content: 'fix the flaky test' } },
    {
      type: 'checkpoint',
      timestamp: T,
      token_count: 500,
      messages: [{ role: 'system', content: 'Summary: the flake is a shared clock.' }, junk, { role: 'user', content: 'Use a fake clock.' }],
    },
    { type: 'message', timestamp: T, message: { role: 'assistant', content: 'Done with a fake clock.' } },
  ]);
}

describe('robustness: junk messages in a native checkpoint', () => {
  it.each(JUNK)('[good, %s, good] keeps both good messages in the resume context and counts the junk once', async (_what, junk) => {
    const path = checkpointed('junk-msg', junk);
    const tr = await loadTranscript(path, readOpts());
    expect(tr.resumeContext.map((m) => m.content)).toEqual(['Summary: the flake is a shared clock.', 'Use a fake clock.', 'Done with a fake clock.']);
    const checkpoint = tr.entries.find((e) => e.kind === 'checkpoint');
    expect(checkpoint?.kind === 'checkpoint' && checkpoint.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.invalidEntries).toBe(1);
    expect(summary.resumeContext.messages).toBe(3);
    expect(summary.lastCheckpoint).toMatchObject({ tokenCount: 500, messagesAfter: 1 });
    expect((await diagnoseFile(path)).invalidEntries).toEqual([3]);
  });

  it('a messages value that is no list is one dropped entry; null and absent are none', async () => {
    for (const [id, messages, dropped] of [['not-list', 'summary', 1], ['null-list', null, 0]] as const) {
      const path = t.write(id, [
        { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
        { type: 'checkpoint', timestamp: T, token_count: 10, messages },
      ]);
      const { summary } = await readSummary(path, readOpts());
      expect([id, summary.checkpoints, summary.invalidEntries]).toEqual([id, 1, dropped]);
    }
  });

  it('the CLI: replay shows both messages under the divider, resume writes them, show names the drop', async () => {
    checkpointed('junk-cli', 42);
    const replay = runCli(['replay', 'junk-cli', '--home', t.home, '--all']);
    const after = replay.stdout.slice(replay.stdout.indexOf('checkpoint'));
    expect(after).toContain('Summary: the flake is a shared clock.');
    expect(after).toContain('Use a fake clock.');
    const file = join(mkdtempSync(join(tmpdir(), 'sb-ctx-')), 'ctx.jsonl');
    const resume = runCli(['resume', 'junk-cli', '--home', t.home, '--all', '--dry-run', '--context', file, '--resume-cmd', 'agent {context}']);
    expect(resume.code).toBe(0);
    const context = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { content: string });
    expect(context.map((m) => m.content)).toEqual(['Summary: the flake is a shared clock.', 'Use a fake clock.', 'Done with a fake clock.']);
    const show = runCli(['show', 'junk-cli', '--home', t.home, '--all']);
    expect(show.stdout).toMatch(/dropped\s+1 list entry/);
    expect(JSON.parse(runCli(['show', 'junk-cli', '--home', t.home, '--all', '--json']).stdout)).toMatchObject({ invalidEntries: 1 });
  });
});

describe('robustness: junk messages in events llm.request', () => {
  const ev = (seq: number, type: string, data: object) => ({ session_id: 'run-1', seq, type, timestamp: T, data });
  const ask = { role: 'user', content: 'add retries' };
  const answer = { role: 'assistant', content: 'Wrapping Do().' };
  const more = { role: 'user', content: 'and a test' };

  it('each request repeats the junk; it is counted once, and the good messages are shown and resumed', async () => {
    const path = t.write('junk-run', [
      ev(0, 'session.start', { provider: 'openai', model: 'gpt-5', prompt: 'add retries' }),
      ev(1, 'llm.request', { messages: [ask, 42], model: 'gpt-5' }),
      ev(2, 'llm.response', { content: 'Wrapping Do().', usage: { input_tokens: 10, output_tokens: 5 } }),
      ev(3, 'llm.request', { messages: [ask, 42, answer, more], model: 'gpt-5' }),
      ev(4, 'llm.response', { content: 'Test added.', usage: { input_tokens: 10, output_tokens: 5 } }),
      ev(5, 'llm.request', { messages: [ask, 42, answer, more, { role: 'assistant', content: 'Test added.' }, { nope: true }], model: 'gpt-5' }),
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.invalidEntries).toBe(2);
    expect([summary.userMessages, summary.assistantMessages]).toEqual([2, 2]);
    const tr = await loadTranscript(path, readOpts());
    expect(tr.resumeContext.map((m) => m.content)).toEqual(['add retries', 'Wrapping Do().', 'and a test', 'Test added.']);
    expect((await diagnoseFile(path)).invalidEntries).toEqual([2, 6]);
  });

  it('a rewritten conversation (no shared prefix) counts its junk anew', async () => {
    const path = t.write('junk-rewrite', [
      ev(1, 'llm.request', { messages: [ask, 42], model: 'gpt-5' }),
      ev(2, 'llm.response', { content: 'ok' }),
      ev(3, 'llm.request', { messages: [{ role: 'system', content: 'Summary so far' }, 42], model: 'gpt-5' }),
    ]);
    expect((await readSummary(path, readOpts())).summary.invalidEntries).toBe(2);
  });
});
