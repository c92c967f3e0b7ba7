import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTL_SEC } from '../src/store/sources/fold.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { SessionStore, TurnLogger, type Turn } from '../src/store/writer/index.js';
import { useTempProject } from './helpers/temp-project.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const MIN = 60_000;

let tmp: string;
let home: string;
let root: string;
useTempProject('sb-writer-turns-', (d) => ({ tmp, home, root } = d));

const readOpts = (projectId: string) => ({ projectId, pricing: BUILTIN_PRICES, nowMs: NOW, cacheTtlSec: DEFAULT_CACHE_TTL_SEC });

const TURNS: Turn[] = [
  { type: 'user', content: 'Why does the build take 4 minutes?', timestamp: '2026-11-19T14:00:00Z' },
  { type: 'typing', content: '' },
  { type: 'assistant', content: 'Let me look at the Makefile.', timestamp: '2026-11-19T14:00:03Z' },
  { type: 'tool_call', tool_name: 'read_file', tool_id: 't1', content: '{"path":"Makefile"}', timestamp: '2026-11-19T14:00:03Z' },
  { type: 'progress', content: '50%' },
  { type: 'tool_result', tool_id: 't1', content: 'all: deps build test', timestamp: '2026-11-19T14:00:04Z' },
  { type: 'ping', content: '' },
  { type: 'system', content: 'Context trimmed.', timestamp: '2026-11-19T14:00:05Z' },
];

describe('TurnLogger', () => {
  it('writes turns the reader counts, and drops ephemeral ones', async () => {
    const logger = new TurnLogger({ home, projectRoot: root, now: () => Date.parse('2026-11-19T14:00:00Z') });
    const id = logger.startSession();
    expect(id).toMatch(/^20261119-140000-[0-9a-f]{6}$/);
    const written = TURNS.map((t) => logger.logTurn(t));
    expect(written.map((r) => r?.type ?? null)).toEqual(['user', null, 'assistant', 'tool_call', null, 'tool_result', null, 'system']);

    const lines = readFileSync(logger.path!, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[2]!)).toEqual({ type: 'tool_call', content: '{"path":"Makefile"}', tool_name: 'read_file', tool_id: 't1', timestamp: '2026-11-19T14:00:03Z' });

    const { summary } = await readSummary(logger.path!, readOpts(logger.projectId));
    const s = summary!;
    expect(s.dialect).toBe('turns');
    expect(s.id).toBe(id);
    expect([s.userMessages, s.assistantMessages, s.messageCount, s.toolCalls]).toEqual([1, 1, 2, 1]);
    expect([s.unknownLines, s.malformedLines]).toEqual([0, 0]);
    const chars = TURNS.filter((t) => !['typing', 'progress', 'ping'].includes(t.type)).reduce((n, t) => n + t.content.length, 0);
    expect(s.tokens.total).toBe(Math.floor(chars / 3));
    expect(s.tokens.estimated).toBe(true);
    expect(s.costUsd).toBeNull();
    expect(s.title).toBe('Why does the build take 4 minutes?');
    expect([s.createdAt, s.updatedAt]).toEqual(['2026-11-19T14:00:00.000Z', '2026-11-19T14:00:05.000Z']);

    const t = await loadTranscript(logger.path!, readOpts(logger.projectId));
    expect(t.entries.map((e) => e.kind)).toEqual(['message', 'message', 'tool_call', 'tool_result', 'message']);
  });

  it('stamps turns with its clock when no timestamp is given', () => {
    const logger = new TurnLogger({ home, projectRoot: root, now: () => NOW });
    logger.startSession({ sessionId: 'clocked' });
    expect(logger.logTurn({ type: 'user', content: 'hi' })?.timestamp).toBe('2026-11-20T10:00:00.000Z');
  });

  it('refuses to log before a session, unknown types and non-string content', () => {
    const logger = new TurnLogger({ home, projectRoot: root });
    expect(() => logger.logTurn({ type: 'user', content: 'hi' })).toThrow(/startSession/);
    logger.startSession({ sessionId: 's1' });
    expect(() => logger.logTurn({ type: 'thinking' as Turn['type'], content: 'x' })).toThrow(/unknown turn type/);
    expect(() => logger.logTurn({ type: 'user', content: 42 as unknown as string })).toThrow(TypeError);
    expect(readFileSync(logger.path!, 'utf8')).toBe('');
  });

  it('resumes an existing session and appends to it', async () => {
    const first = new TurnLogger({ home, projectRoot: root });
    const id = first.startSession({ sessionId: 'long-run' });
    first.logTurn({ type: 'user', content: 'part one' });
    expect(() => new TurnLogger({ home, projectRoot: root }).startSession({ sessionId: 'long-run' })).toThrow(/already exists/);

    const second = new TurnLogger({ home, projectRoot: root });
    second.resumeSession(id);
    expect(second.sessionId).toBe('long-run');
    second.logTurn({ type: 'user', content: 'part two' });
    const { summary } = await readSummary(second.path!, readOpts(second.projectId));
    expect([summary!.userMessages, summary!.lastPrompt]).toEqual([2, 'part two']);
    expect(() => second.resumeSession('no-such-session')).toThrow(/no session no-such-session/);
  });

  it('finds the most recent session younger than a limit', async () => {
    const logger = new TurnLogger({ home, projectRoot: root });
    logger.startSession({ sessionId: 'older' });
    logger.logTurn({ type: 'user', content: 'old', timestamp: new Date(NOW - 90 * MIN).toISOString() });
    logger.startSession({ sessionId: 'newer' });
    logger.logTurn({ type: 'user', content: 'new', timestamp: new Date(NOW - 20 * MIN).toISOString() });
    // A newer session of another dialect in the same project is not a turns session to continue.
    new SessionStore({ home, projectRoot: root, sessionId: 'store-one' }).appendMessage({ role: 'user', content: 'x' }, new Date(NOW - MIN).toISOString());

    expect(await TurnLogger.getRecentSession(home, root, 30 * MIN, NOW)).toBe('newer');
    expect(await TurnLogger.getRecentSession(home, root, 10 * MIN, NOW)).toBeNull();
    expect(await TurnLogger.getRecentSession(join(tmp, 'no-home'), root, 30 * MIN, NOW)).toBeNull();
    expect((await TurnLogger.listSessions(home, root)).map((s) => s.id)).toEqual(['newer', 'older']);
  });
});
