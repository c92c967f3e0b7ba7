/**
 * The one summarizer: an incremental fold over normalized events
 * (sources/events.ts) into the figures of FORMAT.md §4, for every format.
 * It never sees a record or a dialect: each format's rules arrive as fields
 * of its events. `init` makes plain, JSON-serialisable state; `step` folds
 * one event (mutating the state in place for speed); `finish` turns state
 * into figures. Prices, the clock and the file's mtime enter only at
 * `finish`, so a persisted state stays valid when they change.
 */
import {
  cleanTitle,
  CLOCK_SKEW_MS,
  hasText,
  isAmount,
  isCount,
  isPossibleTime,
  isZeroRaw,
  notePrompt,
  noteTime,
  parseTime,
  textOfContent,
  toTokens,
  type RawTokens,
  type TimeSpan,
} from '../sources/common/fold-common.js';
import { addCall, addMetric, bucketsHaveRoom, bucketsOverflowed, priceBuckets, removeCall, type Buckets } from '../sources/common/fold-usage.js';
import { userWords } from '../sources/common/title.js';
import type { MetaEvent, NormalizedEvent, StatusEvent, UsageEvent } from '../sources/events.js';
import { lookupPrice, priceMicros, providerOf, type PriceTable } from '../pricing.js';
import type { CheckpointInfo, EndpointUsage, SessionStatus, SessionSummary, Tokens } from '../types.js';
import type { TextSink } from './text-chunks.js';

/** A session with no end recorded (an open `status`) is running if its file changed this recently. */
export const RUNNING_WINDOW_MS = 10 * 60 * 1000;

export interface FinishContext {
  id: string;
  mtimeMs: number;
  nowMs: number;
  pricing: PriceTable;
  /** Prompt-cache TTL in seconds per provider; `default` for the rest. */
  cacheTtlSec: Record<string, number>;
}

/** The figures the events decide; the envelope (summary-reader.ts) adds line counts, ids, paths and times as ISO strings. */
export type SessionFigures = Pick<
  SessionSummary,
  | 'title' | 'userMessages' | 'assistantMessages' | 'messageCount' | 'toolCalls' | 'model' | 'provider' | 'workspace' | 'branch'
  | 'endpoints' | 'models' | 'tokens' | 'costMicros' | 'status' | 'checkpoints' | 'lastCheckpoint' | 'empty' | 'strikes'
  | 'firstPrompt' | 'lastPrompt' | 'invalidNumbers' | 'invalidTimes' | 'invalidEntries'
> & {
  firstMs: number | null;
  lastMs: number | null;
  /** Recorded duration; null: updated - created. */
  durationMs: number | null;
  /** Time (ms) and provider of the last LLM call, for cache warmth. */
  lastCallMs: number | null;
  lastCallProvider: string;
  /** The resume context's message count and text characters after the last checkpoint. */
  contextMessages: number;
  contextChars: number;
};

type MetaState = Omit<MetaEvent, 'kind' | 'replace'>;

/** The copy of a keyed call a session's fold kept (SummarizerState.dedupe): its bucket key, tokens and calls. */
export interface KeptCopy {
  /** Key of the bucket it was added to (fold-usage.ts addCall: `vendor|endpoint|model`); '' for a retraction. */
  b: string;
  t: RawTokens;
  c: number;
  /** 1: the key names the call across files (UsageEvent.acrossFiles). */
  a?: 1;
}

/**
 * Summarizer state: plain JSON but for {@link SummarizerState.dedupe} (a
 * Map), persisted by the summary cache through packed-state.ts stateJson,
 * which stores that Map as columns (its shape is versioned by SUMMARY_STATE_VERSION).
 */
