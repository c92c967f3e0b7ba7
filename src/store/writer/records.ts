/**
 * The record shapes the writers produce, field for field as in format §2.
 * These are the strict write-side types; the zod schemas in ../sources/native/ (schemas.ts and each dialect's schema.ts)
 * are the liberal read side.
 */

/** Token usage object (format §3). Counts are non-negative integers. */
export interface TokenUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_tokens?: number;
  cache_write_tokens?: number;
  total_tokens?: number;
}

/** A tool call made by an assistant message; `arguments` is usually a JSON string. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A message part; `text` parts are shown, other types by their type. */
export interface ContentPart {
  type: string;
  text?: string;
  [key: string]: unknown;
}

/** A chat message (store `message.message`, checkpoint messages, llm.request messages). */
export interface ChatMessage {
  role: 'user' | 'assistant' | 'system' | 'tool';
  content: string | ContentPart[];
  tool_calls?: ToolCall[];
  /** For role `tool`: the call this answers. */
  tool_call_id?: string;
  /** For role `tool`: the tool's name. */
  name?: string;
}

// ---- store dialect (format §2.1) ----

/** Fields of a `meta` record. Times are ISO-8601 strings. */
export interface StoreMeta {
  id?: string;
  created_at?: string;
  updated_at?: string;
  title?: string;
  workspace?: string;
  vendor?: string;
  endpoint?: string;
  model?: string;
  token_usage?: TokenUsage;
  /** Keyed by `vendor + "|" + endpoint`; wins over the sum of usage entries. */
  endpoint_usage?: Record<string, TokenUsage>;
}

/** One LLM call's usage. */
export interface UsageEntry {
  timestamp?: string;
  turn_index?: number;
  model?: string;
  vendor?: string;
  endpoint?: string;
  usage: TokenUsage;
}

/** One endpoint metric, e.g. `{name: "ttft_ms", value: 420}`. */
export interface Metric {
  name: string;
  value: number;
}

export type StoreMetaRecord = { type: 'meta' } & StoreMeta;
export interface StoreMessageRecord {
  type: 'message';
  timestamp?: string;
  message: ChatMessage;
}
export interface StoreCheckpointRecord {
  type: 'checkpoint';
  timestamp?: string;
  token_count: number;
  messages: ChatMessage[];
}
export interface StoreUsageRecord {
  type: 'usage';
  entry: UsageEntry;
}
export interface StoreMetricRecord {
  type: 'metric';
  timestamp?: string;
  vendor: string;
  endpoint: string;
  metric: Metric;
}
export interface StoreTunnelRecord {
  type: 'tunnel_event';
  event: Record<string, unknown>;
}

/** Any record of the `store` dialect. */
export type StoreRecord =
  | StoreMetaRecord
  | StoreMessageRecord
  | StoreCheckpointRecord
  | StoreUsageRecord
  | StoreMetricRecord
  | StoreTunnelRecord;

// ---- turns dialect (format §2.3) ----

/** Turn types that are written. */
export type TurnType = 'user' | 'assistant' | 'tool_call' | 'tool_result' | 'system';
/** Turn types that are dropped, never written (format §2.3). */
export type EphemeralTurnType = 'progress' | 'typing' | 'ping';

export interface TurnRecord {
  type: TurnType;
  content: string;
  tool_name?: string;
  tool_id?: string;
  model?: string;
  timestamp: string;
}

// ---- events dialect (format §2.2) ----

export interface EventRecord {
  session_id: string;
  seq: number;
  /** Dotted type: `session.start`, `llm.request`, ... */
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** `session.start` data. */
export interface SessionStartData {
  provider?: string;
  model?: string;
  work_dir?: string;
  max_iterations?: number;
  prompt?: string;
  [key: string]: unknown;
}

/** `llm.request` data: the whole conversation so far. */
export interface LlmRequestData {
  messages: ChatMessage[];
  model?: string;
  tools?: { name: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

/** `llm.response` data. */
export interface LlmResponseData {
  content?: string | ContentPart[];
  tool_calls?: ToolCall[];
  usage?: TokenUsage;
  cost_usd?: number;
  latency_ms?: number;
  model?: string;
  provider?: string;
  endpoint?: string;
  finish_reason?: string;
  [key: string]: unknown;
}

/** `tool.call` data. */
export interface ToolCallData {
  tool: string;
  input?: unknown;
  output?: unknown;
  duration_ms?: number;
  error?: unknown;
  [key: string]: unknown;
}

/** `session.end` data; `status` `success` counts as success, anything else as failed. */
export interface SessionEndData {
  status: string;
  output?: string;
  tokens?: TokenUsage;
  cost_usd?: number;
  duration_ms?: number;
  model?: string;
  selected_provider?: string;
  attempted_providers?: string[];
  failover_count?: number;
  [key: string]: unknown;
}

// ---- skills dialect (format §2.4) ----

export interface SkillAttempt {
  attempt: number;
  model: string;
  tier: 'local' | 'subagent' | 'managed';
  duration_ms: number;
  warm_start?: boolean;
  verified: boolean;
  verdict: string;
  feedback?: string;
}

/** One skill invocation, as given to the appender (session id and defaults are filled in). */
export interface SkillInvocation {
  timestamp?: string;
  skill: string;
  phase?: string;
  /** Defaults to the canonical project root. */
  project_root?: string;
  attempts: SkillAttempt[];
  /** `ok`, or anything else for a failure. */
  final_status: string;
  file_path?: string;
  model_used?: string;
  duration_ms?: number;
  message?: string;
}

export type SkillRecord = SkillInvocation & { session_id: string; timestamp: string };
