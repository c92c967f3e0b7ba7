/**
 * Normalized events: what a log format's parser makes of one record, once
 * (DESIGN.md "one parse per record"). scan/ feeds them to one summarizer
 * and, when a session is opened, to one transcript builder; neither knows
 * which format they came from. A format's rules (FORMAT.md §4) travel as
 * fields of its events: store's last meta wins (`meta.replace`), the events
 * dialect's session.end totals (`status`), turns' estimates (`estimate`),
 * which records count as tool calls (`counted`), and so on.
 *
 * Events are plain data; parser state (`LogFormat.initParser`) is plain JSON
 * and is persisted with the summary state, so a grown file is parsed from
 * its offset with the state it had there.
 */
import type { TranscriptEntry } from '../types.js';
import type { RawTokens } from './common/fold-common.js';

/** A chat message as a record carries it (FORMAT.md §2.1 message shape); `content` is raw. */
export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown[];
  tool_call_id?: string;
  name?: string;
  /** Entries of the record's `tool_calls` that were no tool call, dropped by the reader (native/schemas.ts readToolCalls); absent: none. */
  droppedCalls?: number;
}

/** ISO time of the record an event came from; every event's time joins the session's span. */
interface Timed {
  ts?: string | null;
}

/**
 * Session facts. `replace`: this meta replaces every earlier one (store: the
 * last meta wins); else only its defined fields overwrite (events' start,
 * turns' and skills' models).
 */
export interface MetaEvent {
  kind: 'meta';
  replace?: boolean;
  /** A title the format records (already cleaned); blank: fall back to the first prompt. */
  title?: string;
  /** A title used only when there is neither `title` nor a real prompt (Claude: the first slash command). */
  fallbackTitle?: string;
  workspace?: string;
  /** The git branch the session was recorded on, where the log says (Claude `gitBranch`, Codex `git.branch`). */
  branch?: string;
  model?: string;
  provider?: string;
  createdAt?: string;
  updatedAt?: string;
  /** A running token total, used when no call recorded usage; priced by the session's model. */
  tokenUsage?: RawTokens;
  /** Recorded usage per `vendor|endpoint` key, winning over the sums. */
  endpointUsage?: Record<string, RawTokens>;
}

export interface MessageEvent extends Timed {
  kind: 'message';
  message: ChatMessage;
  /** Its text (text parts joined, other parts as `[type]`). */
  text: string;
  /** Counted as a user or assistant message and searched; false for copies already counted (events' repeated assistant turns). */
  tally: boolean;
  /** How it joins the resume context: appended, as the closing tail (replaced by the next), or not at all. */
  context: 'append' | 'tail' | 'none';
  /** A counted user message that is no prompt: never the title nor a preview (Gemini `/` and `?` commands). */
  notPrompt?: boolean;
}

export interface ToolCallEvent extends Timed {
  kind: 'tool_call';
  id: string;
  name: string;
  /** As recorded (a string, or JSON to show as text): only a transcript renders it. */
  arguments: unknown;
  /** This record is the format's count of a tool call (FORMAT.md §4 `toolCalls`). */
  counted: boolean;
  /** A message this call adds to the resume context (turns). */
  context?: ChatMessage;
}

export interface ToolResultEvent extends Timed {
  kind: 'tool_result';
  id: string;
  name?: string;
  /** As recorded (a string, or JSON to show as text): only a transcript renders it. */
  output: unknown;
  /**
   * What the call was given, when the result record carries it (events'
   * `tool.call` `input`: file paths, commands): searched, not drawn (the
   * call itself shows its arguments).
   */
  input?: unknown;
  durationMs?: number;
  isError?: boolean;
  /** This record is the format's count of a tool call (events' `tool.call`). */
  counted: boolean;
  context?: ChatMessage;
}

