import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBar } from '../src/components/StatusBar.js';
import { displayWidth } from '../src/format/width.js';
import { cleanup, frameLines, renderSized } from './helpers/render.js';

afterEach(cleanup);

const root = '/home/someone/work/clients/acme/webapp';
const progress = { files: 3_204, totalFiles: 10_000, bytes: 88e6, totalBytes: 274e6, elapsedMs: 4_000 };

async function header(width: number, props: Partial<React.ComponentProps<typeof StatusBar>> = {}): Promise<string> {
  const view = renderSized(<StatusBar root={root} total={10_000} matches={null} loading={false} width={width} {...props} />, { columns: width, rows: 3 });
  const frame = await view.waitFor((f) => f.trim().length > 0);
  const line = frameLines(frame)[0]!;
  expect(displayWidth(line)).toBeLessThanOrEqual(width);
  return line;
}

describe('the header at the widths people use', () => {
  it('at 160 columns while reading: the name, the whole scope, files, MB, rate and time left', async () => {
    const line = await header(160, { progress });
    expect(line).toContain('session-browser /home/someone/work/clients/acme/webapp');
    expect(line).toMatch(/10,000 sessions · reading 3,204\/10,000 files · 84 MB of 261 MB · 21 MB\/s · ~8\.5s left/);
  });

  it('at 80 columns while reading: the scope keeps its end and the time left shows (the name and the rate give way)', async () => {
    const line = await header(80, { progress });
    expect(line).not.toContain('session-browser');
    expect(line).toMatch(/…\S*acme\/webapp /);
    expect(line).toMatch(/reading 3,204\/10,000 · 84\/261 MB · ~8\.5s left$/);
  });

  it('at 80 columns at rest: the name stays when the counts leave room', async () => {
    const line = await header(80, { matches: 12, query: 'flaky' });
    expect(line).toMatch(/^session-browser .*webapp +10,000 sessions · 12 matches for “flaky”$/);
  });
});
