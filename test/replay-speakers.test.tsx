/**
 * The session screen on a Claude Code session opened as the browser opens
 * it (windowed, big outputs left in the log): an assistant turn that is
 * only a tool call sits under the assistant's header, the cursor and Space
 * still act on the call, the search finds text inside a folded output and
 * unfolds it, and unfolding shows the body, not a header alone at the
 * bottom. At 80x24 and 160x50.
 */
import React from 'react';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { sourceLocations } from '../src/store/sources/registry.js';
import type { ResumePlan, TranscriptView } from '../src/store/types.js';
import { SessionHarness as SessionScreen } from './helpers/session-harness.js';
import { cleanup, KEYS, renderSized } from './helpers/render.js';

const ID = '5e55a000-0000-4000-8000-0000000000aa';
const NOW = Date.parse('2026-01-02T12:00:00Z');
const envelope = { cwd: '/work/app', sessionId: ID, version: '2.1.39', gitBranch: 'main', isSidechain: false, userType: 'external' };
const usage = { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
/** A test run's output: 120 lines (over 2 KB, so the windowed view leaves it in the log), one of them deep inside. */
const OUTPUT = Array.from({ length: 120 }, (_, i) => (i === 90 ? 'FAIL TestClockSkew: the shared clock drifted by 3s' : `ok  \tpkg/mod${i}\t0.${i}s`)).join('\n');

function assistant(n: number, ts: string, content: object[]): object {
  return { ...envelope, type: 'assistant', uuid: `a${n}`, timestamp: ts, requestId: `req_${n}`, message: { model: 'claude-sonnet-4-5-20250929', id: `msg_${n}`, type: 'message', role: 'assistant', content, usage } };
}

const records = [
  { ...envelope, type: 'user', uuid: 'u1', timestamp: '2026-01-02T10:00:01Z', message: { role: 'user', content: 'Run the tests and tell me what fails.' } },
  // Claude Code writes a turn that is only a call as an assistant record holding the tool_use alone.
  assistant(1, '2026-01-02T10:00:02Z', [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'go test ./...', description: 'Run every test' } }]),
  { ...envelope, type: 'user', uuid: 'u2', timestamp: '2026-01-02T10:00:09Z', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: OUTPUT, is_error: false }] } },
  assistant(2, '2026-01-02T10:00:12Z', [{ type: 'text', text: 'One test fails: the clock test.' }]),
];

let dir: string;
let view: TranscriptView;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-speakers-'));
  const project = join(dir, 'projects', '-work-app');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, `${ID}.jsonl`), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const catalog = new SessionCatalog({ home: '/nonexistent/sb-home', cache: new SummaryCache(null), locations: sourceLocations(['claude'], { claude: { dir, named: true } }) });
  const { sessions } = await catalog.summaries(null, { includeEmpty: true });
  view = await catalog.transcriptView(sessions[0]!);
  return () => rmSync(dir, { recursive: true, force: true });
});

afterEach(cleanup);

const plan: ResumePlan = {
  sessionId: ID, checkpoint: null, messagesAfter: 0, contextMessages: 0, estimatedContextTokens: 0, argv: ['claude', '--resume', ID],
  cwd: '/work/app', workspace: '/work/app', workspaceProblem: null, cwdLabel: null, commandSource: 'flag', cacheWarmUntil: null,
};

function open(columns: number, rows: number) {
  const props = { summary: view.summary, load: () => Promise.resolve(view), plan, width: columns, height: rows, nowMs: NOW, isActive: true, onBack: vi.fn(), onResume: vi.fn() };
  return renderSized(<SessionScreen {...props} />, { columns, rows });
}

/** The replay's rows: between the tabs and the status lines, gutter kept. */
const body = (frame: string): string[] => frame.split('\n').slice(2);

describe.each([[80, 24], [160, 50]])('a Claude session at %ix%i', (columns, rows) => {
  it("draws a call made without text under the assistant's header; j stops on the call and Space folds it", async () => {
    const app = open(columns, rows);
    const frame = await app.waitFor('⚙ Bash');
    const lines = body(frame);
    const call = lines.findIndex((l) => l.includes('⚙ Bash command=go test ./...'));
    expect(lines[call - 1]).toBe(' ▌ assistant · 10:00:02');
    expect(lines.slice(0, call - 1).some((l) => l.includes('▌ user · 10:00:01'))).toBe(true);
    // The output that answers it is under the same header (named by its call): no second one.
    expect(lines[call + 1]).toMatch(/^ {3}↳ Bash: ok/);
    // Day line, user header, prompt, then the call: the header is passed over.
    app.write('j');
    app.write('j');
    let shown = await app.press('j', '›  ⚙ Bash');
    expect(shown).not.toContain('›▌');
    shown = await app.press(' ', '"command": "go test ./..."');
    expect(shown).toContain('›  ⚙ Bash');
    shown = await app.press(' ', (f) => !f.includes('"command"'));
    expect(shown).toContain('›  ⚙ Bash');
    // k goes back over the header to the prompt.
    shown = await app.press('k', '›  Run the tests');
    for (const line of shown.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
  });

  it('search finds a line inside a folded output, unfolds it, counts "match 1/1", and Space keeps the count', async () => {
    const app = open(columns, rows);
    await app.waitFor('⚙ Bash');
    await app.press('/', (f) => /^\/ ?/m.test(f.split('\n').at(-2) ?? ''));
    await app.press('TestClockSkew', '/TestClockSkew');
    let frame = await app.press(KEYS.enter, 'match 1/1');
    expect(frame).toContain('›    FAIL TestClockSkew: the shared clock drifted by 3s');
    expect(frame).toContain('search "TestClockSkew": match 1/1 · n/N · Esc clears');
    // Space folds the output back: the count stays, and n unfolds it again.
    frame = await app.press(' ', (f) => !f.includes('FAIL TestClockSkew'));
    expect(frame).toContain('match 1/1');
    frame = await app.press('n', '›    FAIL TestClockSkew');
    expect(frame).toContain('match 1/1');
  });

  it('a near spelling is found and said to be one: "similar:"', async () => {
    const app = open(columns, rows);
    await app.waitFor('⚙ Bash');
    await app.press('/', (f) => /^\/ ?/m.test(f.split('\n').at(-2) ?? ''));
    await app.press('drifed', '/drifed');
    const frame = await app.press(KEYS.enter, 'search "drifed"');
    expect(frame).toContain('search "drifed": match 1/1 · similar: drifted · n/N');
    expect(frame).toContain('›    FAIL TestClockSkew');
  });
});

describe('unfolding at the bottom of the screen', () => {
  it('scrolls the output into sight instead of leaving its header alone on the last row', async () => {
    const app = open(80, 12);
    await app.waitFor('⚙ Bash');
    // To the folded output, on the last rows of a short screen.
    app.write('jjj');
    let frame = await app.press('j', '›  ↳ Bash');
    // It sits near the bottom: unfolded in place, its body would be below the screen.
    expect(body(frame).findIndex((l) => l.startsWith('›  ↳ Bash'))).toBeGreaterThanOrEqual(4);
    frame = await app.press(' ', 'pkg/mod2 ');
    const lines = body(frame);
    // The output is taller than the screen: its header goes to the top, its first lines fill the rest.
    expect(lines[0]).toBe('›  ↳ Bash:');
    expect(lines[1]).toMatch(/^ {5}ok {6}pkg\/mod0 /);
    expect(lines[7]).toContain('pkg/mod6');
  });
});
