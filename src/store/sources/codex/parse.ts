/**
 * Codex CLI rollout lines as normalized events (ADAPTERS.md "Codex CLI").
 *
 * Usage rules:
 * - `token_usage_record` (2026): once per `(thread_id, response_id)`
 *   (dedupe `first`; `acrossFiles`: "across all files", so a copy in another
 *   rollout is counted once), model from `attribution.model`. Once one is seen, the
 *   `token_count` totals of the file are retracted and ignored.
 * - else `token_count`: only increases of `total_token_usage` count (it is
 *   re-emitted unchanged); they add up per model as one running total per
 *   model (dedupe `last`, so a retraction is a zero copy).
 * - a child thread (`session_meta.source.subagent`) replays its parent's
 *   items first: totals seen before the child's own first turn are its
 *   baseline, never counted.
 * - tokens: `cached_input_tokens` and `cache_write_input_tokens` are part
 *   of `input_tokens` (taken out: `input` excludes the cache); reasoning is
 *   part of `output_tokens` (`reasoning` gives it).
 * - `compacted` is a checkpoint; its `latest_token_usage_record` is a copy,
 *   never counted. `thread_rolled_back` is a note in replay.
 * Text: user and assistant words come from `event_msg` (`user_message`,
 * `agent_message`); the `response_item` copies are not shown twice. Older
 * files (bare first line, unwrapped items) show their items.
 */
import { ownOrSet, ownValue } from '../common/own-keys.js';
import { readCount, textOfContent, zeroRaw, type CountTally, type RawTokens } from '../common/fold-common.js';
import { addTokens } from '../../counts.js';
import type { NormalizedEvent } from '../events.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** Parser state: plain JSON. */
export interface CodexParserState {
  /** The model of the turns that follow (`turn_context`). */
  model: string;
  /** The session's first model was noted, and its workspace. */
  named: boolean;
  cwd: boolean;
  /** The thread (session) id, for record keys. */
  thread: string;
  /** A child thread that has not begun its own turns yet (its parent's replay). */
  replay: boolean;
  /** The last `total_token_usage` seen (input, cached, cache write, output, reasoning, total). */
  last: number[] | null;
  /** Running totals of the counted increases per model, and how many increases. */
  totals: Record<string, { t: RawTokens; n: number }>;
  /** `token_usage_record`s were seen: totals no longer count. */
  records: boolean;
  /** The file is the wrapped format (`{timestamp, type, payload}`): text comes from event_msg. */
  wrapped: boolean;
}

export function initCodexParser(): CodexParserState {
  return { model: '', named: false, cwd: false, thread: '', replay: false, last: null, totals: {}, records: false, wrapped: false };
}

const VENDOR = 'openai';
const ENDPOINT = 'codex';

/**
 * Tokens of a Codex usage object (ADAPTERS.md: cached and cache-write are
 * part of input, reasoning part of output). A count that is not a
 * non-negative safe integer is read as 0 and counted in `rejected`
 * (fold-common readCount): flagged, never summed nor priced.
 */
export function codexTokens(u: Obj): RawTokens {
  const tally: CountTally = { rejected: 0 };
  const inputAll = readCount(u.input_tokens, tally);
  const cacheRead = Math.min(readCount(u.cached_input_tokens, tally), inputAll);
  const cacheWrite = Math.min(readCount(u.cache_write_input_tokens, tally), inputAll - cacheRead);
  const output = readCount(u.output_tokens, tally);
  const reasoning = Math.min(readCount(u.reasoning_output_tokens, tally), output);
  const recorded = u.total_tokens != null ? readCount(u.total_tokens, tally) : addTokens(inputAll, output);
  // A recorded total beside a count left out holds that count: the total is then what was kept.
  const total = tally.rejected > 0 ? addTokens(inputAll, output) : recorded;
  const raw: RawTokens = { input: inputAll - cacheRead - cacheWrite, output, cacheRead, cacheWrite, total, reasoning };
  if (tally.rejected > 0) raw.rejected = tally.rejected;
  return raw;
}

/** A `total_token_usage` as (input, cached, cache write, output, reasoning, total); counts it rejects are tallied (and read as 0). */
function vector(u: Obj, tally: CountTally): number[] {
  return [u.input_tokens, u.cached_input_tokens, u.cache_write_input_tokens, u.output_tokens, u.reasoning_output_tokens, u.total_tokens].map((v) => readCount(v, tally));
}

function fromVector(v: number[]): Obj {
  const [input_tokens, cached_input_tokens, cache_write_input_tokens, output_tokens, reasoning_output_tokens, total_tokens] = v;
  return { input_tokens, cached_input_tokens, cache_write_input_tokens, output_tokens, reasoning_output_tokens, total_tokens };
}