export interface SummarizerState {
  span: TimeSpan;
  /** The last time noted in the span: the events of one record share it, and it is parsed once. */
  lastTs: string | null;
  meta: MetaState;
  user: number;
  assistant: number;
  /** Skill invocations: messages of their own kind. */
  invocations: number;
  toolCalls: number;
  hasUserText: boolean;
  firstPrompt: string;
  lastPrompt: string;
  buckets: Buckets;
  metrics: Record<string, Record<string, number[]>>;
  /** The first model a call named that may name the session (store: when meta names none). */
  firstUsageModel: string;
  lastCallMs: number | null;
  /** '' when the call named none: the session's provider. */
  lastCallProvider: string;
  status: Omit<StatusEvent, 'kind' | 'ts'> | null;
  checkpoints: number;
  /** The last checkpoint; its `messageCountAfter` is worked out at the end, from {@link SummarizerState.countAtCheckpoint}. */
  lastCheckpoint: Omit<CheckpointInfo, 'messageCountAfter'> | null;
  /** The session's message count (user + assistant + invocations) when the last checkpoint came. */
  countAtCheckpoint: number;
  strikes: number;
  /** Characters of the estimate (turns: all content, and the output share); null when tokens are recorded, not estimated. */
  estimate: { chars: number; outputChars: number } | null;
  /** The resume context since its last reset: messages, their text, and the closing tail's text (null: none). */
  context: { messages: number; chars: number; tail: number | null };
  /**
   * Usage copies kept per `UsageEvent.dedupeKey` (other agents' sources):
   * the bucket each was added to, its tokens and calls, so a better copy
   * can replace it; `a: 1` when the key counts once across sessions'
   * files (UsageEvent.acrossFiles: the catalog indexes those keys). Absent
   * until a keyed usage event arrives. A Map, not a plain object: a Claude
   * session holds a key (~40 characters, `message.id:requestId`) per billed
   * call, and a plain object made V8 internalise every key on its lookup
   * and store (0.26 s of a scan worker's 4.4 s on a cold scan of a 1 GB
   * Claude home); a Map also takes any key a log holds ("__proto__") as its
   * own. JSON.stringify writes a Map as `{}`: states are serialised only
   * by packed-state.ts stateJson, and parsed by stored-rows.ts parseState.
   */
  dedupe?: Map<string, KeptCopy>;
  /**
   * Figures the log recorded that cannot be true, left out of every total and ordering (see flagImpossible,
   * noteTime), and `entries` of a record's list that are not of their kind, dropped (see flagDropped).
   */
  flags: { numbers: number; times: number; entries: number };
  /** Record times after this (ms) are impossible: the reader's clock plus a day of skew, set before each read (null: Date.now()'s). */
  notAfterMs: number | null;
}

export function initSummarizer(): SummarizerState {
  return {
    span: { first: null, last: null },
    lastTs: null,
    meta: {},
    user: 0,
    assistant: 0,
    invocations: 0,
    toolCalls: 0,
    hasUserText: false,
    firstPrompt: '',
    lastPrompt: '',
    buckets: {},
    metrics: {},
    firstUsageModel: '',
    lastCallMs: null,
    lastCallProvider: '',
    status: null,
    checkpoints: 0,
    lastCheckpoint: null,
    countAtCheckpoint: 0,
    strikes: 0,
    estimate: null,
    context: { messages: 0, chars: 0, tail: null },
    flags: { numbers: 0, times: 0, entries: 0 },
    notAfterMs: null,
  };
}

/** The latest possible record time for `s` (see SummarizerState.notAfterMs). */
const notAfter = (s: SummarizerState): number => s.notAfterMs ?? Date.now() + CLOCK_SKEW_MS;

/**
 * Drops, in place, the figures of `ev` that cannot be true and counts them:
 * token counts that are not non-negative safe integers, costs and durations
 * that are negative, not finite or beyond safe integers, and recorded
 * session times before 2000 or after `notAfter`. Every format's figures pass
 * here before any total or ordering sees them.
 */
function flagImpossible(s: SummarizerState, ev: NormalizedEvent): void {
  switch (ev.kind) {
    case 'usage':
      // Copies of one call (Claude's lines of a streamed reply, Codex's records written twice) flag its impossible
      // counts once; a running total's events (`last`) are each a new figure. Asked only of a flagged record: the
      // copy lookup is addKeyedCall's, not another one for every usage record.
      if (ev.tokens.rejected && (ev.dedupe === 'last' || ev.dedupeKey === undefined || !s.dedupe?.has(ev.dedupeKey))) s.flags.numbers += ev.tokens.rejected;
      // Set only when recorded: assigning undefined would add the key to every call's event.
      if (ev.recordedCostUsd !== undefined) ev.recordedCostUsd = amount(s, ev.recordedCostUsd, 1e6);
      return;
    case 'status':
      rejectedTokens(s, ev.tokens);
      ev.costUsd = amount(s, ev.costUsd, 1e6);
      ev.durationMs = amount(s, ev.durationMs);
      return;
    case 'meta':
      rejectedTokens(s, ev.tokenUsage);
      for (const t of Object.values(ev.endpointUsage ?? {})) rejectedTokens(s, t);
      for (const key of ['createdAt', 'updatedAt'] as const) {
        const ms = parseTime(ev[key]);
        // A recorded time that is not a time at all is as impossible as one from 1970 (noteTime).
        if (ev[key] && (ms === null || !isPossibleTime(ms, notAfter(s)))) {
          s.flags.times++;
          ev[key] = undefined;
        }
      }
      return;
    case 'checkpoint':
      if (!isCount(ev.tokenCount)) {
        s.flags.numbers++;
        ev.tokenCount = 0;
      }
      return;
    case 'tool_result':
      ev.durationMs = amount(s, ev.durationMs);
      return;
    default:
      return;
  }
}

