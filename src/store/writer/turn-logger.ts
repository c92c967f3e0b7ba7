/**
 * Writer for the `turns` dialect (format §2.3): a plain conversation turn log
 * with no usage. Ephemeral turn types (`progress`, `typing`, `ping`) are UI
 * chatter, dropped here rather than written for every reader to skip.
 */
import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertSessionId, projectIdOf, sessionPath } from '../project.js';
import type { SessionSummary } from '../types.js';
import { assertNoSymlinks } from '../actions/safe-path.js';
import { appendRecord, createExclusive, ensureProjectDir } from './append.js';
import { newSessionId } from './ids.js';
import { listProject, type ReadOptions } from './listing.js';
import type { EphemeralTurnType, TurnRecord, TurnType } from './records.js';
import { resolveProjectRoot } from './root.js';
import { shownValue } from '../../format/shown-value.js';

const WRITTEN: ReadonlySet<string> = new Set<TurnType>(['user', 'assistant', 'tool_call', 'tool_result', 'system']);
const EPHEMERAL: ReadonlySet<string> = new Set<EphemeralTurnType>(['progress', 'typing', 'ping']);

export interface TurnLoggerOptions {
  /** The session-browser home (format §1). */
  home: string;
  /** The project's root folder; canonicalised like the browser does. */
  projectRoot: string;
  /** Clock in ms since epoch, for ids and default timestamps. */
  now?: () => number;
}

/** One turn to log; `timestamp` defaults to now. */
export interface Turn {
  type: TurnType | EphemeralTurnType;
  content: string;
  /** For `tool_call`: the tool's name. */
  tool_name?: string;
  /** For `tool_call` and `tool_result`: the call's id, pairing the two. */
  tool_id?: string;
  model?: string;
  timestamp?: string;
}

/** Logs the turns of one session at a time: `startSession` or `resumeSession`, then `logTurn`. */
export class TurnLogger {
  readonly home: string;
  /** Canonical project root. */
  readonly projectRoot: string;
  readonly projectId: string;
  private readonly now: () => number;
  private current: { id: string; path: string } | null = null;

  constructor(opts: TurnLoggerOptions) {
    this.home = resolve(opts.home);
    this.projectRoot = resolveProjectRoot(opts.projectRoot);
    this.projectId = projectIdOf(this.projectRoot);
    this.now = opts.now ?? Date.now;
  }

  /** The id of the session being logged, null before start/resume. */
  get sessionId(): string | null {
    return this.current?.id ?? null;
  }

  /** The file of the session being logged, null before start/resume. */
  get path(): string | null {
    return this.current?.path ?? null;
  }

  /**
   * Starts a new session and returns its id: a generated one, or `sessionId`
   * (validated; throws if that session already exists, use `resumeSession`).
   * The file is created empty at once, which claims the id.
   */
  startSession(opts: { sessionId?: string } = {}): string {
    if (opts.sessionId !== undefined) assertSessionId(opts.sessionId);
    ensureProjectDir(this.home, this.projectRoot);
    for (let attempt = 0; ; attempt++) {
      const id = opts.sessionId ?? newSessionId(this.now());
      const path = sessionPath(this.home, this.projectId, id);
      try {
        createExclusive(path);
      } catch (err) {
        const exists = (err as NodeJS.ErrnoException).code === 'EEXIST';
        // A generated id that collided: draw another suffix.
        if (exists && opts.sessionId === undefined && attempt < 5) continue;
        if (exists) throw new Error(`session ${id} already exists: use resumeSession to continue it`);
        throw err;
      }
      this.current = { id, path };
      return id;
    }
  }

  /** Continues an existing session of this project (the id is validated; throws if there is none). */
  resumeSession(sessionId: string): void {
    const path = sessionPath(this.home, this.projectId, assertSessionId(sessionId));
    // A symlinked project folder would carry the appends outside the home (safe-path.ts).
    assertNoSymlinks(this.home, path);
    let isFile = false;
    try {
      isFile = lstatSync(path).isFile();
    } catch {
      // Handled below.
    }
    if (!isFile) throw new Error(`no session ${shownValue(sessionId)} in project ${this.projectRoot}`);
    this.current = { id: sessionId, path };
  }

  /**
   * Appends one turn as one line. Ephemeral types are dropped: returns null
   * and writes nothing. Throws before start/resume or on an unknown type.
   */
  logTurn(turn: Turn): TurnRecord | null {
    if (EPHEMERAL.has(turn.type)) return null;
    if (!WRITTEN.has(turn.type)) throw new TypeError(`unknown turn type ${JSON.stringify(turn.type)}`);
    if (typeof turn.content !== 'string') throw new TypeError('turn content must be a string');
    if (!this.current) throw new Error('no session: call startSession or resumeSession first');
    const record: TurnRecord = {
      type: turn.type as TurnType,
      content: turn.content,
      tool_name: turn.tool_name,
      tool_id: turn.tool_id,
      model: turn.model,
      timestamp: turn.timestamp ?? new Date(this.now()).toISOString(),
    };
    appendRecord(this.current.path, record, { now: this.now });
    return record;
  }

  /**
   * The most recently updated `turns` session of the project if it was
   * updated less than `maxAgeMs` before `now`, else null (`resume --last`).
   */
  static async getRecentSession(home: string, projectRoot: string, maxAgeMs: number, now: number = Date.now()): Promise<string | null> {
    const newest = (await TurnLogger.listSessions(home, projectRoot, { now }))[0];
    if (!newest) return null;
    return now - Date.parse(newest.updatedAt) < maxAgeMs ? newest.id : null;
  }

  /** Summaries of the project's `turns` sessions, newest first (sessions of other dialects are not ours to continue). */
  static async listSessions(home: string, projectRoot: string, opts: ReadOptions = {}): Promise<SessionSummary[]> {
    const projectId = projectIdOf(resolveProjectRoot(projectRoot));
    const listed = await listProject(resolve(home), projectId, opts);
    return listed.map((l) => l.summary).filter((s) => s.dialect === 'turns');
  }
}
