/**
 * The message under the list (after e, d, y) wraps to two lines instead of
 * being cut at 80 columns: where an export went and how to restore a
 * deleted session are what the message is for (a new user's tryout found
 * both cut: "Exported … to /tmp/…/.local/sha…", "restore with: session-…").
 */
import { describe, expect, it } from 'vitest';
import { flashLines, frameBudget } from '../src/app/App.js';
import { initialBrowserState } from '../src/app/browser-reducer.js';
import { displayWidth } from '../src/format/width.js';

describe('flashLines', () => {
  it('keeps a short message on one line, and wraps a long one at a space to two', () => {
    expect(flashLines('Copied the id', 80)).toEqual(['Copied the id']);
    const path = '/home/someone/.cache/session-browser/demo/home/exports';
    const lines = flashLines(`Exported cache-warm-refactor.md to ${path}`, 80);
    expect(lines).toEqual(['Exported cache-warm-refactor.md to', path]);
  });

  it('cuts what a third line would hold, with an ellipsis, within the width', () => {
    const lines = flashLines(`Deleted a session; restore command printed at exit (restore with: ${'session-browser restore some-id --project /a/very/long/path '.repeat(3)})`, 60);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(60);
  });

  it('makes control sequences from a log inert and single-line', () => {
    const [line] = flashLines('Export failed: \u001b[2Jboom\nsecond', 80);
    expect(line).not.toContain('\u001b');
    expect(line).not.toContain('\n');
  });

  it('takes its lines from the list, not from the frame', () => {
    const state = { ...initialBrowserState(), flash: `Exported x.md to ${'/long'.repeat(20)}` };
    const without = frameBudget(24, initialBrowserState(), 80).viewport;
    expect(frameBudget(24, state, 80).viewport).toBe(without - 2);
  });
});
