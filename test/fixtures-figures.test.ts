/**
 * The readers against figures worked out by hand from the demo lines
 * (test/fixtures-expected.ts), session by session, figure by figure.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_HOME, DEMO_NOW, DEMO_PROJECT_IDS } from '../fixtures/demo-constants.js';
import { DEFAULT_CACHE_TTL_SEC } from '../src/store/sources/fold.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';
import { textOfContent } from '../src/store/sources/common/fold-common.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { EXPECTED } from './fixtures-expected.js';

const NOW = Date.parse(DEMO_NOW);

describe.each(Object.values(EXPECTED))('demo session $id ($dialect)', (exp) => {
  const projectId = DEMO_PROJECT_IDS[exp.projectRoot as keyof typeof DEMO_PROJECT_IDS];
  const path = join(DEMO_HOME, 'projects', projectId, `${exp.id}.jsonl`);

  const opts = { projectId, pricing: BUILTIN_PRICES, nowMs: NOW, cacheTtlSec: DEFAULT_CACHE_TTL_SEC };

  it('sizes the resume context in the summary exactly as a full read builds it', async () => {
    const { summary } = await readSummary(path, opts);
    const t = await loadTranscript(path, opts);
    const cp = t.entries[t.lastCheckpointIndex];
    const after = t.resumeContext.slice(cp?.kind === 'checkpoint' ? cp.messages.length : 0);
    expect(summary!.resumeContext).toEqual({
      messages: t.resumeContext.length,
      chars: after.reduce((n, m) => n + textOfContent(m.content).length, 0),
    });
  });

  it('reports the hand-computed figures of format §4', async () => {
    const { summary: s } = await readSummary(path, opts);
    expect(s).not.toBeNull();
    expect({
      dialect: s!.dialect,
      title: s!.title,
      userMessages: s!.userMessages,
      assistantMessages: s!.assistantMessages,
      messageCount: s!.messageCount,
      toolCalls: s!.toolCalls,
      checkpoints: s!.checkpoints,
      lastCheckpoint: s!.lastCheckpoint,
      malformedLines: s!.malformedLines,
      unknownLines: s!.unknownLines,
      pendingTail: s!.pendingTail,
      empty: s!.empty,
      createdAt: s!.createdAt,
      updatedAt: s!.updatedAt,
      workspace: s!.workspace,
    }).toEqual({
      dialect: exp.dialect,
      title: exp.title,
      userMessages: exp.userMessages,
      assistantMessages: exp.assistantMessages,
      messageCount: exp.messageCount,
      toolCalls: exp.toolCalls,
      checkpoints: exp.checkpoints,
      lastCheckpoint: exp.lastCheckpoint,
      malformedLines: exp.malformedLines,
      unknownLines: exp.unknownLines,
      pendingTail: exp.pendingTail,
      empty: exp.empty,
      createdAt: exp.createdAt,
      updatedAt: exp.updatedAt,
      workspace: exp.workspace,
    });
    const t = exp.tokens;
    expect(s!.tokens.total).toBe(t.total);
    expect(s!.tokens.estimated).toBe(t.estimated);
    expect(s!.tokens.cacheRead).toBe(t.cacheRead);
    expect(s!.tokens.cacheWrite).toBe(t.cacheWrite);
    if (t.input !== null) expect(s!.tokens.input).toBe(t.input);
    if (t.output !== null) expect(s!.tokens.output).toBe(t.output);
    expect(s!.costUsd !== null).toBe(exp.costUsdKnown);
    if (exp.costUsd !== undefined) expect(s!.costMicros).toBe(Math.round(exp.costUsd * 1e6));
    if (exp.status === 'running-or-incomplete') expect(['running', 'incomplete']).toContain(s!.status);
    else expect(s!.status).toBe(exp.status);
    if (exp.cacheWarmUntil) expect(s!.cacheWarmUntil).toBe(exp.cacheWarmUntil);
    if (exp.looping !== undefined) expect(s!.strikes >= 2).toBe(exp.looping);
  });
});
