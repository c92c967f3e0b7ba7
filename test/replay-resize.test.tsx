/**
 * A new user's report: resizing the terminal while reading a transcript
 * moved the cursor to another entry. The view held line indexes, and at
 * another width the lines wrap anew: line 817 of 1,652 at 80 columns was a
 * tool call's line of 1,502 at 160, not "Step 75". The cursor and the top
 * line now stay on their entries across a width change (SessionScreen
 * useRewrapAnchor).
 */
import React, { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResumePlan, Transcript, TranscriptEntry } from '../src/store/types.js';
import { SessionHarness } from './helpers/session-harness.js';
import { cleanup, frameLines, renderSized } from './helpers/render.js';
import { makeSummary } from './helpers/summary.js';

afterEach(cleanup);

const summary = makeSummary({ id: 'long', title: 'Long talk', updatedAt: '2026-11-20T10:00:00Z' });
/** 60 turns whose text wraps to more lines at 60 columns than at 150. */
const entries: TranscriptEntry[] = Array.from({ length: 60 }, (_, i): TranscriptEntry => ({
  kind: 'message', timestamp: '2026-11-20T09:00:00Z', role: i % 2 ? 'assistant' : 'user',
  text: `Step ${i}: ${'words that wrap differently at each width '.repeat(4)}end of step ${i}.`,
}));
const transcript: Transcript = { summary, entries, resumeContext: [], lastCheckpointIndex: -1 };
const plan: ResumePlan = {
  sessionId: 'long', checkpoint: null, messagesAfter: 60, contextMessages: 60, estimatedContextTokens: 1000, argv: null,
  cwd: null, workspace: null, workspaceProblem: null, cwdLabel: null, commandSource: null, cacheWarmUntil: null,
};

/** The session screen whose width a test changes, as a terminal resize changes the browser's. */
let setWidth: (w: number) => void = () => undefined;
function Resizable(): React.JSX.Element {
  const [width, set] = useState(150);
  setWidth = set;
  return <SessionHarness summary={summary} load={() => Promise.resolve(transcript)} plan={plan} width={width} height={20} nowMs={Date.parse('2026-11-20T12:00:00Z')} isActive onBack={vi.fn()} onResume={vi.fn()} />;
}

/** The line the cursor is on ("›" in the margin). */
const cursorLine = (f: string): string => frameLines(f).find((l) => l.startsWith('›')) ?? '';

describe('a transcript across a width change', () => {
  it('keeps the cursor on the entry it was on, both ways, and the next key moves from there', async () => {
    const ui = renderSized(<Resizable />, { columns: 150, rows: 20 });
    await ui.waitFor((x) => x.includes('Step 0:'));
    // Down to the first line of step 30's text (each turn is a header, then its text).
    let f = ui.lastFrame();
    const at = (x: string): string => /line (\d+)\//.exec(x)?.[1] ?? '';
    for (let i = 0; i < 200 && !cursorLine(f).includes('Step 30:'); i++) {
      const before = at(f);
      f = await ui.press('j', (x) => at(x) !== before);
    }
    expect(cursorLine(f)).toContain('Step 30:');
    setWidth(60);
    f = await ui.waitFor((x) => frameLines(x).every((l) => l.length <= 62) && cursorLine(x) !== '');
    f = await ui.waitFor((x) => cursorLine(x).includes('Step 30:'));
    setWidth(150);
    f = await ui.waitFor((x) => cursorLine(x).includes('Step 30:') && frameLines(x).some((l) => l.length > 70));
    // Not stuck on the anchor: j moves from it.
    f = await ui.press('j', (x) => !cursorLine(x).includes('Step 30:'));
    expect(cursorLine(f)).not.toBe('');
  });
});
