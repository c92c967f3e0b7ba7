/**
 * The normalized model every dialect reader produces (docs/format.md §4).
 * Plain data only: summaries are cached and serialised, so no classes,
 * no Dates (times are ISO-8601 UTC strings), no functions.
 */

/**
 * The id of a registered log format (sources/registry.ts): today the four
 * native dialects of docs/format.md §2, `store`, `events`, `turns` and
 * `skills`. A string, not a union, because the formats are registered in
 * sources/ and this file imports nothing: a new format is one folder and one
 * registry line, with no edit here.
 */
export type Dialect = string;

/** Token figures of one call, one session or one aggregate. */
export interface Tokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** `total_tokens` when recorded, else input + output. */
  total: number;
  /** True when the figures are estimates (turns: characters / 3; skills: none). */
  estimated: boolean;
  /** The part of `output` that was reasoning / thoughts (Codex `reasoning_output_tokens`, Gemini `thoughts`); absent: not recorded. */
  reasoning?: number;
  /** The part of `cacheWrite` written to the 5-minute cache (Claude `ephemeral_5m_input_tokens`); absent: not recorded. */
  cacheWrite5m?: number;
  /** The part of `cacheWrite` written to the 1-hour cache (Claude `ephemeral_1h_input_tokens`), priced at 2x input; absent: not recorded. */
  cacheWrite1h?: number;
}

/** Session outcome (format §4 `status`). */
export type SessionStatus = 'success' | 'failed' | 'running' | 'incomplete' | 'unknown';

/** Usage of one `vendor|endpoint` key (store `usage` entries, events responses). */
export interface EndpointUsage {
  /** `vendor + "|" + endpoint`, the key of format §2.1. */
  key: string;
  vendor: string;
  endpoint: string;
  calls: number;
  tokens: Tokens;
  /** Priced cost in micro-USD; null when any call of this key had no price. */
  costMicros: number | null;
  /** From `metric` records: name → values in record order (e.g. ttft_ms, latency_ms). */
  metrics: Record<string, number[]>;
}

/** Usage of one provider/model inside a session (the per-model split). */
export interface ModelUsage {
  provider: string;
  model: string;
  calls: number;
  tokens: Tokens;
  /** micro-USD; null when unpriced. */
  costMicros: number | null;
}

export interface CheckpointInfo {
  /** ISO time of the last checkpoint (null when it had none). */
  timestamp: string | null;
  tokenCount: number;
  /** Message records (all roles: tool and system too) after the last checkpoint: what the resume context holds after it. */
  messagesAfter: number;
  /**
   * Messages after the last checkpoint counted as `messageCount` counts
   * them (user + assistant; skills: invocations): the list's msgs column,
   * so every view says the same number.
   */
  messageCountAfter: number;
}

