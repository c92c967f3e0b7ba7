/**
 * An in-memory BrowserSource for App tests: sessions in, calls recorded,
 * no file system and no module mocking.
 */
import { osc52 } from '../../src/app/clipboard.js';
import type { SessionLabel } from '../../src/store/labels.js';
import type { ResumePlan, SessionSummary, Transcript } from '../../src/store/types.js';
import type { BrowserSource, Scope, SkippedPath } from '../../src/app/source.js';
import { buildMemorySearch } from '../../src/store/search/memory-search.js';
import type { SessionSearch } from '../../src/store/search/session-search.js';
import { makeSummary, makeTokens } from './summary.js';

/** The tests' fixed clock: 2026-03-10 12:00 UTC. */
export const NOW = Date.parse('2026-03-10T12:00:00Z');

/**
 * A session as the App tests see one: an hour-long, priced openai session of
 * project p1 (the shared makeSummary with these defaults); `over` wins.
 */
export function appSummary(over: Partial<SessionSummary> & { id: string }): SessionSummary {
  return makeSummary({
    path: `/home/u/.sessions/p1/${over.id}.jsonl`,
    title: `Session ${over.id}`,
    createdAt: '2026-03-10T09:00:00Z',
    updatedAt: '2026-03-10T10:00:00Z',
    messageCount: 12,
    userMessages: 6,
    assistantMessages: 6,
    toolCalls: 3,
    model: 'gpt-4o-mini',
    provider: 'openai',
    workspace: '/home/u/proj',
    tokens: makeTokens({ input: 1000, output: 200 }),
    // Given outright, not derived: a test that sets only costMicros keeps this costUsd.
    costUsd: 0.0123,
    costMicros: 12_300,
    status: 'success',
    durationMs: 3_600_000,
    firstPrompt: 'first prompt',
    lastPrompt: 'last prompt',
    ...over,
  });
}

/** `n` sessions s0..s(n-1), newest first, an hour apart. */
export function manySummaries(n: number, projectId = 'p1'): SessionSummary[] {
  return Array.from({ length: n }, (_, i) =>
    appSummary({
      id: `${projectId}-s${i}`,
      projectId,
      title: `Task number ${i}`,
      updatedAt: new Date(NOW - (i + 1) * 3_600_000).toISOString(),
    }),
  );
}

export interface FakeSourceOptions {
  /** null: no project in scope. */
  project?: { id: string; root: string } | null;
  /** Every session of every project; 'project' scope keeps those of `project.id`. */
  sessions?: SessionSummary[];
  /** When set, loadSessions rejects with this message. */
  loadError?: string;
  /** copyId's answer: a tool took it ('clipboard'), or none did ('shown'; OSC 52 still sent when a terminal writer is given). */
  clipboard?: 'clipboard' | 'shown';
  labels?: Record<string, string>;
  /** The browser's zone (default 'UTC', like the tests' TZ). */
  timeZone?: string;
  /** The session home (default '/home/u/.sessions'). */
  home?: string;
  /** Where the run reads, as the CLI names it (BrowserSource.readingWhere); absent: the home. */
  readingWhere?: string;
  /** Running as `--demo`. */
  demo?: boolean;
  /** The text of sessions by id (messages, tool output): what the search finds besides titles, ids, workspaces and models. */
  texts?: Record<string, string>;
  /** Names and pins already kept (store/labels.ts), by session id. */
  labelsById?: Record<string, SessionLabel>;
  /** What every load reports as skipped (symlinked project folders, unreadable files). */
  skipped?: SkippedPath[];
}

/** What the App asked of the source. */
export interface FakeCalls {
  loadSessions: Scope[];
  deleted: string[];
  restored: string[];
  exported: string[];
  copied: string[];
}

