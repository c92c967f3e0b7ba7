/**
 * The rename box (`R`) opens on the old name selected, as lazygit's and VS
 * Code's rename do: typing replaces it whole, unless the cursor moved or
 * Backspace was pressed first, and the selection is drawn in inverse video
 * so the user sees that the next letter replaces it.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { applyEdit, lineSelected, type LineEdit } from '../src/components/line-editor.js';

import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';
import { useColours } from './helpers/colours.js';

afterEach(cleanup);

const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: new Date(NOW - 3_600_000).toISOString() }),
  appSummary({ id: 'sess-dark', title: 'Add dark mode', updatedAt: new Date(NOW - 7_200_000).toISOString() }),
];

/** The rename box's line as drawn (escape sequences kept when colours are on). */
const renameLine = (f: string): string | undefined => frameLines(f).find((l) => l.replace(/\u001b\[[0-9;]*m/g, '').startsWith('rename: '));
/** The rename box's text, styles and the cursor mark removed. */
const renameText = (f: string): string | undefined =>
  renameLine(f)
    ?.replace(/\u001b\[[0-9;]*m/g, '')
    .slice('rename: '.length)
    .replace('▌', '')
    .trimEnd();

function openRename(columns = 80, rows = 24) {
  const source = fakeSource({ sessions: SESSIONS });
  const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
  return { ui, source };
}

describe('the line editor: a selected prefill', () => {
  const run = (...edits: LineEdit[]) => edits.reduce(applyEdit, lineSelected('Fix login bug'));

  it('a typed letter or a paste replaces the whole selected text', () => {
    expect(run({ type: 'insert', text: 'A' })).toEqual({ text: 'A', cursor: 1 });
    expect(run({ type: 'insert', text: 'Auth' }, { type: 'insert', text: ' flow' })).toEqual({ text: 'Auth flow', cursor: 9 });
  });

  it('a cursor key or Backspace drops the selection and keeps the old text to edit', () => {
    expect(run({ type: 'left' }, { type: 'insert', text: 'x' })).toEqual({ text: 'Fix login buxg', cursor: 13 });
    expect(run({ type: 'right' }, { type: 'insert', text: 's' })).toEqual({ text: 'Fix login bugs', cursor: 14 });
    expect(run({ type: 'end' }, { type: 'insert', text: 's' })).toEqual({ text: 'Fix login bugs', cursor: 14 });
    expect(run({ type: 'start' }, { type: 'insert', text: '!' })).toEqual({ text: '!Fix login bug', cursor: 1 });
    expect(run({ type: 'backspace' }, { type: 'insert', text: 'g' })).toEqual({ text: 'Fix login bug', cursor: 13 });
    expect(run({ type: 'kill-word' }, { type: 'insert', text: 'flaw' })).toEqual({ text: 'Fix login flaw', cursor: 14 });
  });

  it('an empty prefill has nothing to select', () => {
    expect(lineSelected('')).toEqual({ text: '', cursor: 0 });
  });
});

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`the rename box at ${columns}x${rows}`, () => {
    it('typing after R replaces the old name, and Enter saves only what was typed', async () => {
      const { ui, source } = openRename(columns, rows);
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      const typed = await ui.press('Auth flow', (f) => renameText(f) === 'Auth flow');
      expectFits(typed, columns, rows);
      await ui.press(KEYS.enter, (f) => f.includes('Renamed to “Auth flow”'));
      expect(source.labels?.().get('sess-login')).toEqual({ name: 'Auth flow' });
    });

    it('← or End first keeps the old name and types into it', async () => {
      const { ui } = openRename(columns, rows);
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      await ui.press(`${KEYS.left}x`, (f) => renameText(f) === 'Fix login buxg');
      await ui.press(KEYS.escape, (f) => renameText(f) === undefined);
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      await ui.press('\u001b[Fs', (f) => renameText(f) === 'Fix login bugs');
    });

    it('Backspace first edits the old name from its end', async () => {
      const { ui } = openRename(columns, rows);
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      await ui.press(`${KEYS.backspace}${KEYS.backspace}${KEYS.backspace}flow`, (f) => renameText(f) === 'Fix login flow');
    });
  });
}

describe('the selection is visible', () => {
  // Inverse video is what the user sees: colours on for this block.
  useColours();

  it('the old name is drawn in inverse video until the first key, then plain', async () => {
    const { ui } = openRename();
    await ui.waitFor('Fix login bug');
    const opened = await ui.press('R', (f) => renameText(f) === 'Fix login bug');
    expect(renameLine(opened)).toContain('\u001b[7mFix login bug\u001b[27m');
    const moved = await ui.press(KEYS.left, (f) => !renameLine(f)?.includes('\u001b[7mFix login bug'));
    // The cursor now sits on the last letter: only it is inverted.
    expect(renameLine(moved)).toContain('Fix login bu\u001b[7mg\u001b[27m');
  });
});