/** What the list, the search and the cost view need about one session. */
export interface SessionSummary {
  /** The session id: the file name (native), else the agent's own id (Claude `sessionId`, Codex `session_meta` id, Gemini `sessionId`). */
  id: string;
  /** Which source it came from: `native` (FORMAT.md), `claude`, `codex`, `gemini`. Absent in summaries made before sources existed: native. */
  source?: string;
  /** Further files folded into this session after `path` (Claude subagent transcripts); absent: none. */
  parts?: string[];
  path: string;
  /**
   * The file's dialect; `none` while no record has been recognised (a
   * zero-byte file, a partial first line: an empty session, format §2.1).
   */
  dialect: Dialect | 'none';
  projectId: string;
  title: string;
  /**
   * The agent's own title when the user renamed the session (store/labels.ts):
   * `title` is then the user's name. Set by the browser, never stored in the catalog.
   */
  originalTitle?: string;
  /** Pinned to the top of its project by the user (store/labels.ts); browser only. */
  pinned?: boolean;
  /** The git branch the session was recorded on, where the log has it (Claude, Codex); absent otherwise. */
  branch?: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  updatedAt: string;
  messageCount: number;
  userMessages: number;
  assistantMessages: number;
  toolCalls: number;
  /** Main model ('' when none recorded). */
  model: string;
  /** Provider of the main model (format §3), 'default' when none. */
  provider: string;
  /** Recorded workspace (`workspace`, `work_dir`, `project_root`), null if none. */
  workspace: string | null;
  endpoints: EndpointUsage[];
  models: ModelUsage[];
  tokens: Tokens;
  /**
   * Cost in USD (exact micro-USD / 1e6); null = unknown, never 0 by default.
   * A cost past 2^53 - 1 micro-USD (about $9.007 billion) is capped there,
   * and the summary is `overflowed`.
   */
  costUsd: number | null;
  /** Same figure in integer micro-USD, for summing without float drift. */
  costMicros: number | null;
  status: SessionStatus;
  /** Duration in ms when recorded (events `session.end` duration_ms) else updated - created. */
  durationMs: number;
  checkpoints: number;
  lastCheckpoint: CheckpointInfo | null;
  malformedLines: number;
  unknownLines: number;
  /** Lines longer than the reader's cap, skipped. */
  oversizedLines: number;
  /**
   * Lines that began with a torn record (cut by a crash, or NUL bytes) and
   * ended in a complete one: the complete record was read, the torn part lost.
   */
  tornLines: number;
  /**
   * Recorded figures that cannot be true (token counts that are not
   * non-negative safe integers; negative, infinite or astronomically large
   * costs and durations): left out of every total.
   */
  invalidNumbers: number;
  /** Record times before 2000 or more than a day ahead of the reader's clock: left out of ordering and ages. */
  invalidTimes: number;
  /**
   * Entries of a record's list that are not of their kind (a `tool_calls`
   * entry that is a number, or an object with no string name; a checkpoint's
   * or llm.request's `messages` entry with no string role): dropped, the
   * record's other entries kept. A request's junk counts once, not again
   * in every later request that repeats it (docs/format.md §2.2).
   */
  invalidEntries: number;
  /**
   * Present (true) when a token total or the cost passed 2^53 - 1 (tokens
   * or micro-USD) and is capped at Number.MAX_SAFE_INTEGER (counts.ts): not
   * exact, so printers say "overflow"; as UsageRow.overflowed. Exact token
   * counts priced at a high rate can pass it in micro-USD on their own.
   */
  overflowed?: true;
  /**
   * Characters (UTF-16 units) of this session's text that no search finds:
   * one read indexes at most 32 Mi characters (scan/text-chunks.ts
   * PASS_TEXT_CHARS, a memory bound), and this much was past it. Absent:
   * all of it was indexed, or its text has not been read for the index yet.
   */
  unindexedChars?: number;
  pendingTail: boolean;
  empty: boolean;
  /** ISO time until which the provider's prompt cache is warm, null if cold/unknown. */
  cacheWarmUntil: string | null;
  /** events: repeated identical consecutive llm.requests (≥ 2 = looping). */
  strikes: number;
  /** First user prompt (first line, collapsed) and last one, for previews. */
  firstPrompt: string;
  lastPrompt: string;
  /**
   * What a resume loads (format §2.1): the messages of the resume context
   * (last checkpoint's messages + messages after it; all without one) and
   * the characters of their text after the checkpoint, for the token estimate.
   */
  resumeContext: { messages: number; chars: number };
  /**
   * Calls this session's files hold that another session in the same scope
   * counts (see {@link CopiedUsage}); absent when it holds none, or when the
   * summaries were not asked for it (`SummariesOptions.sharedCalls`).
   */
  copies?: CopiedUsage;
}

/**
 * The calls of a session that are copies of calls another session counts
 * (ADAPTERS.md: a Claude `message.id + requestId`, a Codex `(thread_id,
 * response_id)`, is one billed call "across files"; a forked session or an
 * old-style resume copies earlier responses into its own file). Among the
 * sessions holding one call, the one with the largest copy (most output
 * tokens) counts it, the earliest (`createdAt`, then path) when copies are
 * equal, as a verbatim copy is; the others list it here. The session's own
 * figures (`tokens`, `costMicros`, `models`, `endpoints`) still include
 * these, as its file does; usage totals subtract them (usage/usage.ts), so
 * each call is counted once, as it was billed. Tokens in tokens, cost in
 * micro-USD (null: some copy has no price).
 */
