/**
 * Issue 10 item 3 (every view scrolls to everything), the session screen:
 * the Usage tab of a session with many endpoints and models, and the Resume
 * tab on a small terminal, scroll with j/k, PgUp/PgDn and g/G, and say where
 * they are, instead of cutting their last lines.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';

import { appSummary, fakeSource } from './helpers/fake-source.js';
import { makeEndpointUsage, makeModelUsage, makeTokens } from './helpers/summary.js';
import { cleanup, expectFits, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const pad = (i: number) => String(i).padStart(2, '0');
const WIDE = appSummary({
  id: 'sess-wide',
  title: 'Many providers',
  endpoints: Array.from({ length: 30 }, (_, i) => makeEndpointUsage({ vendor: 'v', endpoint: `ep-${pad(i)}`, calls: 1, tokens: makeTokens({ input: 100 }), costMicros: 1000 })),
  models: Array.from({ length: 30 }, (_, i) => makeModelUsage({ model: `model-${pad(i)}`, calls: 1, tokens: makeTokens({ input: 100 }), costMicros: 1000 })),
});

const where = (f: string) => /lines (\d+)-(\d+) of (\d+)/.exec(f);

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`at ${columns}x${rows}`, () => {
    it('the Usage tab scrolls to its last endpoint, model and the per-call line', async () => {
      const ui = renderSized(<App source={fakeSource({ sessions: [WIDE] })} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Many providers');
      let f = await ui.press(`${KEYS.right}2`, (x) => x.includes('[2 Usage]') && where(x) !== null);
      expectFits(f, columns, rows);
      expect(where(f)?.[1]).toBe('1');
      expect(f).toContain('ep-00');
      expect(f).not.toContain('model-29');
      f = await ui.press('G', (x) => x.includes('model-29'));
      expect(f).toContain('Per call');
      expect(f).not.toContain('ep-00');
      expect(where(f)?.[2]).toBe(where(f)?.[3]);
      expectFits(f, columns, rows);
      f = await ui.press('g', (x) => where(x)?.[1] === '1');
      f = await ui.press('jj', (x) => where(x)?.[1] === '3');
      f = await ui.press(KEYS.pageDown, (x) => Number(where(x)?.[1]) > 3);
      // Another tab and back: the Usage tab starts at its top again.
      await ui.press('1', (x) => x.includes('[1 Replay]'));
      await ui.press('2', (x) => x.includes('[2 Usage]') && where(x)?.[1] === '1');
    });
  });
}

describe('on a small terminal (50x12)', () => {
  it('the Resume tab scrolls to its last row', async () => {
    const s = appSummary({ id: 'sess-small', title: 'Small screen', cacheWarmUntil: null });
    const ui = renderSized(<App source={fakeSource({ sessions: [s] })} onExit={() => undefined} />, { columns: 50, rows: 12 });
    await ui.waitFor('Small screen');
    let f = await ui.press(`${KEYS.right}3`, (x) => x.includes('[3 Resume]') && where(x) !== null);
    expect(f).not.toContain('Prompt cache');
    f = await ui.press('G', (x) => x.includes('Prompt cache'));
    expectFits(f, 50, 12);
  });
});