export function parseCodex(r: Obj, s: CodexParserState): NormalizedEvent[] | null {
  const type = str(r.type);
  const ts = str(r.timestamp) ?? null;
  const payload = obj(r.payload);
  const out: NormalizedEvent[] = [];
  if (type !== undefined && payload) {
    s.wrapped = true;
    switch (type) {
      case 'session_meta':
        sessionMeta(payload, s, out);
        break;
      case 'turn_context':
        turnContext(payload, s, out);
        break;
      case 'response_item':
        if (obj(r.metadata)?.inherited_user_message !== true && obj(payload.metadata)?.inherited_user_message !== true) item(payload, s, ts, out);
        break;
      case 'event_msg':
        eventMsg(payload, s, ts, out);
        break;
      case 'compacted':
        compacted(payload, ts, out);
        break;
      case 'token_usage_record':
        usageRecord(payload, s, ts, out);
        break;
      default:
        break; // world_state, retained_context, and whatever comes next: skipped
    }
    return out;
  }
  // Older files: a bare first line, then unwrapped items; `record_type: state` lines are markers.
  if (r.record_type !== undefined) return out;
  if (type === undefined && typeof r.id === 'string' && !s.thread) {
    sessionMeta(r, s, out);
    return out;
  }
  if (type === undefined) return null;
  item(r, s, ts, out);
  return out;
}

function sessionMeta(p: Obj, s: CodexParserState, out: NormalizedEvent[]): void {
  s.thread = str(p.session_id) ?? str(p.id) ?? s.thread;
  const source = obj(p.source);
  if (source && (source.subagent !== undefined || source.parent_thread_id !== undefined)) s.replay = true;
  const meta: NormalizedEvent = { kind: 'meta', provider: str(p.model_provider) ?? VENDOR };
  const cwd = str(p.cwd);
  if (cwd && !s.cwd) {
    s.cwd = true;
    meta.workspace = cwd;
  }
  const created = str(p.timestamp);
  if (created) meta.createdAt = created;
  const branch = str(obj(p.git)?.branch);
  if (branch) meta.branch = branch;
  out.push(meta);
}

function turnContext(p: Obj, s: CodexParserState, out: NormalizedEvent[]): void {
  const model = str(p.model);
  if (model) {
    s.model = model;
    if (!s.named) {
      s.named = true;
      out.push({ kind: 'meta', model });
    }
  }
  const cwd = str(p.cwd);
  if (cwd && !s.cwd) {
    s.cwd = true;
    out.push({ kind: 'meta', workspace: cwd });
  }
}

function item(p: Obj, s: CodexParserState, ts: string | null, out: NormalizedEvent[]): void {
  const t = str(p.type);
  switch (t) {
    case 'message': {
      if (s.wrapped) return; // the event_msg copy is the one shown
      const role = str(p.role) ?? '';
      if (role !== 'user' && role !== 'assistant') return; // developer messages: hidden
      const text = textOfContent((Array.isArray(p.content) ? p.content : []).map((c) => ({ type: 'text', text: str(obj(c)?.text) ?? '' })));
      if (text.trim()) out.push({ kind: 'message', ts, message: { role, content: text }, text, tally: true, context: 'append' });
      return;
    }
    case 'function_call':
    case 'custom_tool_call':
    case 'local_shell_call':
    case 'web_search_call': {
      const id = str(p.call_id) ?? str(p.id) ?? '';
      const name = str(p.name) ?? t;
      const args = p.arguments ?? p.input ?? p.action ?? null;
      out.push({ kind: 'tool_call', ts, id, name, arguments: args, counted: !s.replay });
      return;
    }
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const output = p.output;
      const text = typeof output === 'string' ? output : str(obj(output)?.content) ?? JSON.stringify(output ?? '');
      out.push({ kind: 'tool_result', ts, id: str(p.call_id) ?? '', output: text, counted: false });
      return;
    }
    default:
      return; // reasoning (its tokens are in the usage), compaction items, ...
  }
}

function eventMsg(p: Obj, s: CodexParserState, ts: string | null, out: NormalizedEvent[]): void {
  const t = str(p.type);
  switch (t) {
    case 'user_message': {
      if (s.replay && p.inherited === true) return;
      s.replay = false; // the child's own first turn: its parent's replay is over
      const text = str(p.message) ?? '';
      if (text.trim()) out.push({ kind: 'message', ts, message: { role: 'user', content: text }, text, tally: true, context: 'append' });
      return;
    }
    case 'agent_message': {
      const text = str(p.message) ?? '';
      if (text.trim()) out.push({ kind: 'message', ts, message: { role: 'assistant', content: text }, text, tally: !s.replay, context: 'append' });
      return;
    }
    case 'token_count':
      tokenCount(p, s, ts, out);
      return;
    case 'thread_rolled_back':
      out.push({ kind: 'note', ts, type: 'rollback', text: `rolled back ${num(p.num_turns)} turn(s): they are no longer in the conversation (their tokens were spent)` });
      return;
    case 'turn_aborted':
      out.push({ kind: 'note', ts, type: 'aborted', text: 'turn aborted' });
      return;
    default:
      return;
  }
}