export interface CopiedUsage {
  /** Calls copied (each counted in another session). */
  calls: number;
  tokens: Tokens;
  costMicros: number | null;
  /** The same split by model (provider and model as in `models`). */
  models: ModelUsage[];
  /** The same split by `vendor|endpoint` key (as in `endpoints`). */
  endpoints: Omit<EndpointUsage, 'metrics'>[];
  /** Ids of the sessions that count these calls, sorted. */
  countedIn: string[];
}

/** One entry of a replayable transcript. Text is raw: sanitize on render. */
export type TranscriptEntry =
  | {
      kind: 'message';
      timestamp: string | null;
      role: 'user' | 'assistant' | 'system' | 'tool';
      text: string;
      /** Only for role 'tool': the call this answers. */
      toolCallId?: string;
      name?: string;
    }
  | { kind: 'tool_call'; timestamp: string | null; id: string; name: string; arguments: string }
  | {
      kind: 'tool_result';
      timestamp: string | null;
      id: string;
      name?: string;
      text: string;
      durationMs?: number;
      isError?: boolean;
    }
  | {
      kind: 'checkpoint';
      timestamp: string | null;
      tokenCount: number;
      messages: ResumeMessage[];
    }
  | {
      kind: 'usage';
      timestamp: string | null;
      model: string;
      vendor: string;
      endpoint: string;
      tokens: Tokens;
      costMicros: number | null;
      latencyMs?: number;
    }
  | { kind: 'note'; timestamp: string | null; type: string; text: string }
  | {
      kind: 'attempt';
      timestamp: string | null;
      /** The invocation this attempt belongs to. */
      skill: string;
      invocation: number;
      attempt: number;
      tier: string;
      model: string;
      durationMs: number;
      verdict: string;
      verified: boolean;
      feedback?: string;
    };

/** A message as carried in a resume context (format §2.1 message shape). */
export interface ResumeMessage {
  role: string;
  content: unknown;
  tool_calls?: unknown[];
  tool_call_id?: string;
  name?: string;
}

export interface Transcript {
  summary: SessionSummary;
  entries: TranscriptEntry[];
  /** The resume context: last checkpoint's messages + messages after it. */
  resumeContext: ResumeMessage[];
  /** Index in `entries` of the last checkpoint, -1 when none. */
  lastCheckpointIndex: number;
}

/**
 * What the folded lines of a big entry show of its big text, worked out once
 * from the whole entry when it is indexed (format/replay-lines.ts
 * `entryFold`), so the folded entry is drawn without reading it again.
 */
export interface EntryFold {
  /** The text's first lines as a folded result shows them (each cut to a few KB). */
  head: string;
  /** Lines of the whole text, as the folded "(+N lines" count counts them. */
  lines: number;
  /** UTF-8 bytes of the whole text. */
  bytes: number;
  /** A tool call's one-line arguments summary ('' for other kinds). */
  summary: string;
}

/** One entry as a windowed transcript holds it. */
export interface HeldEntry {
  /**
   * The entry whole when it is small; a big one (a text over a few KB) with
   * its big text left out ('' or no messages): `TranscriptView.whole` reads it back.
   */
  entry: TranscriptEntry;
  /** null when `entry` is whole; else its folded lines' figures, secrets in clear and masked. */
  folds: { plain: EntryFold; masked: EntryFold } | null;
}

/**
 * A transcript that holds only what its lines need: every entry's kind,
 * time and small fields, and big texts as a range of the log that is read
 * again when the entry is drawn open (scan/transcript-index.ts). What the
 * session screen shows; memory stays bounded whatever the file's size.
 */
