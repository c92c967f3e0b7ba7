import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResumePlan, Transcript, TranscriptEntry } from '../src/store/types.js';
import { SessionHarness as SessionScreen } from './helpers/session-harness.js';
import { matchRanges } from '../src/components/Replay.js';
import { commandLine } from '../src/components/ResumePreview.js';
import { displayWidth } from '../src/format/width.js';
import { cleanup, KEYS, renderSized } from './helpers/render.js';
import { makeEndpointUsage, makeSummary, makeTokens } from './helpers/summary.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

const summary = makeSummary({
  id: 'fix-auth',
  title: 'Fix flaky auth test',
  model: 'claude-sonnet-4.6',
  updatedAt: '2026-11-20T10:00:00Z',
  tokens: makeTokens({ input: 1200, output: 310, cacheRead: 800 }),
  costMicros: 12_300,
  endpoints: [
    makeEndpointUsage({
      vendor: 'anthropic', endpoint: 'https://api.anthropic.com/v1', calls: 2, costMicros: null,
      tokens: makeTokens({ input: 1200, output: 310 }), metrics: { ttft_ms: [420, 380, 500] },
    }),
  ],
});

function transcript(extra: TranscriptEntry[] = []): Transcript {
  const entries: TranscriptEntry[] = [
    { kind: 'message', timestamp: '2026-11-20T09:00:05Z', role: 'user', text: 'The auth test fails one run in ten.' },
    { kind: 'tool_call', timestamp: '2026-11-20T09:00:09Z', id: 'c1', name: 'read_file', arguments: '{"path":"auth_test.go"}' },
    { kind: 'checkpoint', timestamp: '2026-11-20T09:30:00Z', tokenCount: 5400, messages: [{ role: 'system', content: 'Summary: shared clock' }] },
    { kind: 'message', timestamp: '2026-11-20T09:31:00Z', role: 'assistant', text: 'The auth clock is shared.' },
    ...extra,
  ];
  return { summary, entries, resumeContext: [], lastCheckpointIndex: 2 };
}

const plan: ResumePlan = {
  sessionId: 'fix-auth', checkpoint: { timestamp: '2026-11-20T09:30:00Z', tokenCount: 5400 }, messagesAfter: 1,
  contextMessages: 2, estimatedContextTokens: 5410, argv: ['agent', '--resume', 'fix-auth', 'two words'],
  cwd: '/home/ana/app', workspace: '/home/ana/app', workspaceProblem: null, cwdLabel: null, commandSource: 'flag', cacheWarmUntil: '2026-11-20T12:03:20Z',
};

function screen(over: Partial<React.ComponentProps<typeof SessionScreen>> = {}) {
  const props = {
    summary, load: () => Promise.resolve(transcript()), plan, width: 80, height: 16, nowMs: NOW, isActive: true,
    onBack: vi.fn(), onResume: vi.fn(), ...over,
  };
  return { props, app: renderSized(<SessionScreen {...props} />, { columns: props.width, rows: props.height }) };
}

function expectFits(frame: string, width: number, height: number): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
}

afterEach(cleanup);

