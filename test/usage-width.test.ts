/** `usage` fits the terminal like `list` (the new-user pass saw 130-column lines at 80 columns). */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/format/width.js';
import { runCli } from './helpers/cli.js';

describe('usage at 80 columns', () => {
  it.each(['model', 'session', 'endpoint'])('by %s: every table line fits, costs and tokens stay, the least needed figures go first', (by) => {
    const res = runCli(['usage', '--demo', '--by', by], { env: { COLUMNS: '80' } });
    expect(res.code).toBe(0);
    const table = res.stdout.split('\n').filter((l) => l !== '' && !/^\d+ sessions? ha(s|ve) tokens/.test(l));
    for (const line of table) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    const header = table[1]!;
    expect(header).toMatch(/INPUT\s+OUTPUT/);
    expect(header).toMatch(/COST$/);
    expect(header).not.toContain('UNPRICED');
    // With room, everything is there.
    const wide = runCli(['usage', '--demo', '--by', by], { env: { COLUMNS: '200' } }).stdout.split('\n')[1]!;
    expect(wide).toMatch(/UNPRICED\s+\$\/SUCCESS\s+TIME$/);
  });
});
