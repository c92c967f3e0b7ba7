import { describe, expect, it } from 'vitest';
import type { Transcript, TranscriptEntry } from '../src/store/types.js';
import { argsSummary, buildReplayLines, type ReplayLineOptions } from '../src/format/replay-lines.js';
import { wrapLine } from '../src/format/wrap.js';
import { displayWidth } from '../src/format/width.js';
import { makeSummary, makeTokens } from './helpers/summary.js';

const T = '2026-11-20T09:00:05Z';

function transcript(entries: TranscriptEntry[]): Transcript {
  const last = entries.map((e) => e.kind).lastIndexOf('checkpoint');
  return { summary: makeSummary(), entries, resumeContext: [], lastCheckpointIndex: last };
}

function texts(t: Transcript, opts: Partial<ReplayLineOptions> = {}): string[] {
  // Without the day lines ("── 2026-11-20 · times in UTC ──"): test/issue6-defects.test.ts covers those.
  return buildReplayLines(t, { width: 60, expanded: new Set(), fromCheckpoint: false, ...opts })
    .map((l) => l.text)
    .filter((text) => !/^── \d{4}-\d{2}-\d{2}/.test(text));
}

const call: TranscriptEntry = { kind: 'tool_call', timestamp: T, id: 'c1', name: 'read_file', arguments: '{"path":"auth_test.go","limit":20}' };

describe('tool calls', () => {
  it('fold to one line with the name and the arguments, and unfold to the pretty-printed arguments', () => {
    const t = transcript([call]);
    const folded = texts(t);
    // A call with no message before it is the assistant's: it gets the assistant's header.
    expect(folded).toEqual(['▌ assistant · 09:00:05', '  ⚙ read_file path=auth_test.go limit=20']);
    const open = texts(t, { expanded: new Set([0]) });
    expect(open.length).toBeGreaterThan(3);
    expect(open).toContain('      "path": "auth_test.go",');
    expect(open).toContain('      "limit": 20');
  });

  it('summarises arguments that are not JSON as their raw text on one line', () => {
    expect(argsSummary('not json\nat all')).toBe('not json at all');
  });
});

describe('tool results', () => {
  const body = Array.from({ length: 40 }, (_, i) => `line ${i + 1} of the output`).join('\n');
  const result: TranscriptEntry = { kind: 'tool_result', timestamp: T, id: 'c1', name: 'read_file', text: body };

  it('show their first lines then how much is folded', () => {
    const [head, ...lines] = texts(transcript([result]));
    expect(head).toBe('▌ assistant · 09:00:05');
    expect(lines[0]).toContain('line 1 of the output');
    expect(lines[1]).toContain('line 2 of the output');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/\(\+38 lines, \d+(\.\d)? (B|KB)\)/);
    expect(lines.join('\n')).not.toContain('line 3 of');
  });

  it('an empty one says so, folded or not', () => {
    const empty: TranscriptEntry = { ...result, text: '\n' };
    for (const expanded of [new Set<number>(), new Set([0])]) expect(texts(transcript([empty]), { expanded }).at(-1)).toBe('  ↳ read_file: (empty)');
  });

  it('show every line once unfolded', () => {
    const lines = texts(transcript([result]), { expanded: new Set([0]) });
    expect(lines.join('\n')).toContain('line 40 of the output');
    expect(lines.join('\n')).not.toContain('(+38 lines');
  });
});

describe('speakers', () => {
  const at = (s: number): string => `2026-11-20T09:00:${String(s).padStart(2, '0')}Z`;
  const entries: TranscriptEntry[] = [
    { kind: 'message', timestamp: at(1), role: 'user', text: 'Why does the auth test fail?' },
    // Claude writes an assistant turn that is only a call as a record without text.
    { kind: 'tool_call', timestamp: at(2), id: 'c1', name: 'Bash', arguments: '{"command":"go test ./auth"}' },
    { kind: 'tool_result', timestamp: at(3), id: 'c1', text: 'FAIL auth_test.go:12' },
    { kind: 'message', timestamp: at(4), role: 'assistant', text: 'The clock is shared. Let me read it.' },
    { kind: 'tool_call', timestamp: at(5), id: 'c2', name: 'Read', arguments: '{"file_path":"clock.go"}' },
    { kind: 'message', timestamp: at(6), role: 'user', text: 'Go on.' },
    { kind: 'tool_call', timestamp: at(7), id: 'c3', name: 'Edit', arguments: '{"file_path":"clock.go"}' },
  ];

  it("a call made after the user's message sits under the assistant's header, once per turn", () => {
    const lines = buildReplayLines(transcript(entries), { width: 60, expanded: new Set(), fromCheckpoint: false }).filter((l) => !l.text.startsWith('──'));
    expect(lines.map((l) => l.text)).toEqual([
      '▌ user · 09:00:01',
      '  Why does the auth test fail?',
      '▌ assistant · 09:00:02',
      '  ⚙ Bash command=go test ./auth',
      '  ↳ result: FAIL auth_test.go:12',
      '▌ assistant · 09:00:04',
      '  The clock is shared. Let me read it.',
      '  ⚙ Read file_path=clock.go',
      '▌ user · 09:00:06',
      '  Go on.',
      '▌ assistant · 09:00:07',
      '  ⚙ Edit file_path=clock.go',
    ]);
    // The header drawn for a call belongs to the call, and the cursor passes over it.
    const head = lines[2]!;
    expect(head).toMatchObject({ entry: 1, role: 'assistant', stop: false });
    expect(lines.filter((l) => l.stop === false)).toHaveLength(2);
  });
});

