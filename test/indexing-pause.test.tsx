/**
 * The browser pauses the background text indexing while a session is open
 * in the replay (source.pauseIndexing): the replay then reads its file
 * alone. Back in the list, the pause is released and the indexing goes on.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserSource } from '../src/app/source.js';
import { appSummary, fakeSource } from './helpers/fake-source.js';
import { cleanup, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

/** A source that counts the pauses held now and ever taken. */
function pausingSource(): { source: BrowserSource; holds: { now: number; taken: number } } {
  const holds = { now: 0, taken: 0 };
  const source: BrowserSource = {
    ...fakeSource({ sessions: [appSummary({ id: 's1', title: 'Refactor the parser' }), appSummary({ id: 's2', title: 'Fix the flaky test' })] }),
    pauseIndexing: () => {
      holds.now++;
      holds.taken++;
      let released = false;
      return () => {
        if (!released) holds.now--;
        released = true;
      };
    },
  };
  return { source, holds };
}

describe('indexing paused while a session is open', () => {
  it('holds the pause from the moment a session opens until the user is back in the list, once per opening', async () => {
    const { source, holds } = pausingSource();
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 100, rows: 24 });
    await ui.waitFor('Refactor the parser');
    expect(holds).toEqual({ now: 0, taken: 0 });
    await ui.press(KEYS.right, '[1 Replay]');
    expect(holds).toEqual({ now: 1, taken: 1 });
    // The help overlay over the open session keeps it open (and paused).
    await ui.press('?', 'Keys and badges');
    await ui.press(KEYS.escape, '[1 Replay]');
    expect(holds).toEqual({ now: 1, taken: 1 });
    await ui.press(KEYS.left, (f) => f.includes('Fix the flaky test') && !f.includes('[1 Replay]'));
    expect(holds).toEqual({ now: 0, taken: 1 });
    await ui.press(KEYS.right, '[1 Replay]');
    expect(holds).toEqual({ now: 1, taken: 2 });
    await ui.press(KEYS.left, (f) => f.includes('Fix the flaky test') && !f.includes('[1 Replay]'));
    expect(holds.now).toBe(0);
  });

  it('a browser that quits with a session open releases the pause', async () => {
    const { source, holds } = pausingSource();
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 100, rows: 24 });
    await ui.waitFor('Refactor the parser');
    await ui.press(KEYS.right, '[1 Replay]');
    expect(holds.now).toBe(1);
    ui.unmount();
    expect(holds.now).toBe(0);
  });
});
