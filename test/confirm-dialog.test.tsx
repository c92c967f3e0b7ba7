import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../src/components/ConfirmDialog.js';
import { cleanup, frameLines, renderSized } from './helpers/render.js';
import { makeSummary } from './helpers/summary.js';

afterEach(cleanup);

describe('the confirm dialog', () => {
  for (const width of [80, 160]) {
    it(`at ${width} columns keeps the id and "It is still active." whole and cuts the title`, async () => {
      const summary = makeSummary({ id: 'cache-warm-refactor', title: 'Refactor the router into feature modules and move every route handler '.repeat(3) });
      const app = renderSized(<ConfirmDialog summary={summary} width={width} note="it may still be running" />, { columns: width, rows: 10 });
      const frame = await app.waitFor('(cache-warm-refactor)?');
      const [question] = frameLines(frame);
      expect(question).toMatch(/^Delete “Refactor the router.*…” \(cache-warm-refactor\)\? It is still active\.$/);
    });
  }
});
