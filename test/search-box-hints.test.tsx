/**
 * The search box's help bar says how to leave it for as long as the box has
 * the keys: an empty box (just opened with `/`, or every letter erased)
 * dropped `esc done`, leaving a new user no way out that the screen named.
 * The list's `esc clear filter` still shows only while there is a filter
 * to clear.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: new Date(NOW - 3_600_000).toISOString() }),
  appSummary({ id: 'sess-dark', title: 'Add dark mode', updatedAt: new Date(NOW - 7_200_000).toISOString() }),
];

/** The help bar: the frame's last line with text. */
const helpBar = (frame: string): string => frameLines(frame).filter((l) => l.trim() !== '').at(-1) ?? '';
const box = (frame: string): string | undefined => frameLines(frame).find((l) => l.startsWith('search: '));

describe.each([
  [80, 24],
  [120, 30],
])('at %ix%i', (columns, rows) => {
  it('keeps `esc done` while the search box is focused, empty or not', async () => {
    const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => {}} />, { columns, rows });
    await ui.waitFor('Fix login bug');
    expect(helpBar(ui.lastFrame())).not.toContain('esc'); // the list, no filter: Esc would quit, q says so

    const opened = await ui.press('/', (f) => box(f) !== undefined);
    expect(helpBar(opened)).toContain('esc done');

    const typed = await ui.press('dark', (f) => box(f)?.includes('dark') === true && !f.includes('Fix login bug'));
    expect(helpBar(typed)).toContain('esc done');

    const erased = await ui.press(`${KEYS.backspace}${KEYS.backspace}${KEYS.backspace}${KEYS.backspace}`, (f) => f.includes('Fix login bug') && box(f)?.includes('dark') === false);
    expect(helpBar(erased)).toContain('esc done');

    // Esc leaves the empty box: the list again, with no filter to clear.
    const left = await ui.press(KEYS.escape, (f) => box(f) === undefined && !helpBar(f).includes('esc done'));
    expect(helpBar(left)).not.toContain('esc');
  });

  it('in the list, names Esc as clearing the filter only while one is set', async () => {
    const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => {}} />, { columns, rows });
    await ui.waitFor('Fix login bug');
    await ui.press('/dark', (f) => !f.includes('Fix login bug'));
    const filtered = await ui.press(KEYS.escape, (f) => !helpBar(f).includes('esc done'));
    expect(helpBar(filtered)).toContain('esc clear filter');
  });
});
