/**
 * What a log format is to the rest of the store (DESIGN.md: `sources/<format>/`
 * is the only code that knows a format). A format lives in one folder that
 * exports one {@link LogFormat}, and is registered by one line in
 * registry.ts; scan/ (the only code that opens logs) looks everything up
 * there: which format a record belongs to, its parser (records into
 * normalized events, once), where its files are found.
 */
import type { NormalizedEvent } from './events.js';

/**
 * One session found by a location: its project, its id and its path. For
 * the native home the id is the file name without `.jsonl` and the other
 * fields are absent. Other agents' sessions (Claude Code, Codex, Gemini CLI)
 * carry what their location knows before any record is read: the source,
 * the format of every file (never sniffed: a Claude line could pass for a
 * native one), and the further files folded into the same session (Claude
 * subagent and compaction-worker transcripts, Gemini subagent chats): a
 * session is then `path` followed by `parts`, read as one stream of records
 * (scan/summary-reader.ts), cached as one unit (catalog/summary-cache.ts).
 */
export interface SessionFile {
  projectId: string;
  /** The session id: the file name without `.jsonl` (native), else the tool's own session id. */
  id: string;
  /** The main file: the one that names the session, is resumed and is deleted. */
  path: string;
  /** Which source found it (`native`, `claude`, `codex`, `gemini`); absent: native. */
  source?: string;
  /** The format id of every file of the session when the location knows it; absent: sniffed from the first recognised record (FORMAT.md §2). */
  format?: string;
  /** Further files of the same session, read after `path` in this order (subagent transcripts); each announced to the parser by `LogFormat.beginPart`. */
  parts?: string[];
  /** A title the location knows from outside the file (Codex `session_index.jsonl`); wins over the file's own. */
  title?: string;
  /** The workspace when the file records none (Gemini: the project root from `projects.json` / `.project_root`). */
  projectRoot?: string;
  /** The tool says the session is live (Claude `sessions/<pid>.json` with a live pid): its status is `running`. */
  running?: boolean;
}

/** A folder or file a scan saw and refused, with the reason (one line, for "skipped <path>: <error>"). */
export interface SkippedEntry {
  path: string;
  error: string;
}

/** The outcome of a scan: what may be read and what was refused. */
export interface SessionScan {
  files: SessionFile[];
  skipped: SkippedEntry[];
  /** Real paths of the projects of `files` when the location knows them (project id → root), for `--all` labels. */
  roots?: Record<string, string>;
}

/**
 * Where a format's session files are found. Several formats may share one
 * location (the four native dialects all live under `<home>/projects/`,
 * FORMAT.md §1); the registry lists each location once.
 */
export interface SessionLocation {
  /** A short name ("native"). */
  readonly id: string;
  /** The agent's folder this location reads (`~/.claude`, a `--claude-dir`); absent for the native home, which the run names itself. */
  readonly folder?: string;
  /** Project ids that have sessions here, sorted. */
  projectIds(home: string): Promise<string[]>;
  /**
   * Session files of the given projects (null: every project), and what was
   * refused. Throws on I/O errors other than a missing folder. `found`, when
   * given, may hear of files before the scan resolves (a folder's at a
   * time, each file once, only files the result lists): a caller can start
   * reading them. A location may call it for some files or none.
   */
  scan(home: string, projectIds: string[] | null, found?: (files: readonly SessionFile[]) => void): Promise<SessionScan>;
  /**
   * Folders whose entries change when a session of the given projects (null:
   * every project) is created, appended to or removed, for live watching.
   * Folders that do not exist may be listed (they are skipped). Absent: the
   * location is not watched (a refresh still finds its changes).
   */
  watchFolders?(home: string, projectIds: string[] | null): Promise<string[]>;
}

/**
 * A line's bytes as the read loop holds them (scan/lines.ts): `buf[start,
 * end)`, its newline left out (a CR before it, and a BOM at the file's
 * start, are not: they are the line's text's to drop). Valid only during
 * the call it is given to: the buffer is reused for the next read.
 */
export interface RawLine {
  buf: Buffer;
  start: number;
  end: number;
}

/**
 * One log format. `P` is its parser's state: small plain JSON carried from
 * record to record (the events dialect's last-request hashes), persisted
 * with the summary state, so a change to its shape bumps
 * SUMMARY_STATE_VERSION.
 */
export interface LogFormat<P = unknown> {
  /** The format's id: `SessionSummary.dialect`, `FileDiagnosis.dialect`, persisted states ("store", "events", ...). */
  readonly id: string;
  /** Where files of this format are found. */
  readonly location: SessionLocation;
  /**
   * Whether a record carries this format's discriminator. Cheap checks only:
   * the schema is applied once, by `parse`. A file takes the format of its
   * first recognised record (FORMAT.md §2).
   */
  recognise(record: Record<string, unknown>): boolean;
  /**
   * Records a file of this format may carry that mean nothing (the turns
   * dialect's progress pings, FORMAT.md §2.3): neither parsed nor counted as
   * unknown. Absent: every unrecognised record is unknown.
   */
  ignorable?(record: Record<string, unknown>): boolean;
  /** A fresh parser state, for the start of a file. */
  initParser(): P;
  /**
   * What one recognised record means, as normalized events (mutating `state`
   * in place); null when it fails the format's schema (the line counts as
   * unknown, and `state` is untouched).
   */
  parse(record: Record<string, unknown>, state: P): NormalizedEvent[] | null;
  /**
   * True for formats whose files are known by where they are (another
   * agent's folder: `SessionFile.format`): never tried on a native file.
   */
  readonly byLocation?: boolean;
  /**
   * Called before the records of `SessionFile.parts[index]` (a subagent's
   * transcript) are parsed with the same state; returns events to add
   * first (a note). Absent: parts are parsed like the main file.
   */
  beginPart?(state: P, index: number, path: string): NormalizedEvent[];
  /**
   * For a file that is one JSON document rather than JSONL (a legacy Gemini
   * `.json` chat): the records it stands for, in order. scan/ reads such a
   * file whole (capped) and hands these on as if they were lines.
   */
  explodeDocument?(doc: unknown): Record<string, unknown>[];
  /**
   * A cheap reading of a line for a summary that collects no text: the
   * record as `parse` would read it, with bulky text it does not need for
   * the summary elided (tool outputs), or undefined for a line it does not
   * skim, which is then parsed in full. Checks the line's structure cheaply,
   * not every character of what it skips (format/json-skim.ts). Absent:
   * every line is parsed in full. `raw`, when the read loop has them, are
   * the line's bytes (a format may read those instead of the text).
   */
  skimLine?(line: string, raw?: RawLine | null): Record<string, unknown> | undefined;
  /**
   * A lenient reading of a line `JSON.parse` refused, for every reader of
   * this format's files: the record when the damage is only where the
   * format can read around it (inside a tool's output, which `skimLine`
   * never looks into, so that a cold summary and a full read agree), else
   * undefined (the line is malformed, or torn). Absent: none.
   */
  repairLine?(line: string): Record<string, unknown> | undefined;
  /** The agent's own resume command as a template (`claude --resume {id}`), used when the user configured none. */
  readonly resumeTemplate?: string;
  /** The agent that writes these files, as people name it ("Claude Code"); absent for our own formats. */
  readonly agent?: string;
}
