/**
 * A big append's text goes into the index a few turns after the refresh
 * that read it (catalog save `textLater`): a search on screen is run again
 * when it lands, so the session that now matches shows up without a key.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { buildMemorySearch } from '../src/store/search/memory-search.js';
import { appSummary, fakeSource } from './helpers/fake-source.js';
import { cleanup, renderSized } from './helpers/render.js';

afterEach(cleanup);

describe('text that lands after the list', () => {
  it('runs the search on screen again, and the session that now matches appears', async () => {
    const sessions = [appSummary({ id: 's1', title: 'Refactor the parser' }), appSummary({ id: 's2', title: 'Fix the flaky test' })];
    let landed = false;
    let land: (had: boolean) => void = () => {};
    const base = fakeSource({ sessions });
    const source = {
      ...base,
      // The appended text ("albatross" in s1) is in the index only once it has landed.
      search: (query: string, listed: typeof sessions) =>
        buildMemorySearch(listed.map((summary) => ({ summary, texts: landed && summary.id === 's1' ? ['an albatross in the log'] : [] }))).search(query, listed),
      textSettled: () => new Promise<boolean>((resolve) => (land = resolve)),
    };
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 100, rows: 24 });
    await ui.waitFor('Refactor the parser');
    const before = await ui.press('/albatross', (f) => f.includes('albatross') && !f.includes('Fix the flaky test'));
    expect(before).not.toContain('Refactor the parser');
    landed = true;
    land(true);
    const after = await ui.waitFor('Refactor the parser');
    expect(after).not.toContain('Fix the flaky test');
  });
});
