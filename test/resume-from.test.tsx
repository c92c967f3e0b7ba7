/**
 * Issue 10 item 6 (resume from where): for a session with checkpoints the
 * Resume tab offers the last checkpoint (default) or the whole conversation
 * (↑/↓), Enter carries the choice, and the `{context}` file follows it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.js';
import { buildContext } from '../src/app/context.js';
import { contextLoader } from '../src/app/commands/resume.js';
import { storeSource } from '../src/app/store-source.js';
import type { BrowserExit } from '../src/app/source.js';
import type { ResumeMessage } from '../src/store/types.js';
import { displayWidth } from '../src/format/width.js';
import { appSummary, COMPACTED, fakeSource, NOW } from './helpers/fake-source.js';
import { demoCopy } from './helpers/cli.js';
import { cleanup, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

describe('the {context} file follows the choice', () => {
  let home: string;
  let remove: () => void;
  let config: string;
  beforeAll(() => {
    ({ home, cleanup: remove } = demoCopy());
    config = mkdtempSync(join(tmpdir(), 'sb-rf-config-'));
  });
  afterAll(() => {
    remove();
    rmSync(config, { recursive: true, force: true });
    vi.unstubAllEnvs();
  });

  it('whole conversation: every message from the first, no checkpoint summary; checkpoint: the summary, then what came after', async () => {
    vi.stubEnv('XDG_CONFIG_HOME', config);
    const ctx = buildContext({ home, all: true }, { ...process.env, SESSION_BROWSER_CACHE: '0' });
    const all = await storeSource(ctx).loadSessions('all');
    const s = all.find((x) => x.checkpoints > 0 && x.lastCheckpoint && x.lastCheckpoint.messagesAfter < x.messageCount - 1);
    expect(s, 'a demo session with a checkpoint and messages before it').toBeDefined();
    const collect = async (from: 'checkpoint' | 'start'): Promise<ResumeMessage[]> => {
      const out: ResumeMessage[] = [];
      await contextLoader(ctx, s!, from)(async (m) => void out.push(m));
      return out;
    };
    const fromCheckpoint = await collect('checkpoint');
    const whole = await collect('start');
    expect(whole.length).toBeGreaterThan(fromCheckpoint.length);
    // The checkpoint context opens with the summary; the whole conversation opens with the first user message.
    expect(fromCheckpoint[0]).not.toEqual(whole[0]);
    expect(whole.some((m) => JSON.stringify(m) === JSON.stringify(fromCheckpoint[0]))).toBe(false);
    // What came after the checkpoint ends both.
    expect(whole.slice(-3)).toEqual(fromCheckpoint.slice(-3));
  });
});

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`the Resume tab at ${columns}x${rows}`, () => {
    it('defaults to the last checkpoint; ↓ picks the whole conversation; Enter carries the choice', async () => {
      for (const [keys, from] of [
        ['', 'checkpoint'],
        [KEYS.down, 'start'],
        [`${KEYS.down}${KEYS.up}`, 'checkpoint'],
      ] as const) {
        const exits: BrowserExit[] = [];
        const ui = renderSized(<App source={fakeSource({ sessions: [COMPACTED] })} onExit={(e) => exits.push(e)} />, { columns, rows });
        await ui.waitFor('Long refactor');
        await ui.press(KEYS.right, '[1 Replay]');
        let frame = await ui.press('3', (f) => f.includes('(•) last checkpoint'));
        if (keys) for (const k of keys.match(/\u001b\[[AB]/g) ?? []) frame = await ui.press(k, (f) => f !== frame);
        expect(frame).toContain(from === 'start' ? '(•) whole conversation' : '(•) last checkpoint');
        if (from === 'start') expect(frame).toContain('the first message · 40 messages');
        for (const l of frameLines(frame)) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
        ui.write(KEYS.enter);
        await vi.waitFor(() => expect(exits).toHaveLength(1));
        expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'sess-long' }, from });
        ui.unmount();
      }
    });
  });
}
