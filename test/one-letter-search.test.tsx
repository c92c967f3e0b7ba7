// One letter searches the names of sessions (titles, ids, workspaces, models), not every word of
// every message (that would scan the whole index on the first key): two letters can find more, so
// the status line says what one letter searched.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { namesOnlyQuery } from '../src/store/search/session-search.js';
import { appSummary, fakeSource } from './helpers/fake-source.js';
import { cleanup, renderSized } from './helpers/render.js';

afterEach(cleanup);

describe('a one-letter search', () => {
  it('says it searched titles, and two letters search messages too', async () => {
    const sessions = [
      appSummary({ id: 'sess-a', title: 'Rate limiter for the API' }),
      appSummary({ id: 'sess-b', title: 'Fix the build' }),
    ];
    // "radix" is said only in sess-b's messages: "r" finds the title that starts with it, "ra" both.
    const source = fakeSource({ sessions, texts: { 'sess-b': 'we sorted it with a radix sort' } });
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 120, rows: 24 });
    await ui.waitFor('Rate limiter');
    ui.write('/');
    ui.write('r');
    const one = await ui.waitFor('for “r”');
    expect(one).toContain('1 match for “r” in titles');
    ui.write('a');
    const two = await ui.waitFor('for “ra”');
    expect(two).toContain('2 matches for “ra”');
    expect(two).not.toContain('in titles');
  });

  it('is one letter or digit alone, not an id prefix, a longer word or two words', () => {
    expect(['r', ' r ', '7'].map(namesOnlyQuery)).toEqual([true, true, true]);
    expect(['ra', 'r s', 'id:r', '日', ''].map(namesOnlyQuery)).toEqual([false, false, false, false, false]);
  });
});
