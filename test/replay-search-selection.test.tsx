/**
 * The transcript search (`/` in an opened session) reopens on the last
 * query selected, as the rename box opens on the old name: typing replaces
 * it (it used to append to it: "auth" then "/clock" searched "authclock"),
 * a cursor key or Backspace keeps it to edit, and the selection is drawn in
 * inverse video so the user sees that the next letter replaces it.
 */
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResumePlan, Transcript } from '../src/store/types.js';
import { SessionHarness as SessionScreen } from './helpers/session-harness.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';
import { makeSummary } from './helpers/summary.js';
import { useColours } from './helpers/colours.js';

afterEach(cleanup);

const summary = makeSummary({ id: 'fix-auth', title: 'Fix flaky auth test', updatedAt: '2026-11-20T10:00:00Z' });

const transcript = (): Transcript => ({
  summary,
  entries: [
    { kind: 'message', timestamp: '2026-11-20T09:00:05Z', role: 'user', text: 'The auth test fails one run in ten.' },
    { kind: 'message', timestamp: '2026-11-20T09:31:00Z', role: 'assistant', text: 'The auth clock is shared.' },
  ],
  resumeContext: [],
  lastCheckpointIndex: -1,
});

const plan: ResumePlan = {
  sessionId: 'fix-auth', checkpoint: null, messagesAfter: 2, contextMessages: 2, estimatedContextTokens: 20, argv: ['agent'],
  cwd: '/home/ana/app', workspace: '/home/ana/app', workspaceProblem: null, cwdLabel: null, commandSource: 'flag', cacheWarmUntil: null,
};

/** Strips colours and styles. */
const plain = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
/** The search box's line as drawn (styles kept when colours are on), or undefined when it is closed. */
const boxLine = (f: string): string | undefined => frameLines(f).find((l) => plain(l).startsWith('/'));
/** The search box's text, the cursor mark removed. */
const boxText = (f: string): string | undefined => {
  const line = boxLine(f);
  return line === undefined ? undefined : plain(line).slice(1).replace('▌', '').trimEnd();
};

/** An opened session (one row short of the terminal, as the app draws it) whose search already ran once for "auth": the box is closed, the status names the query. */
async function searchedOnce(columns = 80, rows = 16) {
  const app = renderSized(
    <SessionScreen summary={summary} load={() => Promise.resolve(transcript())} plan={plan} width={columns} height={rows - 1} nowMs={Date.parse('2026-11-20T12:00:00Z')} isActive onBack={vi.fn()} onResume={vi.fn()} />,
    { columns, rows },
  );
  await app.waitFor('auth clock');
  await app.press('/', (f) => boxText(f) === '');
  await app.press('auth', (f) => boxText(f) === 'auth');
  await app.press(KEYS.enter, 'search "auth": match 1/');
  return app;
}

describe('the transcript search reopens on the last query selected', () => {
  for (const [columns, rows] of [[80, 16], [140, 40]] as const) {
    it(`typing after / replaces the last query (${columns}x${rows})`, async () => {
      const app = await searchedOnce(columns, rows);
      await app.press('/', (f) => boxText(f) === 'auth');
      const typed = await app.press('clock', (f) => boxText(f) === 'clock');
      expectFits(typed, columns, rows);
      await app.press(KEYS.enter, 'search "clock": match 1/1');
    });
  }

  it('a cursor key first keeps the last query and types into it', async () => {
    const app = await searchedOnce();
    await app.press('/', (f) => boxText(f) === 'auth');
    await app.press(`${KEYS.left}x`, (f) => boxText(f) === 'autxh');
    await app.press(KEYS.escape, (f) => boxText(f) === undefined);
    await app.press('/', (f) => boxText(f) === 'auth');
    await app.press('\u001b[F clock', (f) => boxText(f) === 'auth clock');
    await app.press(KEYS.enter, 'search "auth clock": match 1/1');
  });

  it('Backspace first edits the last query from its end', async () => {
    const app = await searchedOnce();
    await app.press('/', (f) => boxText(f) === 'auth');
    await app.press(`${KEYS.backspace}${KEYS.backspace}${KEYS.backspace}${KEYS.backspace}clock`, (f) => boxText(f) === 'clock');
    await app.press(KEYS.enter, 'search "clock": match 1/1');
  });
});

describe('the selection is visible', () => {
  // Inverse video is what the user sees: colours on for this block.
  useColours();

  it('the last query is drawn in inverse video until the first key, then plain', async () => {
    const app = await searchedOnce();
    const opened = await app.press('/', (f) => boxText(f) === 'auth');
    expect(boxLine(opened)).toContain('\u001b[7mauth\u001b[27m');
    const moved = await app.press(KEYS.left, (f) => !boxLine(f)?.includes('\u001b[7mauth'));
    // The cursor now sits on the last letter: only it is inverted.
    expect(boxLine(moved)).toContain('aut\u001b[7mh\u001b[27m');
  });
});
