/**
 * The same components through ink-testing-library itself (its stdout is
 * 100 columns wide; the components get their width as a prop), waiting for
 * content rather than sleeping.
 */
import React from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../src/app/App.js';
import type { BrowserExit } from '../src/app/source.js';
import { CostView } from '../src/components/CostView.js';
import { SessionHarness as SessionScreen } from './helpers/session-harness.js';
import { displayWidth } from '../src/format/width.js';
import type { ResumePlan, Transcript } from '../src/store/types.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';

afterEach(cleanup);

async function until(frame: () => string | undefined, test: (f: string) => boolean, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = frame() ?? '';
    if (test(f)) return f;
    if (Date.now() > deadline) throw new Error(`content did not appear; last frame:\n${f}`);
    await new Promise((r) => setImmediate(r));
  }
}
const fits = (frame: string, width: number): boolean => frame.split('\n').every((l) => displayWidth(l) <= width);

const hostile = appSummary({ id: 'evil', title: 'Deploy \u001b]0;pwned\u0007 now \u001b[2J' });
const quiet = appSummary({ id: 'quiet', title: 'Tidy the logger', updatedAt: '2026-03-10T08:00:00Z' });
const texts = { evil: 'nothing special', quiet: 'we talked about the zanzibar outage' };

describe('with ink-testing-library', () => {
  it('App: the list appears, hostile titles are inert, "/" + a word said only in a message finds its session', async () => {
    const exits: BrowserExit[] = [];
    const ui = render(<App source={fakeSource({ sessions: [hostile, quiet], texts })} onExit={(e) => exits.push(e)} />);
    const frame = await until(ui.lastFrame, (f) => f.includes('Tidy the logger'));
    expect(frame).toContain('␛]0;pwned␇');
    expect(frame.includes('\u001b]0;')).toBe(false);
    ui.stdin.write('/');
    await until(ui.lastFrame, (f) => f.includes('search:'));
    ui.stdin.write('zanzibar');
    const found = await until(ui.lastFrame, (f) => f.includes('1 match'));
    expect(found).toContain('Tidy the logger');
    expect(found).not.toContain('pwned');
    ui.stdin.write('\r');
    await until(() => String(exits.length), (n) => n === '1');
    expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'quiet' } });
  });

  it('CostView at 80 columns shows totals and unknown cost as "?"', async () => {
    const priced = appSummary({ id: 'p', updatedAt: new Date(NOW - 3_600_000).toISOString() });
    const unpriced = appSummary({ id: 'u', model: 'qwen3-coder-30b', provider: 'local', costMicros: null, costUsd: null, updatedAt: new Date(NOW - 7_200_000).toISOString() });
    const ui = render(<CostView sessions={[priced, unpriced]} nowMs={NOW} window="7d" width={80} height={20} scopeLabel="/home/u/proj" />);
    const frame = await until(ui.lastFrame, (f) => f.includes('By model'));
    expect(frame).toContain('$0.01+?');
    expect(frame).toMatch(/local\/qwen3-coder-30b.*\?/);
    expect(fits(frame, 80)).toBe(true);
  });

  it('SessionScreen at 80 columns replays with the checkpoint divider and goes back on Esc', async () => {
    const summary = appSummary({ id: 'cp', checkpoints: 1 });
    const t: Transcript = {
      summary,
      entries: [
        { kind: 'message', timestamp: '2026-03-10T09:00:00Z', role: 'user', text: 'Find the flake' },
        { kind: 'checkpoint', timestamp: '2026-03-10T09:30:00Z', tokenCount: 5400, messages: [{ role: 'system', content: 'Summary' }] },
        { kind: 'message', timestamp: '2026-03-10T09:31:00Z', role: 'assistant', text: 'Injecting a fake clock' },
      ],
      resumeContext: [{ role: 'system', content: 'Summary' }, { role: 'assistant', content: 'Injecting a fake clock' }],
      lastCheckpointIndex: 1,
    };
    const plan: ResumePlan = { sessionId: 'cp', checkpoint: { timestamp: '2026-03-10T09:30:00Z', tokenCount: 5400 }, messagesAfter: 1, contextMessages: 2, estimatedContextTokens: 5407, argv: null, cwd: null, workspace: null, workspaceProblem: null, cwdLabel: null, commandSource: null, cacheWarmUntil: null };
    let back = 0;
    const ui = render(<SessionScreen summary={summary} load={() => Promise.resolve(t)} plan={plan} width={80} height={14} nowMs={NOW} isActive onBack={() => back++} onResume={() => undefined} />);
    const frame = await until(ui.lastFrame, (f) => f.includes('checkpoint · 5.4k tokens'));
    expect(frame).toContain('Injecting a fake clock');
    expect(fits(frame, 80)).toBe(true);
    ui.stdin.write('\u001b');
    await until(() => String(back), (n) => n === '1');
  });
});
