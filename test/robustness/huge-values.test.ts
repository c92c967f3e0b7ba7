/**
 * Hostile case "huge values are drawn whole" (issue 9): a 10 MB message is
 * cut in replay (browser lines and the `replay` command) to 1,000 lines / 128 Ki characters
 * with "… 9.7 MB more", `v` (browser) or `replay --full` shows it all.
 */
import { describe, expect, it } from 'vitest';
import { buildReplayLines, capText, ENTRY_MAX_LINES } from '../../src/format/replay-lines.js';
import type { Transcript } from '../../src/store/types.js';
import { runCli } from '../helpers/cli.js';
import { useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const HUGE = 'a line of tool output that goes on\n'.repeat(300_000);

describe('robustness: huge values', () => {
  it('capText keeps the head and measures the rest', () => {
    const { head, rest } = capText(HUGE);
    expect(head.split('\n')).toHaveLength(ENTRY_MAX_LINES);
    expect(rest!.bytes).toBeGreaterThan(10_000_000);
    expect(capText('short')).toEqual({ head: 'short', rest: null });
  });

  it('the browser draws a bounded number of rows, and all of them once shown whole', () => {
    const transcript = {
      entries: [
        { kind: 'message', timestamp: null, role: 'assistant', text: HUGE },
        { kind: 'tool_result', timestamp: null, id: 'c', text: HUGE },
      ],
      lastCheckpointIndex: -1,
    } as unknown as Transcript;
    const lines = buildReplayLines(transcript, { width: 80, expanded: new Set([1]), fromCheckpoint: false, moreHint: 'press v to show all' });
    expect(lines.length).toBeLessThan(2 * ENTRY_MAX_LINES + 10);
    expect(lines.filter((l) => /… 10\.\d MB more .*press v to show all/.test(l.text))).toHaveLength(2);
    const all = buildReplayLines(transcript, { width: 80, expanded: new Set(), full: new Set([0]), fromCheckpoint: false });
    expect(all.length).toBeGreaterThan(300_000);
  });

  it('replay prints the head and says how to see the rest; --full prints it all', () => {
    t.write('huge', [{ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: 'user', content: HUGE } }]);
    const cut = runCli(['--home', t.home, '--all', 'replay', 'huge']);
    expect(cut.code).toBe(0);
    expect(cut.stdout.split('\n').length).toBeLessThan(ENTRY_MAX_LINES + 10);
    expect(cut.stdout).toMatch(/… 10\.\d MB more \(299,000 more lines\) · replay --full shows all/);
    // --full on a smaller one (the test runner buffers 1 MB of output).
    t.write('big', [{ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: 'user', content: 'line\n'.repeat(2000) } }]);
    expect(runCli(['--home', t.home, '--all', 'replay', 'big']).stdout).toContain('(1,000 more lines) · replay --full shows all');
    const full = runCli(['--home', t.home, '--all', 'replay', 'big', '--full']);
    expect(full.stdout.split('\n').filter((l) => l === '  line')).toHaveLength(2000);
  }, 30_000);
});
