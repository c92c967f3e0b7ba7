import { describe, expect, it } from 'vitest';
import { transcriptToMarkdown } from '../src/format/markdown.js';
import type { SessionSummary, Transcript, TranscriptEntry } from '../src/store/types.js';
import { makeSummary, makeTokens } from './helpers/summary.js';

/** The session every test exports; `over` changes what a test is about. */
function summary(over: Partial<SessionSummary> = {}): SessionSummary {
  return makeSummary({
    id: 'fix-auth',
    title: 'Fix flaky auth test',
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:42:10Z',
    toolCalls: 1,
    model: 'claude-sonnet-4.6',
    provider: 'anthropic',
    workspace: '/home/ana/app',
    tokens: makeTokens({ input: 1200, output: 310, cacheRead: 800, total: 1510 }),
    costMicros: 4200,
    durationMs: 2_530_000,
    firstPrompt: 'The auth test fails',
    lastPrompt: 'The auth test fails',
    ...over,
  });
}

const transcript = (entries: TranscriptEntry[], over: Partial<SessionSummary> = {}): Transcript => ({
  summary: summary(over),
  entries,
  resumeContext: [],
  lastCheckpointIndex: -1,
});

/** C0 except \n and \t, DEL, C1, bidi controls. */
const DANGEROUS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