/** Counts the token figures a record gave that could not be counts (RawTokens.rejected). */
function rejectedTokens(s: SummarizerState, t: RawTokens | undefined): void {
  if (t?.rejected) s.flags.numbers += t.rejected;
}

/** `v` when it is a possible amount (`scale`: units per one, see isAmount), else undefined, counted. */
function amount(s: SummarizerState, v: number | undefined, scale = 1): number | undefined {
  if (v === undefined || isAmount(v, scale)) return v;
  s.flags.numbers++;
  return undefined;
}

/**
 * Counts the entries of `ev`'s record that its reader dropped as not of
 * their kind: `tool_calls` entries that are no tool call (native/schemas.ts
 * readToolCalls) and `messages` entries that are no message (readMessages;
 * a request's only when new since the previous request, see
 * native/events/parse.ts). The rest of the record was read.
 */
function flagDropped(s: SummarizerState, ev: NormalizedEvent): void {
  if (ev.kind === 'message') s.flags.entries += ev.message.droppedCalls ?? 0;
  else if (ev.kind === 'checkpoint') {
    s.flags.entries += ev.droppedMessages ?? 0;
    for (const m of ev.messages) s.flags.entries += m.droppedCalls ?? 0;
  } else if (ev.kind === 'context') s.flags.entries += ev.droppedMessages ?? 0;
}

function appendContext(s: SummarizerState, chars: number): void {
  s.context.messages++;
  s.context.chars += chars;
  if (s.lastCheckpoint) s.lastCheckpoint.messagesAfter++;
}

/** The text of a tool call's arguments or a tool's output as recorded: a string as is, anything else as JSON. */
function recordedText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts = textOfContent(value);
    if (parts && !parts.startsWith('[')) return parts;
  }
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * Folds one event into `s`. `text` receives what the full-text index
 * searches: every counted message (user, assistant, system and tool),
 * tool-call arguments and tool output, checkpoint messages, skill
 * invocations and notes that carry search text. The text never enters the
 * state (it is not persisted with it).
 */
