/**
 * What every single-session writer (SessionStore, EventLogger) starts from:
 * the validated id and its path, and an append that creates the project
 * folder and its project.json on the first write only.
 */
import { resolve } from 'node:path';
import { assertSessionId, projectIdOf, sessionPath } from '../project.js';
import { appendRecord, ensureProjectDir } from './append.js';
import { newSessionId } from './ids.js';
import { resolveProjectRoot } from './root.js';

export interface SessionWriterOptions {
  home: string;
  /** The project folder (its git root is used, as the browser does). */
  projectRoot: string;
  /** An existing or chosen id; default: a new `YYYYMMDD-HHMMSS-xxxxxx` id. */
  sessionId?: string;
  /** Clock in ms since epoch, for ids and default timestamps (tests inject a fixed one). */
  now?: () => number;
}

export abstract class SessionWriter {
  readonly home: string;
  /** Canonical project root. */
  readonly projectRoot: string;
  readonly projectId: string;
  readonly sessionId: string;
  /** `<home>/projects/<projectId>/<sessionId>.jsonl`. */
  readonly path: string;
  protected readonly now: () => number;
  private prepared = false;

  protected constructor(opts: SessionWriterOptions) {
    // Validate before any path is built from the id.
    if (opts.sessionId !== undefined) assertSessionId(opts.sessionId);
    this.now = opts.now ?? Date.now;
    this.home = resolve(opts.home);
    this.projectRoot = resolveProjectRoot(opts.projectRoot);
    this.projectId = projectIdOf(this.projectRoot);
    this.sessionId = opts.sessionId ?? newSessionId(this.now());
    this.path = sessionPath(this.home, this.projectId, this.sessionId);
  }

  protected iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Creates the project folder and project.json, once. */
  protected prepare(): void {
    if (this.prepared) return;
    ensureProjectDir(this.home, this.projectRoot);
    this.prepared = true;
  }

  /** Appends one record as one line. */
  protected append<R extends object>(record: R): R {
    this.prepare();
    appendRecord(this.path, record, { now: this.now });
    return record;
  }
}