export function fakeSource(opts: FakeSourceOptions = {}): BrowserSource & { calls: FakeCalls } {
  let sessions = opts.sessions ?? [];
  const project = opts.project === undefined ? { id: 'p1', root: '/home/u/proj' } : opts.project;
  const calls: FakeCalls = { loadSessions: [], deleted: [], restored: [], exported: [], copied: [] };
  // Names and pins in memory, as store/labels.ts keeps them in a file.
  let labels = new Map<string, SessionLabel>(Object.entries(opts.labelsById ?? {}));
  return {
    project,
    home: opts.home ?? '/home/u/.sessions',
    ...(opts.readingWhere ? { readingWhere: opts.readingWhere } : {}),
    demo: opts.demo,
    calls,
    nowMs: () => NOW,
    timeZone: opts.timeZone ?? 'UTC',
    loadSessions: async (scope) => {
      calls.loadSessions.push(scope);
      if (opts.loadError) throw new Error(opts.loadError);
      return scope === 'all' || !project ? sessions : sessions.filter((s) => s.projectId === project.id);
    },
    ...(opts.skipped ? { skipped: () => opts.skipped ?? [] } : {}),
    search: (query, listed) => searchOf(listed, opts.texts ?? {}).search(query, listed),
    projectLabel: (id) => opts.labels?.[id] ?? `/work/${id}`,
    restoreHint: (s) => `session-browser restore ${s.id}`,
    loadTranscript: async (s): Promise<Transcript> => ({ summary: s, entries: [], resumeContext: [], lastCheckpointIndex: -1 }),
    resumePlan: (s): ResumePlan => ({
      sessionId: s.id,
      checkpoint: s.lastCheckpoint ? { timestamp: s.lastCheckpoint.timestamp, tokenCount: s.lastCheckpoint.tokenCount } : null,
      messagesAfter: s.lastCheckpoint?.messageCountAfter ?? s.messageCount,
      contextMessages: s.messageCount,
      estimatedContextTokens: s.lastCheckpoint ? s.lastCheckpoint.tokenCount + 200 : s.tokens.total,
      argv: null,
      cwd: s.workspace,
      workspace: s.workspace,
      workspaceProblem: null,
      cwdLabel: null,
      commandSource: null,
      cacheWarmUntil: s.cacheWarmUntil,
    }),
    deleteSession: async (s) => {
      calls.deleted.push(s.id);
      sessions = sessions.filter((x) => x.id !== s.id);
    },
    restoreSession: async (s) => {
      calls.restored.push(s.id);
      sessions = [...sessions, s];
    },
    exportMarkdown: async (s) => {
      calls.exported.push(s.id);
      return `/tmp/export/${s.id}.md`;
    },
    labels: () => labels,
    setLabel: (id, patch) => {
      const next = new Map(labels);
      const merged: SessionLabel = { ...next.get(id), ...patch };
      if (!merged.name) delete merged.name;
      if (!merged.pinned) delete merged.pinned;
      if (merged.name || merged.pinned) next.set(id, merged);
      else next.delete(id);
      labels = next;
      return labels;
    },
    copyId: async (id, terminal) => {
      calls.copied.push(id);
      terminal?.(osc52(id, {}));
      return { tool: (opts.clipboard ?? 'clipboard') === 'clipboard' ? 'pbcopy' : null, terminal: terminal !== undefined };
    },
  };
}

const searches = new WeakMap<readonly SessionSummary[], SessionSearch>();

/** The in-memory full-text search of a loaded list (built once per list, like the real catalog's index per load). */
export function searchOf(sessions: readonly SessionSummary[], texts: Record<string, string> = {}): SessionSearch {
  let search = searches.get(sessions);
  if (!search) {
    search = buildMemorySearch(sessions.map((summary) => ({ summary, texts: texts[summary.id] ? [texts[summary.id]!] : [] })));
    searches.set(sessions, search);
  }
  return search;
}

/** A session compacted twice (checkpoints), 40 messages, 6 after the last checkpoint: what the Resume tab's choice is about. */
export const COMPACTED = appSummary({
  id: 'sess-long',
  title: 'Long refactor',
  updatedAt: new Date(NOW - 3_600_000).toISOString(),
  checkpoints: 2,
  messageCount: 40,
  lastCheckpoint: { timestamp: new Date(NOW - 2 * 3_600_000).toISOString(), tokenCount: 8000, messagesAfter: 6, messageCountAfter: 6 },
});