function tokenCount(p: Obj, s: CodexParserState, ts: string | null, out: NormalizedEvent[]): void {
  const total = obj(obj(p.info)?.total_token_usage);
  if (!total || s.records) return;
  const tally: CountTally = { rejected: 0 };
  const v = vector(total, tally);
  if (tally.rejected > 0) {
    // A running total with an impossible count says nothing of what grew: it is flagged (the session's last
    // copy of its totals again, unchanged, carrying the flag) and the next good total counts from the last good one.
    const model = s.model;
    const acc = ownValue(s.totals, model);
    const tokens: RawTokens = { ...(acc ? acc.t : zeroRaw()), rejected: tally.rejected };
    out.push({ kind: 'usage', ts, vendor: VENDOR, endpoint: ENDPOINT, ...(model ? { model } : {}), tokens, calls: acc?.n ?? 0, perCall: zeroRaw(), dedupeKey: `totals:${model}`, dedupe: 'last', callProvider: VENDOR });
    return;
  }
  const prev = s.last;
  s.last = v;
  // A smaller total in a child thread is its own new counter: the parent's replay is over.
  if (s.replay && prev !== null && v[5]! < prev[5]!) s.replay = false;
  if (s.replay) return; // the parent's totals, replayed: the baseline
  // Only an increase counts: re-emitted events repeat the total (ADAPTERS.md). A smaller total is a new counter.
  const grew = prev === null || v[5]! > prev[5]! || v[0]! + v[3]! > prev[0]! + prev[3]!;
  if (!grew) return;
  const base = prev && v[5]! >= prev[5]! ? prev : [0, 0, 0, 0, 0, 0];
  const delta = codexTokens(fromVector(v.map((x, i) => Math.max(0, x - base[i]!))));
  const model = s.model;
  const acc = ownOrSet(s.totals, model, () => ({ t: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0, reasoning: 0 }, n: 0 }));
  for (const k of ['input', 'output', 'cacheRead', 'cacheWrite', 'total', 'reasoning'] as const) acc.t[k] = addTokens(acc.t[k] ?? 0, delta[k] ?? 0);
  acc.n++;
  // The session's totals so far fold as its last copy; the transcript shows each increase as the call it is.
  out.push({ kind: 'usage', ts, vendor: VENDOR, endpoint: ENDPOINT, ...(model ? { model } : {}), tokens: { ...acc.t }, calls: acc.n, perCall: delta, dedupeKey: `totals:${model}`, dedupe: 'last', callProvider: VENDOR });
}

function usageRecord(p: Obj, s: CodexParserState, ts: string | null, out: NormalizedEvent[]): void {
  const usage = obj(p.usage);
  if (!usage) return;
  if (!s.records) {
    s.records = true;
    // Records are the billing truth: take back what the totals counted.
    for (const model of Object.keys(s.totals)) {
      out.push({ kind: 'usage', ts, vendor: VENDOR, endpoint: ENDPOINT, ...(model ? { model } : {}), tokens: zeroRaw(), calls: 0, perCall: zeroRaw(), dedupeKey: `totals:${model}`, dedupe: 'last' });
    }
    s.totals = {};
  }
  const model = str(obj(p.attribution)?.model) ?? s.model;
  const thread = str(p.thread_id) ?? s.thread;
  // A child thread's copy of its parent's records (its replay) is the parent's to count.
  if (s.thread && thread !== s.thread) return;
  const response = str(p.response_id);
  out.push({
    kind: 'usage',
    ts,
    vendor: VENDOR,
    endpoint: ENDPOINT,
    ...(model ? { model } : {}),
    tokens: codexTokens(usage),
    callProvider: VENDOR,
    ...(response ? { dedupeKey: `record:${thread}:${response}`, dedupe: 'first' as const, acrossFiles: true as const } : {}),
  });
}

function compacted(p: Obj, ts: string | null, out: NormalizedEvent[]): void {
  const history = Array.isArray(p.replacement_history) ? p.replacement_history : null;
  const messages = history
    ? history.flatMap((h) => {
        const m = obj(h);
        const role = str(m?.role);
        return m && role && role !== 'developer' ? [{ role, content: textOfContent((Array.isArray(m.content) ? m.content : []).map((c) => ({ type: 'text', text: str(obj(c)?.text) ?? '' }))) }] : [];
      })
    : [{ role: 'user', content: str(p.message) ?? '' }];
  const chars = messages.reduce((n, m) => n + String(m.content).length, 0);
  out.push({ kind: 'checkpoint', ts, tokenCount: Math.floor(chars / 3), messages });
}