export function summarizeEvent(s: SummarizerState, ev: NormalizedEvent, text?: TextSink): void {
  if (ev.kind !== 'meta' && ev.ts && ev.ts !== s.lastTs) {
    s.lastTs = ev.ts;
    if (!noteTime(s.span, ev.ts, notAfter(s))) s.flags.times++;
  }
  flagImpossible(s, ev);
  flagDropped(s, ev);
  switch (ev.kind) {
    case 'meta': {
      if (ev.replace) s.meta = {};
      const meta = s.meta as Record<string, unknown>;
      for (const key in ev) {
        const value = (ev as unknown as Record<string, unknown>)[key];
        if (value !== undefined && key !== 'kind' && key !== 'replace') meta[key] = value;
      }
      return;
    }
    case 'message': {
      const m = ev.message;
      if (ev.context === 'append') appendContext(s, ev.text.length);
      else if (ev.context === 'tail') s.context.tail = ev.text.length;
      if (!ev.tally) return;
      if (m.role === 'user') {
        s.user++;
        if (hasText(m.content)) s.hasUserText = true;
        // Prompts (and so the title) are the user's own words: no placeholders, no injected context.
        const words = ev.notPrompt ? '' : userWords(m.content);
        if (words) notePrompt(s, words);
      } else if (m.role === 'assistant') s.assistant++;
      text?.add(ev.text);
      return;
    }
    case 'tool_call':
    case 'tool_result':
      if (text) {
        if (ev.kind === 'tool_call') text.add(`${ev.name} ${recordedText(ev.arguments)}`);
        else {
          // A tool.call's input (a path, a command) is what people remember as much as its output.
          if (ev.input !== undefined) text.add(`${ev.name ?? ''} ${recordedText(ev.input)}`);
          text.add(recordedText(ev.output));
        }
      }
      if (ev.counted) s.toolCalls++;
      if (ev.context) appendContext(s, textOfContent(ev.context.content).length);
      return;
    case 'usage': {
      // Sums past 2^53 - 1 are capped (counts.ts): the record that takes the session's total there is flagged like a bad count.
      const roomy = bucketsHaveRoom(s.buckets, ev.tokens);
      const wasExact = roomy || !bucketsOverflowed(s.buckets);
      if (ev.dedupeKey !== undefined) addKeyedCall(s, ev);
      else addCall(s.buckets, { vendor: ev.vendor, endpoint: ev.endpoint, model: ev.model ?? '', tokens: ev.tokens, recordedUsd: ev.recordedCostUsd, calls: ev.calls });
      if (!roomy && wasExact && bucketsOverflowed(s.buckets)) s.flags.numbers++;
      if (ev.namesSession && ev.model && !s.firstUsageModel) s.firstUsageModel = ev.model;
      const t = parseTime(ev.ts);
      if (t !== null && isPossibleTime(t, notAfter(s)) && (s.lastCallMs === null || t >= s.lastCallMs)) {
        s.lastCallMs = t;
        s.lastCallProvider = ev.callProvider ?? '';
      }
      return;
    }
    case 'metric':
      addMetric(s.metrics, ev.key, ev.name, ev.value);
      return;
    case 'checkpoint':
      s.checkpoints++;
      s.lastCheckpoint = { timestamp: ev.ts ?? null, tokenCount: ev.tokenCount, messagesAfter: 0 };
      s.countAtCheckpoint = s.user + s.assistant + s.invocations;
      // Everything before is summarised by the checkpoint (its size is tokenCount, not characters).
      s.context = { messages: ev.messages.length, chars: 0, tail: null };
      if (text) for (const m of ev.messages) text.add(textOfContent(m.content));
      return;
    case 'context':
      s.context = { messages: ev.messages.length, chars: ev.chars, tail: null };
      return;
    case 'repeat':
      s.strikes++;
      return;
    case 'status': {
      const { kind: _kind, ts: _ts, ...status } = ev;
      s.status = status;
      return;
    }
    case 'estimate':
      s.estimate ??= { chars: 0, outputChars: 0 };
      s.estimate.chars += ev.chars;
      if (ev.output) s.estimate.outputChars += ev.chars;
      return;
    case 'prompt':
      notePrompt(s, ev.text);
      return;
    case 'invocation':
      s.invocations++;
      text?.add(ev.search);
      return;
    case 'attempt':
      s.toolCalls++;
      return;
    case 'note':
      if (ev.search) text?.add(ev.search);
      return;
    default:
      ev satisfies never;
  }
}

/**
 * Folds a usage event that has a dedupe key (ADAPTERS.md usage rules): the
 * first copy is added; a later copy replaces it when the policy says so
 * (`last` always, `max-output` when it has more output), and is dropped
 * otherwise (`first`). Replacing takes the earlier copy back out of its bucket.
 */
function addKeyedCall(s: SummarizerState, ev: UsageEvent): void {
  const key = ev.dedupeKey!;
  const seen = (s.dedupe ??= new Map());
  const prev = seen.get(key);
  const policy = ev.dedupe ?? 'first';
  if (prev) {
    if (policy === 'first' || (policy === 'max-output' && ev.tokens.output <= prev.t.output)) return;
    removeCall(s.buckets, prev.b, prev.t, prev.c);
  }
  const calls = ev.calls ?? 1;
  if (calls === 0 && isZeroRaw(ev.tokens)) {
    // A retraction (a rewound Gemini message, Codex totals superseded by records): nothing to add.
    seen.set(key, { b: '', t: { ...ev.tokens }, c: 0 });
    return;
  }
  const b = addCall(s.buckets, { vendor: ev.vendor, endpoint: ev.endpoint, model: ev.model ?? '', tokens: ev.tokens, calls });
  seen.set(key, ev.acrossFiles ? { b, t: { ...ev.tokens }, c: calls, a: 1 } : { b, t: { ...ev.tokens }, c: calls });
}