export interface TranscriptView {
  summary: SessionSummary;
  /** Entries in the transcript. */
  readonly count: number;
  /** Index of the last checkpoint entry, -1 when none. */
  lastCheckpointIndex: number;
  /** Entry `i` (0 ≤ i < count) as held. */
  held(i: number): HeldEntry;
  /** Entry `i` whole: read again from the log when it is held cut (the last few are cached). */
  whole(i: number): TranscriptEntry;
}

/** Per-line problems found by `doctor`. */
export interface FileDiagnosis {
  path: string;
  id: string;
  dialect: Dialect | null;
  lines: number;
  malformed: number[];
  unknown: number[];
  oversized: number[];
  /** Lines torn before the complete record they end in (SessionSummary.tornLines). */
  torn: number[];
  /**
   * Lines that are not JSON only inside a tool's output (a bad escape, a raw
   * control character): read, the output taken as written (LogFormat.repairLine).
   * Nothing is lost: not a problem, said as a note.
   */
  repaired: number[];
  /** Lines whose records hold figures that cannot be true (SessionSummary.invalidNumbers), left out of totals. */
  invalidNumbers: number[];
  /** Lines whose records hold impossible times (SessionSummary.invalidTimes), left out of ordering. */
  invalidTimes: number[];
  /** Lines whose records hold entries not of their kind (SessionSummary.invalidEntries), dropped. */
  invalidEntries: number[];
  /** Characters of the file's text past what one read indexes (SessionSummary.unindexedChars): not found by search. Not a problem. */
  unindexedChars: number;
  pendingTail: boolean;
  /**
   * No record yet and nothing skipped: zero bytes, blank lines, or only a
   * partial first line. An empty session (format §2.1), not a problem.
   */
  empty: boolean;
}

/** What Enter will do for a session: shown on the Resume tab and used by `resume`. */
export interface ResumePlan {
  sessionId: string;
  /** The last checkpoint the resume starts from; null = the whole conversation. */
  checkpoint: { timestamp: string | null; tokenCount: number } | null;
  /**
   * Messages after that checkpoint (all of them when none), counted as the
   * list's msgs column counts them (SessionSummary.messageCount).
   */
  messagesAfter: number;
  /** Records in the resume context file (checkpoint messages, then every message record after: tool calls and results too). */
  contextMessages: number;
  /** Estimated tokens of the resume context (checkpoint token_count + chars/3 of the rest). */
  estimatedContextTokens: number;
  /** The exact argv Enter will spawn (no shell); null when no resume command is configured. */
  argv: string[] | null;
  /** Working directory of the spawn: the session's workspace when it exists, else its project root; null when neither exists (resume refuses). */
  cwd: string | null;
  /** The workspace the session recorded (it may not exist on this machine). */
  workspace: string | null;
  /** Why the recorded (non-blank) workspace is not `cwd`: "no longer exists" or "is not a folder"; null when it is used or none was recorded. */
  workspaceProblem: string | null;
  /** What `cwd` is when it is not the workspace, for display ("the project root", "the demo's private copy"); null when it is the workspace or null. */
  cwdLabel: string | null;
  /** Where the template came from, for display: 'flag' | 'env' | 'config' | null. */
  commandSource: 'flag' | 'env' | 'config' | 'agent' | null;
  /** ISO time until which the prompt cache is warm; null when cold or unknown. */
  cacheWarmUntil: string | null;
}

/** Which sessions a list shows: the project in scope, or every project. */
export type Scope = 'project' | 'all';

/** A path a load skipped, and why (the browser's one-line note). */
export interface SkippedPath {
  path: string;
  /** True for a project folder (refused: a symbolic link), false for a session file. */
  projectFolder: boolean;
  /** Why, in a few words ("project folder is a symbolic link", "EACCES: permission denied …"). */
  reason: string;
}

/**
 * Where the `{context}` file of a resume starts: the last checkpoint (its
 * summary, then what came after; the default) or the whole conversation.
 */
export type ResumeFrom = 'checkpoint' | 'start';
