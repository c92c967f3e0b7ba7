/**
 * How Claude Code's notes read in a replay (a new user's tryout): a local
 * command's output without the terminal styling Claude Code writes into it
 * (it showed as "␛[2m…␛[22m" clutter), a compaction's token count with
 * thousands separators like every other number, and the CLI's replay
 * naming its own option, not the browser's key.
 */
import { describe, expect, it } from 'vitest';
import { initClaudeParser, parseClaude } from '../src/store/sources/claude/parse.js';
import { runCli } from './helpers/cli.js';
import { TranscriptBuilder } from '../src/store/scan/transcript-builder.js';
import type { TranscriptEntry } from '../src/store/types.js';

const notes = (record: Record<string, unknown>) => (parseClaude(record, initClaudeParser()) ?? []).filter((e) => e.kind === 'note').map((e) => (e as { text: string }).text);

describe('Claude notes in a replay', () => {
  it('drops the styling of a local command\'s output, both as a system line and as a user line, and keeps any other escape', () => {
    expect(notes({ type: 'system', subtype: 'local_command', content: '<local-command-stdout>Kept model as \u001b[1mDefault (recommended)\u001b[22m</local-command-stdout>' })).toEqual([
      '<local-command-stdout>Kept model as Default (recommended)</local-command-stdout>',
    ]);
    const user = notes({ type: 'user', message: { role: 'user', content: '<local-command-stdout>\u001b[2mCompacted (ctrl+o to see full summary)\u001b[22m \u001b]0;title\u0007</local-command-stdout>' } });
    expect(user).toEqual(['<local-command-stdout>Compacted (ctrl+o to see full summary) \u001b]0;title\u0007</local-command-stdout>']);
  });

  it('writes a compaction\'s tokens with thousands separators', () => {
    expect(notes({ type: 'system', subtype: 'compact_boundary', compactMetadata: { trigger: 'manual', preTokens: 142431 } })).toEqual(['conversation compacted (manual, 142,431 tokens before)']);
  });

  it('replay --from-checkpoint says how to see all of it with the command line, not a browser key', () => {
    const r = runCli(['replay', 'long-transcript', '--from-checkpoint', '--demo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('(without --from-checkpoint: all of it)');
    expect(r.stdout).not.toContain('(f shows all)');
  });

  it("shows a call's usage beside its reply, before the notes that followed it (an interruption, a command's output)", () => {
    const p = initClaudeParser();
    const base = { sessionId: 's', cwd: '/w', timestamp: '2026-02-10T21:12:00Z' };
    const lines = [
      { ...base, type: 'user', uuid: 'u1', message: { role: 'user', content: 'start the server' } },
      { ...base, type: 'assistant', uuid: 'a1', requestId: 'r1', message: { id: 'm1', model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }], usage: { input_tokens: 3, output_tokens: 5 } } },
      { ...base, type: 'assistant', uuid: 'a2', requestId: 'r1', message: { id: 'm1', model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }], usage: { input_tokens: 3, output_tokens: 13 } } },
      { ...base, type: 'user', uuid: 'u2', message: { role: 'user', content: '[Request interrupted by user for tool use]' } },
      { ...base, type: 'system', subtype: 'local_command', uuid: 's1', content: '<local-command-stdout>Kept model</local-command-stdout>' },
    ];
    const entries: TranscriptEntry[] = [];
    const builder = new TranscriptBuilder({});
    const out = { entry: (e: TranscriptEntry) => void entries.push(e), contextReset: () => undefined, contextAppend: () => undefined, contextTail: () => undefined };
    for (const line of lines) for (const ev of parseClaude(line, p) ?? []) builder.add(ev, out);
    builder.finish(out);
    const kinds = entries.map((e) => (e.kind === 'message' ? `${e.kind}:${e.role}` : e.kind));
    expect(kinds.slice(0, 4)).toEqual(['message:user', 'message:assistant', 'tool_call', 'usage']);
    expect(kinds.slice(4).every((k) => k === 'note')).toBe(true);
    // The copy the summary counts (the largest output), once.
    expect(entries.filter((e) => e.kind === 'usage').map((e) => (e as { tokens: { output: number } }).tokens.output)).toEqual([13]);
  });
});
