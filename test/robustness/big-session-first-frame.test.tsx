/**
 * Hostile case "opening a 1 GB session" (issue 9), its first frame: the
 * transcript is windowed, but the screen used to wait for the whole pass over
 * the file (11-19 s for 1 GB) before drawing anything. The pass now reports
 * its progress with a view of the entries indexed so far: the screen draws
 * the first screenful at once, says how much is read ("reading 12 MB of
 * 954 MB…"), takes keys meanwhile, and stops the read when it is left.
 */
import React from 'react';
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateLargeSession, type LargeSession } from '../../fixtures/generate.js';
import { FIRST_SCREEN_ENTRIES, indexTranscript, TranscriptAborted, type TranscriptLive, type TranscriptProgress } from '../../src/store/scan/transcript-index.js';
import type { ResumePlan, TranscriptView } from '../../src/store/types.js';
import { SessionHarness as SessionScreen } from '../helpers/session-harness.js';
import { cleanup, renderSized } from '../helpers/render.js';
import { readOpts, tempHome, type TempHome, NOW } from '../helpers/session-files.js';

let home: TempHome;
let session: LargeSession;
beforeEach(() => {
  home = tempHome();
  // ~150 turns of 3 KB tool outputs: several hundred entries, the big ones held cut.
  session = generateLargeSession({ home: home.home, bytes: 600_000, toolOutputBytes: 3000, checkpointEvery: 10, now: NOW });
  return () => home.cleanup();
});
afterEach(cleanup);

const plan: ResumePlan = {
  sessionId: 'x', checkpoint: null, messagesAfter: 0, contextMessages: 0, estimatedContextTokens: 0, argv: ['agent'],
  cwd: '/tmp', workspace: '/tmp', workspaceProblem: null, cwdLabel: null, commandSource: 'flag', cacheWarmUntil: null,
};

describe('robustness: a big session draws its first entries before the whole file is read', () => {
  it('the pass reports a view of the first screenful long before its end, the same entries the whole view holds', async () => {
    const reports: TranscriptProgress[] = [];
    const views: TranscriptView[] = [];
    const whole = await indexTranscript(session.path, {
      ...readOpts(),
      onProgress: (p) => {
        reports.push(p);
        if (views.length === 0) views.push(p.snapshot());
      },
    });
    const first = reports[0]!;
    expect(first.count).toBeGreaterThanOrEqual(FIRST_SCREEN_ENTRIES);
    expect(first.count).toBeLessThan(whole.count / 2);
    expect(first.totalBytes).toBe(statSync(session.path).size);
    expect(first.bytes).toBeLessThan(first.totalBytes / 2);
    const early = views[0]!;
    expect(early.count).toBe(first.count);
    for (let i = 0; i < early.count; i++) expect(early.held(i)).toBe(whole.held(i));
    // A big entry of the early view reads back whole, as the final view gives it.
    const cut = Array.from({ length: early.count }, (_, i) => i).find((i) => early.held(i).folds !== null)!;
    expect(early.whole(cut)).toEqual(whole.whole(cut));
  });

  it('an aborted read stops with TranscriptAborted', async () => {
    const stop = new AbortController();
    const read = indexTranscript(session.path, { ...readOpts(), signal: stop.signal, onProgress: () => stop.abort() });
    await expect(read).rejects.toBeInstanceOf(TranscriptAborted);
  });

  it('the screen draws the first entries with a progress line, moves on keys meanwhile, and drops the line when done', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The real pass, with its first report passed on and its end held back: the screen as it is mid-file.
    const load = (live?: TranscriptLive) => {
      let told = false;
      return indexTranscript(session.path, {
        ...readOpts(),
        onProgress: (p) => {
          if (told) return;
          told = true;
          live?.onProgress?.(p);
        },
      }).then(async (view) => (await gate, view));
    };
    const summary = (await indexTranscript(session.path, readOpts())).summary;
    const app = renderSized(<SessionScreen summary={summary} load={load} plan={plan} width={100} height={30} nowMs={NOW} isActive onBack={vi.fn()} onResume={vi.fn()} />, { columns: 100, rows: 30 });
    const partial = await app.waitFor(/reading [\d.,]+ [MG]B of [\d.,]+ [MG]B…/);
    expect(partial).toContain('Turn 1: ');
    expect(partial).toMatch(/line 1\/[\d,]+ so far/);
    expect(await app.press('j', /line 2\/[\d,]+ so far/)).toContain('reading');
    release();
    const done = await app.waitFor((f) => !f.includes('reading '));
    expect(done).toMatch(/line 2\/[\d,]+ \(\d+%\)/);
  });

  it('leaving the screen stops the read', async () => {
    let signal: AbortSignal | undefined;
    const load = (live?: TranscriptLive) => {
      signal = live?.signal;
      return new Promise<TranscriptView>(() => {});
    };
    const summary = (await indexTranscript(session.path, readOpts())).summary;
    const app = renderSized(<SessionScreen summary={summary} load={load} plan={plan} width={100} height={30} nowMs={NOW} isActive onBack={vi.fn()} onResume={vi.fn()} />, { columns: 100, rows: 30 });
    await app.waitFor('Loading transcript');
    expect(signal?.aborted).toBe(false);
    app.unmount();
    expect(signal?.aborted).toBe(true);
  });
});
