/**
 * The cost view opens on a window that holds something: on a home whose
 * sessions are all older than a week it showed "No sessions in this
 * window" until the user found `w`. Until `w` picks one, `c` opens on the
 * first window from 7d on (30d, all) with a session; a window the user
 * picked is kept.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { appSummary, fakeSource } from './helpers/fake-source.js';
import { cleanup, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

function start(updatedAt: string[]) {
  const sessions = updatedAt.map((t, i) => appSummary({ id: `s${i}`, title: `Old work ${i}`, createdAt: t, updatedAt: t }));
  return renderSized(<App source={fakeSource({ sessions })} onExit={() => undefined} />, { columns: 100, rows: 30 });
}

describe('the cost view\'s first window', () => {
  it('is "all" when nothing is newer than 30 days, and 30d when something is', async () => {
    const old = start(['2025-11-02T09:00:00Z', '2026-01-15T09:00:00Z']); // NOW is 2026-03-10
    await old.waitFor('Old work 1');
    const frame = await old.press('c', 'Cost · ');
    expect(frame).toContain('window all (w cycles)');
    expect(frame).not.toContain('No sessions in this window');
    expect(frame).toContain('2 sessions');
    cleanup();

    const month = start(['2026-02-20T09:00:00Z', '2025-11-02T09:00:00Z']);
    await month.waitFor('Old work 0');
    expect(await month.press('c', 'Cost · ')).toContain('window 30d (w cycles)');
  });

  it('is 7d when the last week holds a session, and the window picked with w is kept', async () => {
    const ui = start(['2026-03-09T09:00:00Z', '2025-11-02T09:00:00Z']);
    await ui.waitFor('Old work 0');
    expect(await ui.press('c', 'Cost · ')).toContain('window 7d (w cycles)');
    await ui.press('w', 'window 30d (w cycles)');
    await ui.press('w', 'window all (w cycles)');
    await ui.press('w', 'window today (w cycles)');
    await ui.press(KEYS.escape, (f) => !f.includes('Cost · '));
    expect(await ui.press('c', 'Cost · ')).toContain('window today (w cycles)'); // picked, though empty
  });
});
