/**
 * Everything the interactive browser needs from the outside world, injected
 * as one object so that tests hand in a fake (no module mocking) and the CLI
 * hands in the real store. The App never touches the file system itself.
 */
import type { SearchHit } from '../store/search/types.js';
import type { ResumePlan, SessionSummary, Transcript, TranscriptView } from '../store/types.js';
import type { TranscriptLive } from '../store/scan/transcript-index.js';

export type { TranscriptLive };
import type { ScanProgress, StoredPage } from '../store/catalog/catalog.js';
import type { CopyResult } from './clipboard.js';
import type { SessionLabel } from '../store/labels.js';

export type { CopyResult } from './clipboard.js';

export type { ScanProgress } from '../store/catalog/catalog.js';

export type { Scope, SkippedPath } from '../store/types.js';
import type { Scope, SkippedPath } from '../store/types.js';

/** The data and side effects behind the browser. */
export interface BrowserSource {
  /** The project in scope: the header shows its root. null when only 'all' makes sense. */
  project: { id: string; root: string } | null;
  /** The session home the sessions are read from: "no sessions" names it. */
  home: string;
  /** What the loading screen says it reads ("/h and the claude folder"); absent: `home`. */
  readingWhere?: string;
  /** True in `--demo`: "no sessions" then never suggests `--demo`. */
  demo?: boolean;
  /** The clock every relative time ("2h ago", cache "♨4m") is measured against. */
  nowMs(): number;
  /**
   * IANA zone of every calendar time and day the browser shows (replay
   * clocks, checkpoint times, the cost view's days and windows): FORMAT.md §3.
   */
  timeZone: string;
  /**
   * Summaries of the scope, newest first, empty sessions included: the list
   * hides those unless `includeEmpty`, the cost view always counts them
   * (FORMAT.md §2.1). Rejects with a user-facing message.
   */
  loadSessions(scope: Scope, opts?: { onProgress?(progress: ScanProgress): void }): Promise<SessionSummary[]>;
  /**
   * A one-line warning about the session home itself (others can read it:
   * logs hold secrets), shown once after the first load; null or absent:
   * nothing to say. Called once, after the first load (whose stats of the files it may reuse).
   */
  storeWarning?(): string | null;
  /**
   * Brings the full-text index up to date for the scope: sessions a
   * listing read without their text (loadSessions indexes only appended
   * lines; a file read from its start is left for this) are read again
   * with it, in the background after each load. Resolves to the number of
   * sessions indexed (0: nothing was pending); one run at a time (a call
   * during a run waits for it). Rejects with a user-facing message.
   * `onStandIns` hears that sessions listed without even a stand-in
   * document (a CLI command's cold listing) can now be found by title,
   * before any file is read. Absent: the index is always complete.
   */
  indexText?(scope: Scope, opts?: { onProgress?(progress: ScanProgress): void; onStandIns?(count: number): void }): Promise<number>;
  /**
   * Resolves once the text the last load left to be indexed after it
   * answered (a big append) is in the index: true when there was some, so
   * a search shown meanwhile is run again. Absent: loads index before they answer.
   */
  textSettled?(): Promise<boolean>;
  /**
   * Pauses the background text indexing (`indexText`, and text a load left
   * to be written after it) until the returned function is called: the
   * browser holds it while a session is open in the replay, which reads
   * its file meanwhile. An `indexText` run waits through it and resolves
   * once its files are indexed after it. Absent: nothing to pause.
   */
  pauseIndexing?(): () => void;
  /**
   * What the catalog last saw of the scope, without touching a log (same
   * shape and order as `loadSessions`), at once or as a promise (parsed in
   * slices, so keys are answered meanwhile): drawn while `loadSessions`
   * checks every file. Absent or empty: the browser shows the page
   * (`storedPage`) or "loading" until `loadSessions` answers.
   */
  storedSessions?(scope: Scope): SessionSummary[] | Promise<SessionSummary[]>;
  /**
   * The top `rows` sessions of the scope in the list's default order (over
   * all projects grouped by project, each group's `pinned` ids first, then
   * newest first) and the counts of the whole scope, without touching a
   * log and without reading every stored session: the very first frame,
   * drawn before `storedSessions` (whose cost grows with the sessions).
   * Empty sessions only with `includeEmpty`. Absent or null: the first
   * frame comes from `storedSessions`.
   */
  storedPage?(scope: Scope, opts: { rows: number; pinned: readonly string[] }): StoredPage | null;
  /**
   * Calls `onChange` when sessions of the scope may have been created,
   * appended to or removed (file watching, else polling); returns the stop
   * function. The browser debounces and reloads. Absent: nothing is live.
   */
  watch?(scope: Scope, onChange: () => void): () => void;
  /**
   * What the last `loadSessions(scope)` skipped (project folders that are
   * symbolic links, files it could not read), shown as a one-line note.
   * Absent = nothing is ever skipped.
   */
  skipped?(scope: Scope): readonly SkippedPath[];
  /** The list shows empty sessions too (`--include-empty`); default false. */
  includeEmpty?: boolean;
  /**
   * The sessions of `sessions` (a list loadSessions gave) that match
   * `query`, best first: the full-text search of store/search/session-search.ts
   * over what the last load indexed. Synchronous, never throws; snippets
   * are computed when a hit's `snippet` is read.
   */
  search(query: string, sessions: readonly SessionSummary[]): SearchHit[];
  /**
   * What the first `search` over `sessions` would build inside a keystroke
   * (lookups, the index's file map, per-session word initials), built
   * ahead: each `next()` does one slice of a few ms, so the browser steps
   * it in later turns while keys are answered between. A search before it
   * ends builds what is left itself; results never depend on it. Absent:
   * nothing to prepare.
   */
  warmSearch?(sessions: readonly SessionSummary[]): Iterator<void>;
  /** Display label of a project (project.json root, recorded workspace, else the hash). */
  projectLabel(projectId: string): string;
  /**
   * One session's transcript, only when it is opened: windowed (its big
   * texts are read from the log when drawn, so memory is bounded whatever
   * the file's size), or whole in memory (fakes, small sessions). `live`:
   * progress reports with a view of the entries read so far, and a signal
   * that stops the read (the screen was left).
   */
  loadTranscript(s: SessionSummary, live?: TranscriptLive): Promise<TranscriptView | Transcript>;
  /** What Enter would do for this session (shown in the preview strip). */
  resumePlan(s: SessionSummary): ResumePlan;
  /**
   * Moves the session to the trash. Refuses (rejects) a session that is
   * still active unless `force` (the dialog warned the user). Resolves to
   * where it went and the command that brings it back (void: not known).
   */
  deleteSession(s: SessionSummary, opts?: { force?: boolean }): Promise<{ to: string; restore: string } | void>;
  /**
   * Whether the session is still being written, or null when idle: `reason`
   * ("it is running", "it changed 2 min ago …") is shown in the dialog;
   * delete asks first for any activity, resume only when `running` (the ●
   * badge). Absent = every session counts as idle.
   */
  activity?(s: SessionSummary): { reason: string; running: boolean } | null;
  /** The command that would restore this session once deleted, runnable verbatim (carries --home/--demo/--project as needed). */
  restoreHint(s: SessionSummary): string;
  /**
   * Brings `s`, deleted by this browser, back from the trash (its newest
   * copy, as `restore ID`); rejects with the trash's reason when it cannot
   * (gone from the trash, its place taken). Absent: no undo here.
   */
  restoreSession?(s: SessionSummary): Promise<void>;
  /** Writes the markdown export and returns the written path. */
  exportMarkdown(s: SessionSummary): Promise<string>;
  /** The user's names and pins by session id (a small file in the home). Absent: none, and R/p say so. */
  labels?(): ReadonlyMap<string, SessionLabel>;
  /**
   * Names or pins a session (an empty name removes the name) and returns
   * every label; throws a user-facing error when the file cannot be written.
   */
  setLabel?(id: string, patch: SessionLabel): ReadonlyMap<string, SessionLabel>;
  /**
   * Copies the id: the clipboard tool, and OSC 52 through `terminal` (a
   * writer to the terminal the browser draws on) when given. Says which
   * worked.
   */
  copyId(id: string, terminal?: (seq: string) => void): Promise<CopyResult>;
}


/** How the browser ended: the caller unmounts, then quits or spawns the resume command. */
export type BrowserExit = { kind: 'quit' } | { kind: 'resume'; session: SessionSummary; from?: ResumeFrom };

export type { ResumeFrom } from '../store/types.js';
import type { ResumeFrom } from '../store/types.js';

