/**
 * Opening a session of any size (issue 9, "opening a 1 GB session"): the
 * browser holds each entry's small fields and reads a big text back from
 * the log only when it is drawn. These tests show that what the windowed
 * transcript draws is what the whole transcript draws, that it still
 * scrolls to its end and searches, and that what it holds read back stays
 * under its cap however far one scrolls.
 */
import React from 'react';
import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateLargeSession, type LargeSession } from '../fixtures/generate.js';
import { indexTranscript } from '../src/store/scan/transcript-index.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { buildReplayLines, type ReplayLineOptions } from '../src/format/replay-lines.js';
import { ReplayLines } from '../src/format/replay-window.js';
import { findInTranscript, unfoldedLines } from '../src/store/search/transcript-find.js';
import { findTranscriptLines } from '../src/store/search/transcript.js';
import type { ResumePlan } from '../src/store/types.js';
import { SessionHarness as SessionScreen } from './helpers/session-harness.js';
import { cleanup, KEYS, renderSized } from './helpers/render.js';
import { readOpts, tempHome, type TempHome, NOW } from './helpers/session-files.js';

const SECRET = 'sk-proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';

let home: TempHome;
let session: LargeSession;

/** ~100 turns with 3 KB tool outputs (each held cut), then a big assistant message and a big result that starts with a key. */
beforeEach(() => {
  home = tempHome();
  session = generateLargeSession({ home: home.home, bytes: 400_000, toolOutputBytes: 3000, checkpointEvery: 10, now: NOW });
  const ts = new Date(NOW - 1000).toISOString();
  const big = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1} of the closing answer, long enough to wrap on a narrow screen.`).join('\n');
  const lines = [
    { type: 'message', timestamp: ts, message: { role: 'user', content: 'Sum it up.' } },
    { type: 'message', timestamp: ts, message: { role: 'assistant', content: `${big}\nFINAL-MARKER closes the session.`, tool_calls: [{ id: 'call_last', name: 'read_file', arguments: '{"path":"keys.txt"}' }] } },
    { type: 'message', timestamp: ts, message: { role: 'tool', tool_call_id: 'call_last', name: 'read_file', content: `key ${SECRET}\n${'x'.repeat(80)}\n`.repeat(40) } },
  ];
  appendFileSync(session.path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return () => home.cleanup();
});

afterEach(cleanup);

const texts = (lines: { text: string }[]): string[] => lines.map((l) => l.text);

describe('a windowed transcript', () => {
  it('reads every big entry back as the whole read gives it, and holds the big ones cut', async () => {
    const whole = await loadTranscript(session.path, readOpts());
    const view = await indexTranscript(session.path, readOpts());
    expect(view.count).toBe(whole.entries.length);
    expect(view.lastCheckpointIndex).toBe(whole.lastCheckpointIndex);
    // Every tool output (3 KB), the closing answer and the last result are left in the log.
    expect(view.cutCount).toBe(session.turns + 2);
    for (let i = 0; i < view.count; i++) expect(view.whole(i)).toEqual(whole.entries[i]);
    expect(view.summary).toEqual(whole.summary);
  });

  it('draws the same lines as the whole transcript: folded, unfolded, shown whole, from the checkpoint, secrets masked', async () => {
    const whole = await loadTranscript(session.path, readOpts());
    const view = await indexTranscript(session.path, readOpts());
    const results = whole.entries.flatMap((e, i) => (e.kind === 'message' && e.role === 'tool' ? [i] : []));
    const last = whole.entries.length - 1;
    const cases: ReplayLineOptions[] = [
      { width: 80, expanded: new Set(), fromCheckpoint: false },
      { width: 37, expanded: new Set([results[0]!, results[5]!, last]), fromCheckpoint: false, full: new Set([last - 1]), moreHint: 'press v to show all' },
      { width: 80, expanded: new Set(), fromCheckpoint: true, tz: 'Asia/Tokyo' },
      { width: 80, expanded: new Set([last]), fromCheckpoint: false, revealSecrets: true },
    ];
    for (const opts of cases) {
      const want = texts(buildReplayLines(whole, opts));
      const lines = new ReplayLines(view, opts);
      expect(lines.count).toBe(want.length);
      expect(texts(lines.slice(0, lines.count))).toEqual(want);
    }
    // The key in the last result's folded lines is masked (its fold was made from the whole text).
    const folded = texts(new ReplayLines(view, cases[0]!).slice(0, Infinity)).join('\n');
    expect(folded).toContain('key ');
    expect(folded).not.toContain(SECRET);
  });

  it('scrolls page by page to its end with only a window read back, and search finds text anywhere, folded or not', async () => {
    const view = await indexTranscript(session.path, { ...readOpts(), wholeCache: 8 });
    const all = new Set(Array.from({ length: view.count }, (_, i) => i));
    // Everything unfolded: every page draws tool outputs read back from the log.
    const lines = new ReplayLines(view, { width: 80, expanded: all, fromCheckpoint: false });
    let seenEnd = false;
    let mostHeld = 0;
    for (let top = 0; top < lines.count; top += 40) {
      const page = texts(lines.slice(top, top + 40)).join('\n');
      seenEnd ||= page.includes('FINAL-MARKER closes the session.');
      mostHeld = Math.max(mostHeld, view.wholeHeld);
    }
    expect(seenEnd).toBe(true);
    expect(mostHeld).toBeGreaterThan(0);
    expect(mostHeld).toBeLessThanOrEqual(8);
    expect(lines.wholeLinesHeld).toBeLessThanOrEqual(256);
    // The search reads every entry whole, folded or not, each read back in turn: the cache stays under its cap.
    const opts = { width: 80, fromCheckpoint: false };
    const hits = findInTranscript(view, opts, `Turn ${session.turns} answered`);
    expect(hits.count).toBe(1);
    expect(unfoldedLines(view, hits.hit(0).entry, opts, 0)[hits.hit(0).offset]).toContain(`Turn ${session.turns} answered`);
    const deep = findInTranscript(view, opts, `logs/part-${session.turns}.log`);
    expect(deep.count).toBeGreaterThan(0);
    expect(view.cutCount).toBeGreaterThan(0);
    expect(view.wholeHeld).toBeLessThanOrEqual(8);
  });
});

describe('the search over a windowed transcript', () => {
  it('finds what a search of every line drawn unfolded finds, exact or near, though it draws only the entries that may hold a hit', async () => {
    const view = await indexTranscript(session.path, readOpts());
    const opts = { width: 60, fromCheckpoint: false };
    const lines: string[] = [];
    const where: string[] = [];
    for (let i = 0; i < view.count; i++) unfoldedLines(view, i, opts, 0).forEach((t, o) => (lines.push(t), where.push(`${i}:${o}`)));
    for (const q of ['answered', 'Turn 7', 'FINAL-MARKER closes', 'read_file path', 'Paragrph', 'zzqqxx']) {
      const brute = findTranscriptLines(lines, q);
      const hits = findInTranscript(view, opts, q);
      expect(Array.from({ length: hits.count }, (_, k) => `${hits.hit(k).entry}:${hits.hit(k).offset}`), q).toEqual(brute.lines.map((l) => where[l]));
      if (hits.count > 0) expect(hits.similar === null, q).toBe(brute.exact);
    }
  });
});

describe('the session screen on a windowed transcript', () => {
  const plan: ResumePlan = {
    sessionId: session?.id ?? 'x', checkpoint: null, messagesAfter: 0, contextMessages: 0, estimatedContextTokens: 0, argv: ['agent'],
    cwd: '/tmp', workspace: '/tmp', workspaceProblem: null, cwdLabel: null, commandSource: 'flag', cacheWarmUntil: null,
  };

  it('jumps to the end, searches, and unfolds a result read back from the log', async () => {
    const view = await indexTranscript(session.path, readOpts());
    const props = { summary: view.summary, load: () => Promise.resolve(view), plan, width: 100, height: 30, nowMs: NOW, isActive: true, onBack: vi.fn(), onResume: vi.fn() };
    const app = renderSized(<SessionScreen {...props} />, { columns: 100, rows: 30 });
    await app.waitFor('Turn 1: ');
    await app.press('G', 'FINAL-MARKER closes the session.');
    await app.press('g', 'Turn 1: ');
    await app.press('/', (f) => /^\/ ?/m.test(f.split('\n').at(-2) ?? ''));
    await app.press(`Turn ${session.turns} answered`, `/Turn ${session.turns} answered`);
    await app.press(KEYS.enter, `match 1/1`);
    // Down to the answer's tool output, then Space: its 3 KB are read back from the log and drawn.
    let frame = '';
    for (let i = 0; i < 6 && !frame.includes('›  ↳ read_file'); i++) frame = await app.press('j', /line \d+\//);
    expect(frame).toContain('›  ↳ read_file');
    expect(frame).not.toMatch(/ {4,}5 {2}\S/);
    app.write(' ');
    frame = await app.press('jjjjjjjj', / {4,}5 {2}\S/);
    expect(frame).toContain(`logs/part-${session.turns}.log`);
  });
});
