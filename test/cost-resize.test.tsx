/**
 * Issue 10: the cost view's scroll after a terminal resize. The position is
 * kept valid when the size changes: the first line shown stays first where
 * it can, the view is never blank or past its end, and the first key after
 * the resize moves it (no press spent undoing a stale offset).
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';

import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { makeModelUsage, makeTokens } from './helpers/summary.js';
import { cleanup, expectFits, frameLines, renderSized } from './helpers/render.js';

afterEach(cleanup);

/** 60 sessions on 60 models: a model table far taller than 24 rows. */
const SESSIONS = Array.from({ length: 60 }, (_, i) => {
  const model = `model-${String(i).padStart(2, '0')}`;
  const tokens = makeTokens({ input: 1000 + i, output: 100 });
  return appSummary({
    id: `s${i}`,
    title: `Task ${i}`,
    updatedAt: new Date(NOW - (i + 1) * 60_000).toISOString(),
    model,
    costMicros: 1_000_000 + i * 10_000,
    models: [makeModelUsage({ provider: 'openai', model, tokens, costMicros: 1_000_000 + i * 10_000, calls: 1 })],
  });
});

const where = (f: string) => {
  const m = /lines (\d+)-(\d+) of (\d+)/.exec(f);
  return m ? { from: Number(m[1]), to: Number(m[2]), of: Number(m[3]) } : null;
};
/** The model rows on screen, top to bottom ("openai/model-07"). */
const models = (f: string) => frameLines(f).map((l) => /^openai\/(model-\d\d)/.exec(l)?.[1]).filter((m): m is string => m !== undefined);

describe('the cost view across a resize', () => {
  it('scrolled to the end at 80x24, then 160x50: no blank screen, the end still shown, and k moves at once', async () => {
    const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => undefined} />, { columns: 80, rows: 24 });
    await ui.waitFor('Task 0');
    let f = await ui.press('c', 'By model (60)');
    f = await ui.press('G', (x) => { const w = where(x); return w !== null && w.to === w.of; });
    const end = where(f)!;
    ui.resize(160, 50);
    f = await ui.waitFor((x) => frameLines(x).length > 30);
    expectFits(f, 160, 50);
    const big = where(f);
    // Bigger: the view ends at the body's end (nothing past it, nothing blank), and shows more of it.
    expect(big === null || big.to === big.of).toBe(true);
    expect(models(f).length).toBeGreaterThan(0);
    const before = big?.from ?? 1;
    if (big) {
      f = await ui.press('k', (x) => where(x)?.from === before - 1);
      expect(where(f)!.from).toBe(before - 1);
    }
    expect(end.of).toBeGreaterThan(0);
  });

  it('scrolled into the middle at 160x50, then 80x24 and back: the first model on screen stays first', async () => {
    const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => undefined} />, { columns: 160, rows: 50 });
    await ui.waitFor('Task 0');
    let f = await ui.press('c', 'By model (60)');
    for (let i = 0; i < 8; i++) f = await ui.press('j', (x) => where(x)?.from === i + 2);
    const top = models(f)[0];
    expect(top).toBeDefined();
    ui.resize(80, 24);
    f = await ui.waitFor((x) => frameLines(x).length < 24 && models(x).length > 0);
    expectFits(f, 80, 24);
    expect(models(f)[0]).toBe(top);
    ui.resize(160, 50);
    f = await ui.waitFor((x) => frameLines(x).length > 30);
    expect(models(f)[0]).toBe(top);
  });

  it('the list keeps the selected row on screen when the terminal shrinks and grows', async () => {
    const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => undefined} />, { columns: 160, rows: 50 });
    let f = await ui.waitFor('Task 0');
    f = await ui.press('G', (x) => /› Task 59 /.test(x));
    ui.resize(80, 24);
    f = await ui.waitFor((x) => frameLines(x).length < 24);
    expect(f).toMatch(/› Task 59 /);
    expectFits(f, 80, 24);
    f = await ui.press('k', (x) => /› Task 58 /.test(x));
    ui.resize(160, 50);
    f = await ui.waitFor((x) => frameLines(x).length > 30);
    expect(f).toMatch(/› Task 58 /);
    // The cost view opened after the resize starts at its top, at the new size.
    f = await ui.press('c', 'By model (60)');
    expect(where(f)?.from).toBe(1);
    expectFits(f, 160, 50);
  });
});