describe('SessionScreen', () => {
  it('shows the header, the folded tool call and the checkpoint divider within its size', async () => {
    const { app } = screen();
    const frame = await app.waitFor('checkpoint · 5.4k tokens · 09:30');
    expect(frame).toContain('Fix flaky auth test · fix-auth · store · claude-sonnet-4.6 · 2h ago');
    expect(frame).toContain('⚙ read_file path=auth_test.go');
    expectFits(frame, 80, 16);
  });

  it('tells where the cursor is in a transcript longer than the screen', async () => {
    const many: TranscriptEntry[] = Array.from({ length: 40 }, (_, i) => ({ kind: 'message', timestamp: null, role: 'user', text: `line ${i}` }));
    const { app } = screen({ load: () => Promise.resolve(transcript(many)) });
    const first = await app.waitFor(/line 1\/\d+ \(\d+%\)/);
    const total = /line 1\/(\d+)/.exec(first)![1];
    const last = await app.press('G', `line ${total}/${total} (100%)`);
    expectFits(last, 80, 16);
  });

  it('acts on each key of a run typed faster than one read', async () => {
    const many: TranscriptEntry[] = Array.from({ length: 40 }, (_, i) => ({ kind: 'message', timestamp: null, role: 'user', text: `line ${i}` }));
    const { app } = screen({ load: () => Promise.resolve(transcript(many)) });
    await app.waitFor(/line 1\/\d+ /);
    // Day line, prompt's header, prompt, then the call (its assistant header, line 4, is passed over).
    await app.press('jjj', /line 5\/\d+ /);
  });

  it('keeps a search word typed in the same read as "/"', async () => {
    const { app } = screen();
    await app.waitFor('checkpoint');
    await app.press('/clock', (f) => f.includes('/clock'));
    const frame = await app.press(KEYS.enter, 'search "clock"');
    expect(frame).toMatch(/search "clock": match 1\/2 · n\/N/);
  });

  it('a search that finds nothing says so', async () => {
    const { app } = screen();
    await app.waitFor('checkpoint');
    await app.press('/zanzibar', (f) => f.includes('/zanzibar'));
    const frame = await app.press(KEYS.enter, 'search "zanzibar"');
    expect(frame).toContain('search "zanzibar": no matches · Esc clears');
  });

  it('switches to the Usage and Resume tabs with keys and numbers', async () => {
    const { app } = screen();
    await app.waitFor('checkpoint');
    let frame = await app.press('2', 'By endpoint');
    const row = frame.split('\n').find((l) => l.startsWith('anthropic')) ?? '';
    expect(row).toContain('https://api.'); // the URL shrinks first when the table is too wide
    expect(row).toMatch(/ \? /); // unknown cost
    expect(frame).toContain('420ms'); // p50 time to first token
    frame = await app.press(KEYS.tab, 'Enter runs');
    expect(frame).toContain("agent --resume fix-auth 'two words'");
    expect(frame).toContain('without a shell');
    expect(frame).toContain('warm for 3m 20s more');
    expectFits(frame, 80, 16);
    await app.press(KEYS.shiftTab, 'By endpoint');
  });

  it('says when the recorded workspace does not exist here', async () => {
    const { app } = screen({ plan: { ...plan, cwd: null, workspace: '/home/ana/gone', workspaceProblem: 'no longer exists' } });
    const frame = await app.press('3', 'Directory');
    expect(frame.replace(/\s+/g, ' ')).toMatch(/refuses to resume \(the recorded workspace \/home\/ana\/gone no longer exists\)/);
    expect(frame).toContain('then 1 message recorded after it');
  });

  it('Esc calls onBack, Enter calls onResume', async () => {
    const { app, props } = screen();
    await app.waitFor('checkpoint');
    app.write(KEYS.enter);
    await vi.waitFor(() => expect(props.onResume).toHaveBeenCalledTimes(1));
    app.write(KEYS.escape);
    await vi.waitFor(() => expect(props.onBack).toHaveBeenCalledTimes(1));
  });

  it('Esc first closes the transcript search, then goes back', async () => {
    const { app, props } = screen();
    await app.waitFor('checkpoint');
    await app.press('/', (f) => /^\/ ?/m.test(f.split('\n').at(-2) ?? ''));
    await app.press('auth', '/auth');
    // Three lines drawn, and the call's arguments folded away ("path": "auth_test.go").
    await app.press(KEYS.enter, 'search "auth": match 1/4');
    await app.press('n', 'match 2/4');
    await app.press(KEYS.escape, (f) => !f.includes('search "auth"'));
    expect(props.onBack).not.toHaveBeenCalled();
    app.write(KEYS.escape);
    await vi.waitFor(() => expect(props.onBack).toHaveBeenCalledTimes(1));
  });

  it('f shows only what a resume loads, Space unfolds the selected tool call', async () => {
    const { app } = screen();
    await app.waitFor('checkpoint');
    app.write(KEYS.down); // past the day line
    app.write(KEYS.down);
    await app.press(KEYS.down, '›  ⚙ read_file');
    await app.press(' ', '"path": "auth_test.go"');
    const frame = await app.press('f', 'From checkpoint');
    expect(frame).toContain('Summary: shared clock');
    expect(frame).not.toContain('fails one run in ten');
  });

  it('renders only the visible window of a long transcript and jumps to the end with G', async () => {
    const many: TranscriptEntry[] = Array.from({ length: 500 }, (_, i) => ({
      kind: 'message', timestamp: null, role: i % 2 ? 'assistant' : 'user', text: `message number ${i}`,
    }));
    const { app } = screen({ load: () => Promise.resolve(transcript(many)), height: 12, width: 60 });
    await app.waitFor('checkpoint');
    const frame = await app.press('G', 'message number 499');
    expect(frame).not.toContain('message number 1\n');
    expectFits(frame, 60, 12);
  });

  it('shows a load error as a view, not a stack trace', async () => {
    const { app } = screen({ load: () => Promise.reject(new Error('EACCES: permission denied')) });
    const frame = await app.waitFor('Could not load this session');
    expect(frame).toContain('EACCES: permission denied');
    expect(frame).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('pieces of the screen', () => {
  it('highlights every word of the query, smart case', () => {
    expect(matchRanges('The Auth test, auth again', 'auth test')).toEqual([[4, 8], [9, 13], [15, 19]]);
    expect(matchRanges('The Auth test, auth again', 'Auth')).toEqual([[4, 8]]);
  });

  it('shows the argv shell-quoted with hostile characters as markers', () => {
    expect(commandLine(['agent', '--resume', "it's", 'a\u001b[2Jb'])).toBe("agent --resume 'it'\\''s' 'a␛[2Jb'");
  });
});

describe('a search of a big transcript goes on in slices', () => {
  /** 6,000 messages (more lines than one slice reads), the word to find only in the last one. */
  const big = (): TranscriptEntry[] =>
    Array.from({ length: 6000 }, (_, i) => ({ kind: 'message' as const, timestamp: '2026-11-20T09:40:00Z', role: i % 2 ? ('assistant' as const) : ('user' as const), text: i === 5999 ? 'the needle is here' : `filler line ${i}` }));

  it('says "searching…" while it runs, keeps reading keys, then jumps to the hit and counts it', async () => {
    const { app } = screen({ load: () => Promise.resolve(transcript(big())), searchNowMs: 0, height: 20 });
    await app.waitFor('checkpoint');
    await app.press('/needle', (f) => f.includes('/needle'));
    await app.press(KEYS.enter, 'searching…');
    const done = await app.waitFor('match 1/1');
    expect(done).toContain('the needle is here');
  });

  it('Esc during the search drops it: no jump, no count', async () => {
    const { app } = screen({ load: () => Promise.resolve(transcript(big())), searchNowMs: 0, height: 20 });
    await app.waitFor('checkpoint');
    await app.press('/needle', (f) => f.includes('/needle'));
    await app.press(KEYS.enter, 'searching…');
    const frame = await app.press(KEYS.escape, (f) => !f.includes('searching…') && !f.includes('search "needle"'));
    expect(frame).not.toContain('match 1/1');
    // A new search afterwards finds its own word, not the dropped one's.
    await app.press('/filler line 3', (f) => f.includes('/filler line 3'));
    const next = await app.press(KEYS.enter, /match 1\/\d+/);
    expect(next).toContain('filler line 3');
  });
});