describe('transcriptToMarkdown', () => {
  it('lists every model a session called when it called more than one, none when one', () => {
    const model = (m: string, calls: number, total: number, costMicros: number | null) => ({ provider: 'anthropic', model: m, calls, tokens: makeTokens({ input: total - 1000, cacheRead: 1000 }), costMicros });
    const md = transcriptToMarkdown(transcript([], { model: 'claude-opus-4-6', models: [model('claude-opus-4-6', 85, 5_900_000, 4_670_000), model('claude-haiku-4-5', 133, 11_000_000, null)] }));
    expect(md).toContain('- **Model:** claude-opus-4-6 (anthropic)');
    expect(md).toContain('- **Models:** claude-opus-4-6 (85 calls, 5,900,000 tokens, $4.67); claude-haiku-4-5 (133 calls, 11,000,000 tokens, ? cost)');
    expect(transcriptToMarkdown(transcript([], { models: [model('claude-sonnet-4.6', 2, 1510, 4200)] }))).not.toContain('**Models:**');
  });

  it('starts with the title and a metadata list', () => {
    const md = transcriptToMarkdown(transcript([]));
    expect(md.startsWith('# Fix flaky auth test\n\n')).toBe(true);
    expect(md).toContain('- **ID:** `fix-auth`');
    expect(md).toContain('- **Dialect:** store');
    expect(md).toContain('- **Created:** 2026-11-20 09:00 UTC');
    expect(md).toContain('- **Updated:** 2026-11-20 09:42 UTC\n');
    expect(md).toContain('- **Model:** claude-sonnet-4.6 (anthropic)');
    expect(md).toContain('- **Workspace:** `/home/ana/app`');
    expect(md).toContain('- **Messages:** 2 (1 user, 1 assistant)');
    expect(md).toContain('- **Tool calls:** 1');
    expect(md).toContain('- **Tokens:** 2,310 (1,200 input, 310 output, 800 cache read, 0 cache write)');
    expect(md).toContain('- **Cost:** $0.0042');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('says the cost is unknown rather than $0, and flags estimates', () => {
    const md = transcriptToMarkdown(
      transcript([], { costUsd: null, costMicros: null, dialect: 'turns', tokens: makeTokens({ input: 30, estimated: true }) }),
    );
    expect(md).toContain('- **Cost:** ? (unknown)');
    expect(md).not.toContain('$0');
    expect(md).toMatch(/\*\*Tokens:\*\* ~30 \(.*estimated/);
  });

  it('renders messages under role headings, in order', () => {
    const md = transcriptToMarkdown(
      transcript([
        { kind: 'message', timestamp: '2026-11-20T09:00:05Z', role: 'user', text: 'Find out why.' },
        { kind: 'message', timestamp: null, role: 'assistant', text: 'Let me **read** the test.' },
      ]),
    );
    expect(md).toContain('### User · 2026-11-20 09:00\n\nFind out why.');
    expect(md).toContain('### Assistant\n\nLet me **read** the test.');
    expect(md.indexOf('### User')).toBeLessThan(md.indexOf('### Assistant'));
  });

  it("puts a call the assistant made without text under an Assistant heading, not the user's", () => {
    const md = transcriptToMarkdown(
      transcript([
        { kind: 'message', timestamp: '2026-11-20T09:00:05Z', role: 'user', text: 'Run the tests.' },
        { kind: 'tool_call', timestamp: '2026-11-20T09:00:09Z', id: 'c1', name: 'Bash', arguments: '{"command":"go test"}' },
        { kind: 'tool_result', timestamp: '2026-11-20T09:00:12Z', id: 'c1', name: 'Bash', text: 'ok' },
        { kind: 'message', timestamp: '2026-11-20T09:00:15Z', role: 'assistant', text: 'All pass.' },
      ]),
    );
    expect(md).toMatch(/### User · 2026-11-20 09:00\n\nRun the tests\.\n\n### Assistant · 2026-11-20 09:00\n\n\*\*Tool call\*\* `Bash`/);
    expect(md.match(/^### Assistant/gm)).toHaveLength(2);
  });

  it('pretty-prints tool call arguments as json, and keeps bad json verbatim', () => {
    const md = transcriptToMarkdown(
      transcript([
        { kind: 'tool_call', timestamp: null, id: 'c1', name: 'read_file', arguments: '{"path":"auth_test.go"}' },
        { kind: 'tool_call', timestamp: null, id: 'c2', name: 'edit', arguments: '{broken' },
      ]),
    );
    expect(md).toContain('**Tool call** `read_file`\n\n```json\n{\n  "path": "auth_test.go"\n}\n```');
    expect(md).toContain('**Tool call** `edit`\n\n```\n{broken\n```');
  });

  it('fences tool results so their content cannot break out', () => {
    const evil = 'ok\n```\n# Injected heading\n````\n<!-- swallow';
    const md = transcriptToMarkdown(
      transcript([{ kind: 'tool_result', timestamp: null, id: 'c1', name: 'bash', text: evil, durationMs: 12, isError: true }]),
    );
    expect(md).toContain('**Tool result** `bash` (12ms, error)');
    const start = md.indexOf('`````\nok');
    expect(start).toBeGreaterThan(-1);
    // The block closes only with the five-backtick fence, after all of the text.
    const end = md.indexOf('\n`````', start + 6);
    expect(md.slice(start + 6, end)).toBe(evil);
  });

  it('renders a checkpoint as a divider with its summary quoted', () => {
    const md = transcriptToMarkdown(
      transcript([
        { kind: 'message', timestamp: null, role: 'assistant', text: 'Done with step one' },
        {
          kind: 'checkpoint',
          timestamp: '2026-11-20T09:30:00Z',
          tokenCount: 5400,
          messages: [{ role: 'system', content: [{ type: 'text', text: 'Summary so far:\nshared clock' }, { type: 'image' }] }],
        },
      ]),
    );
    // A blank line before --- so it is a rule, not a setext heading underline.
    expect(md).toContain('Done with step one\n\n---\n\n**Checkpoint** (5,400 tokens) · 2026-11-20 09:30');
    expect(md).toContain('> **system:** Summary so far:\n> shared clock\n> [image]');
  });

  it('shows notes, usage and skill attempts compactly', () => {
    const md = transcriptToMarkdown(
      transcript([
        { kind: 'note', timestamp: null, type: 'routing.override', text: 'switched to gpt-5' },
        {
          kind: 'usage',
          timestamp: null,
          model: 'gpt-5',
          vendor: 'openai',
          endpoint: 'https://api.openai.com/v1',
          tokens: makeTokens({ input: 2100, output: 240 }),
          costMicros: 5100,
          latencyMs: 2900,
        },
        { kind: 'attempt', timestamp: null, skill: 'write-tests', invocation: 1, attempt: 1, tier: 'local', model: 'qwen3-coder-30b', durationMs: 41_000, verdict: 'escalate', verified: false, feedback: 'tests do not compile' },
        { kind: 'attempt', timestamp: null, skill: 'write-tests', invocation: 1, attempt: 2, tier: 'managed', model: 'claude-sonnet-4.6', durationMs: 18_000, verdict: 'accept', verified: true },
      ]),
    );
    expect(md).toContain('> note routing.override: switched to gpt-5');
    expect(md).toContain('*Usage:* gpt-5 · 2,100 in · 240 out · $0.0051 · 2.9s');
    expect(md).toContain(
      '### Skill `write-tests` · invocation 1\n\n' +
        '- attempt 1 · local · qwen3-coder-30b · 41.0s · escalate · tests do not compile\n' +
        '- attempt 2 · managed · claude-sonnet-4.6 · 18.0s · accept (verified)',
    );
  });

  it('lets no control sequence from the log into the file', () => {
    const hostile = '\x1b]0;pwned\x07\x1b[2J\x1b[31mred\u202Eevil\x9b';
    const md = transcriptToMarkdown(
      transcript(
        [
          { kind: 'message', timestamp: null, role: 'user', text: hostile },
          { kind: 'tool_call', timestamp: null, id: 'c', name: `x${hostile}`, arguments: hostile },
          { kind: 'tool_result', timestamp: null, id: 'c', text: hostile },
          { kind: 'note', timestamp: null, type: hostile, text: hostile },
          { kind: 'checkpoint', timestamp: null, tokenCount: 1, messages: [{ role: hostile, content: hostile }] },
        ],
        { title: hostile, workspace: hostile, model: hostile },
      ),
    );
    expect(md).not.toMatch(DANGEROUS);
    expect(md).toContain('␛[2J');
  });

  it('closes a fence a message left open so later entries stay visible', () => {
    const md = transcriptToMarkdown(
      transcript([
        { kind: 'message', timestamp: null, role: 'assistant', text: 'Code:\n```ts\nconst a = 1;' },
        { kind: 'message', timestamp: null, role: 'user', text: 'thanks' },
      ]),
    );
    expect(md).toContain('const a = 1;\n```\n\n### User');
  });

  it('falls back to (untitled) and says when there are no entries', () => {
    const md = transcriptToMarkdown(transcript([], { title: '   ' }));
    expect(md.startsWith('# (untitled)\n')).toBe(true);
    expect(md).toContain('_No entries._');
  });
});