/** One LLM call's tokens. */
export interface UsageEvent extends Timed {
  kind: 'usage';
  vendor: string;
  endpoint: string;
  /** Absent: the session's model prices it. */
  model?: string;
  tokens: RawTokens;
  /** Cost the log recorded for this call (events' `cost_usd`). */
  recordedCostUsd?: number;
  latencyMs?: number;
  /** The provider whose prompt cache this call warmed; absent: the session's provider. */
  callProvider?: string;
  /** The first such call's model names the session when its meta does not (store). */
  namesSession?: boolean;
  /**
   * For sources that write one call's usage more than once: the call's key
   * (Claude `message.id:requestId`, Codex `thread_id:response_id`, Gemini
   * message id). Copies are folded by `dedupe`. Not used by the native formats.
   */
  dedupeKey?: string;
  /**
   * How copies with the same `dedupeKey` fold (ADAPTERS.md): `max-output`
   * keeps the copy with the most output tokens (Claude streaming partials);
   * `last` replaces the earlier copy (Gemini's re-written messages, Codex's
   * running totals; a zero copy retracts); `first` keeps the first (Codex
   * `token_usage_record`). Default `first`.
   */
  dedupe?: 'max-output' | 'last' | 'first';
  /**
   * The key names one billed call wherever it is written, so copies in other
   * sessions' files are the same call (ADAPTERS.md: Claude `message.id +
   * requestId` and Codex `(thread_id, response_id)` are counted once "across
   * files"): the catalog indexes such keys and the usage totals count each
   * once over every session in scope (catalog/shared-calls.ts). Absent: the
   * key is the session's own (Gemini message ids, Codex running totals).
   */
  acrossFiles?: true;
  /** How many calls this event stands for (default 1; a running total stands for several, a retraction for 0). */
  calls?: number;
  /**
   * For a running total (Codex `total_token_usage`): the one call this event
   * adds, as per-call views show it (the transcript's usage entries, the
   * Usage tab's chart); all zero when it adds none. The totals themselves
   * fold by `dedupe` as usual. Absent: the event's `tokens` are its call.
   */
  perCall?: RawTokens;
}

export interface MetricEvent extends Timed {
  kind: 'metric';
  /** `vendor|endpoint`. */
  key: string;
  name: string;
  value: number;
}

/** A compaction snapshot: the resume context restarts with its messages, whose size is `tokenCount`. */
export interface CheckpointEvent extends Timed {
  kind: 'checkpoint';
  tokenCount: number;
  messages: ChatMessage[];
  /** Entries of the record's `messages` that were no message, dropped by the reader (native/schemas.ts readMessages); absent: none. */
  droppedMessages?: number;
}

/** The resume context restarts with these messages (events: each request carries the whole conversation). */
export interface ContextEvent extends Timed {
  kind: 'context';
  messages: ChatMessage[];
  /** Characters of their text. */
  chars: number;
  /**
   * Entries of the record's `messages` that were no message, dropped, and not
   * already counted for an earlier record that carried them (events: only
   * the part of a request past the previous request); absent: none.
   */
  droppedMessages?: number;
}

/** A request identical to the previous one (a strike, FORMAT.md §3). */
export interface RepeatEvent extends Timed {
  kind: 'repeat';
}

/** A run's outcome. Each replaces the previous. `open`: not ended yet (running or incomplete by the file's age). */
export interface StatusEvent extends Timed {
  kind: 'status';
  status: 'open' | 'success' | 'failed';
  /** Recorded total cost: wins over the sum of the calls. */
  costUsd?: number;
  /** Recorded total tokens: used when the calls recorded none. */
  tokens?: RawTokens;
  durationMs?: number;
  /** The run's model when its start named none. */
  model?: string;
}

/** Token figures are estimates: characters / 3 (turns); `output` marks the output share. */
export interface EstimateEvent extends Timed {
  kind: 'estimate';
  chars: number;
  output: boolean;
}

/** A user prompt that is no message (skills: the first invocation). */
export interface PromptEvent extends Timed {
  kind: 'prompt';
  text: string;
}

/** One skill invocation: counts as a message, never empty. Its attempts follow. */
export interface InvocationEvent extends Timed {
  kind: 'invocation';
  /** The replay line. */
  text: string;
  /** What the search finds. */
  search: string;
}

/** One attempt of the invocation before it: the transcript's attempt entry, timed like every event. */
export type AttemptEvent = Omit<Extract<TranscriptEntry, { kind: 'attempt' }>, 'timestamp'> & Timed;

/** Shown in replay, counted nowhere. `search`: text the search finds though it is no message. */
export interface NoteEvent extends Timed {
  kind: 'note';
  type: string;
  text: string;
  search?: string;
}

export type NormalizedEvent =
  | MetaEvent
  | MessageEvent
  | ToolCallEvent
  | ToolResultEvent
  | UsageEvent
  | MetricEvent
  | CheckpointEvent
  | ContextEvent
  | RepeatEvent
  | StatusEvent
  | EstimateEvent
  | PromptEvent
  | InvocationEvent
  | AttemptEvent
  | NoteEvent;