describe('checkpoints', () => {
  const entries: TranscriptEntry[] = [
    { kind: 'message', timestamp: T, role: 'user', text: 'first question before everything' },
    {
      kind: 'checkpoint',
      timestamp: '2026-11-20T09:30:00Z',
      tokenCount: 5400,
      messages: [{ role: 'system', content: 'Summary so far: the flake comes from a shared clock' }],
    },
    { kind: 'message', timestamp: '2026-11-20T09:31:00Z', role: 'assistant', text: 'after the checkpoint' },
  ];

  it('are a divider with the token count and time', () => {
    const divider = texts(transcript(entries)).find((l) => l.includes('checkpoint'));
    expect(divider).toMatch(/^──── checkpoint · 5\.4k tokens · 09:30 ─+$/);
    expect(displayWidth(divider ?? '')).toBe(60);
  });

  it('from-checkpoint mode hides what precedes the last checkpoint and shows its messages', () => {
    const all = texts(transcript(entries)).join('\n');
    expect(all).toContain('first question before everything');
    expect(all).not.toContain('Summary so far');
    const resumed = texts(transcript(entries), { fromCheckpoint: true });
    expect(resumed[0]).toMatch(/From checkpoint/);
    expect(resumed.join('\n')).not.toContain('first question before everything');
    expect(resumed.join('\n')).toContain('Summary so far: the flake comes from a shared clock');
    expect(resumed.join('\n')).toContain('after the checkpoint');
  });

  it('from-checkpoint mode without a checkpoint says the whole conversation is loaded', () => {
    const lines = texts(transcript([entries[0]!]), { fromCheckpoint: true });
    expect(lines[0]).toMatch(/No checkpoint/);
    expect(lines.join('\n')).toContain('first question before everything');
  });
});

describe('timelines and usage', () => {
  it('shows skill attempts with tier, model, duration, verdict and feedback', () => {
    const attempt = (n: number, verified: boolean, extra: Partial<TranscriptEntry & { kind: 'attempt' }> = {}): TranscriptEntry => ({
      kind: 'attempt', timestamp: T, skill: 'write-tests', invocation: 1, attempt: n, tier: 'local',
      model: 'qwen3-coder-30b', durationMs: 41_000, verdict: verified ? 'accept' : 'escalate', verified, ...extra,
    });
    const lines = texts(transcript([attempt(1, false, { feedback: 'tests do not compile' }), attempt(2, true)]), { width: 80 });
    expect(lines[0]).toContain('write-tests');
    expect(lines[1]).toBe('│ #1 local qwen3-coder-30b 41.0s ✗ escalate — tests do not compile');
    expect(lines[2]).toContain('#2');
    expect(lines[2]).toContain('✓ accept');
  });

  it('shows a usage entry as one compact line with its cost, unknown as ?', () => {
    const usage: TranscriptEntry = {
      kind: 'usage', timestamp: T, model: 'm', vendor: 'v', endpoint: 'e',
      tokens: makeTokens({ input: 900, output: 120 }), costMicros: null,
    };
    expect(texts(transcript([usage]))).toEqual(['  Σ 900 in / 120 out · ?']);
  });
});

describe('width and hostile text', () => {
  it('wraps CJK by display width and never exceeds it', () => {
    const cjk = '認証テストが十回に一回失敗します。原因を調べてください。'.repeat(4);
    for (const width of [7, 10, 21, 33]) {
      const parts = wrapLine(cjk, width);
      expect(parts.length).toBeGreaterThan(1);
      for (const p of parts) expect(displayWidth(p)).toBeLessThanOrEqual(width);
      expect(parts.join('')).toBe(cjk);
    }
  });

  it('wraps words at spaces', () => {
    expect(wrapLine('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('keeps every built line within the width', () => {
    const t = transcript([
      { kind: 'message', timestamp: T, role: 'user', text: '長い日本語のメッセージ '.repeat(30) },
      { ...call, arguments: JSON.stringify({ path: 'ディレクトリ/'.repeat(20) }) },
    ]);
    for (const line of texts(t, { width: 23, expanded: new Set([1]) })) expect(displayWidth(line)).toBeLessThanOrEqual(23);
  });

  it('renders escape sequences from the log as visible markers', () => {
    const t = transcript([{ kind: 'message', timestamp: T, role: 'assistant', text: 'ok\u001b]52;c;cGF3bmVk\u0007\u001b[2Jdone' }]);
    const out = texts(t).join('\n');
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('␛]52;c;cGF3bmVk␇␛[2Jdone');
  });
});