export function finishSummary(s: SummarizerState, ctx: FinishContext): SessionFigures {
  const meta = s.meta;
  // A recorded model names the session (a blank one too, unless the run's end names one); with none, the
  // end's model, else the first model a call named (store's usage entries).
  const model = meta.model !== undefined ? meta.model || s.status?.model || '' : s.status?.model || s.firstUsageModel;
  const provider = providerOf(model, meta.provider || null);
  const usage = priceBuckets(s.buckets, model, provider, ctx.pricing, s.metrics);
  applyEndpointUsage(usage.endpoints, meta.endpointUsage);

  let tokens: Tokens;
  let costMicros = usage.costMicros;
  if (s.estimate) {
    // No usage is recorded: characters / 3 (format §4), the output share from assistant text and calls.
    const total = Math.floor(s.estimate.chars / 3);
    const output = Math.min(total, Math.floor(s.estimate.outputChars / 3));
    tokens = toTokens({ input: total - output, output, cacheRead: 0, cacheWrite: 0, total }, true);
  } else {
    let raw: RawTokens = usage.tokens;
    // No call recorded usage: a running total (store meta `token_usage`), else the run's end (`session.end`
    // tokens, FORMAT.md §4) is all we know; either is priced by the session model, never left at $0.00.
    const whole = Object.keys(s.buckets).length === 0 && meta.tokenUsage ? meta.tokenUsage : isZeroRaw(raw) && s.status?.tokens ? s.status.tokens : null;
    if (whole) {
      raw = whole;
      const price = lookupPrice(ctx.pricing, model);
      costMicros = price && !isZeroRaw(raw) ? priceMicros(price, raw) : null;
    }
    tokens = toTokens(raw);
  }
  // A recorded total cost wins; otherwise nothing spent on no tokens is unknown, not free.
  if (s.status?.costUsd != null) costMicros = Math.round(s.status.costUsd * 1e6);
  else if (costMicros === 0 && isZeroRaw(tokens)) costMicros = null;

  const title = meta.title || s.firstPrompt || meta.fallbackTitle || '';
  return {
    title,
    firstMs: parseTime(meta.createdAt) ?? s.span.first,
    lastMs: parseTime(meta.updatedAt) ?? s.span.last,
    invalidNumbers: s.flags.numbers,
    invalidTimes: s.flags.times,
    invalidEntries: s.flags.entries,
    userMessages: s.user,
    assistantMessages: s.assistant,
    messageCount: s.user + s.assistant + s.invocations,
    toolCalls: s.toolCalls,
    model,
    provider,
    workspace: meta.workspace ?? null,
    ...(meta.branch ? { branch: meta.branch } : {}),
    endpoints: usage.endpoints,
    models: usage.models,
    tokens,
    costMicros,
    status: statusOf(s, ctx),
    durationMs: s.status?.durationMs ?? null,
    checkpoints: s.checkpoints,
    lastCheckpoint: s.lastCheckpoint
      ? { ...s.lastCheckpoint, messageCountAfter: Math.max(0, s.user + s.assistant + s.invocations - s.countAtCheckpoint) }
      : null,
    empty: !s.hasUserText && s.invocations === 0,
    lastCallMs: s.lastCallMs,
    lastCallProvider: s.lastCallProvider || provider,
    strikes: s.strikes,
    firstPrompt: s.firstPrompt,
    lastPrompt: cleanTitle(s.lastPrompt),
    contextMessages: s.context.messages + (s.context.tail === null ? 0 : 1),
    contextChars: s.context.chars + (s.context.tail ?? 0),
  };
}

function statusOf(s: SummarizerState, ctx: FinishContext): SessionStatus {
  if (!s.status) return 'unknown';
  if (s.status.status !== 'open') return s.status.status;
  const age = ctx.nowMs - ctx.mtimeMs;
  return age >= 0 && age < RUNNING_WINDOW_MS ? 'running' : 'incomplete';
}

/** Recorded usage per `vendor|endpoint` key wins over the sum of calls (format §2.1). */
function applyEndpointUsage(endpoints: EndpointUsage[], recorded: Record<string, RawTokens> | undefined): void {
  if (!recorded) return;
  for (const [key, raw] of Object.entries(recorded)) {
    const tokens = toTokens(raw);
    const existing = endpoints.find((e) => e.key === key);
    if (existing) existing.tokens = tokens;
    else {
      const i = key.indexOf('|');
      endpoints.push({
        key,
        vendor: i === -1 ? key : key.slice(0, i),
        endpoint: i === -1 ? '' : key.slice(i + 1),
        calls: 0,
        tokens,
        costMicros: null,
        metrics: {},
      });
    }
  }
}

export function cacheWarmUntil(f: SessionFigures, ctx: FinishContext): string | null {
  if (f.lastCallMs === null) return null;
  const ttl = ctx.cacheTtlSec[f.lastCallProvider] ?? ctx.cacheTtlSec.default ?? 300;
  const until = f.lastCallMs + ttl * 1000;
  return until > ctx.nowMs ? new Date(until).toISOString() : null;
}
