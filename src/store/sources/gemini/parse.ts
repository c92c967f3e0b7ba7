/**
 * Gemini CLI chats as normalized events (ADAPTERS.md "Gemini CLI"): the
 * JSONL format (a metadata line, message records re-written per id as they
 * grow, `$set` patches, `$rewindTo`) and the legacy `.json` document, which
 * `explodeGeminiDocument` turns into the same records.
 *
 * Rules: the last copy of a message id wins (usage dedupe `last`; the
 * message is counted once); `$rewindTo` drops the messages from that id on
 * (their usage retracted); a `$set` with a non-empty `messages` snapshot
 * replaces the messages before it. Tokens: `input` includes `cached`
 * (taken out), `thoughts` is billed as output (added to `output`, given as
 * `reasoning`), `tool` (tool-use prompt) is input. Title: `summary`, else
 * the first real prompt (not `<session_context>`, `<hook_context>`, `/…`, `?…`).
 */
import { cleanTitle, readCount, textOfContent, type CountTally, type RawTokens } from '../common/fold-common.js';
import { addTokens } from '../../counts.js';
import type { NormalizedEvent } from '../events.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Parser state: plain JSON. */
export interface GeminiParserState {
  /** Message ids in conversation order (for `$rewindTo` and snapshots). */
  order: string[];
  /** Ids of tool calls already counted. */
  calls: string[];
  /**
   * Message ids already shown (a message or a note). An id is claimed by the
   * first copy that says something, not by the first copy: an empty first
   * copy (written before the text streamed in) or a corrupted record that
   * carries the id must not hide the copy with the text.
   */
  shown: string[];
  /** The session model was noted. */
  model: boolean;
}

export function initGeminiParser(): GeminiParserState {
  return { order: [], calls: [], shown: [], model: false };
}

const VENDOR = 'google';
const ENDPOINT = 'gemini-cli';
const ZERO: RawTokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 };

/**
 * Tokens of one Gemini `tokens` object (ADAPTERS.md). A count that is not a
 * non-negative safe integer is read as 0 and counted in `rejected`
 * (fold-common readCount): flagged, never summed nor priced; the total is
 * then the sum of the counts kept, not the recorded one.
 */
export function geminiTokens(t: Obj): RawTokens {
  const tally: CountTally = { rejected: 0 };
  const inputAll = readCount(t.input, tally);
  const cacheRead = Math.min(readCount(t.cached, tally), inputAll);
  const thoughts = readCount(t.thoughts, tally);
  const output = addTokens(readCount(t.output, tally), thoughts);
  const input = addTokens(inputAll - cacheRead, readCount(t.tool, tally));
  const parts = addTokens(addTokens(input, cacheRead), output);
  const recorded = t.total != null ? readCount(t.total, tally) : parts;
  // A recorded total beside a count left out holds that count: the total is then what was kept.
  const total = tally.rejected > 0 ? parts : recorded;
  const raw: RawTokens = { input, output, cacheRead, cacheWrite: 0, total, reasoning: thoughts };
  if (tally.rejected > 0) raw.rejected = tally.rejected;
  return raw;
}

/** A legacy `.json` chat as records: its metadata, then each message. */
export function explodeGeminiDocument(doc: unknown): Obj[] {
  const d = obj(doc);
  if (!d) return [];
  const { messages, ...meta } = d;
  return [meta, ...(Array.isArray(messages) ? messages.filter((m): m is Obj => obj(m) !== null) : [])];
}

function isRealPrompt(text: string): boolean {
  const t = text.trimStart();
  return !(t.startsWith('/') || t.startsWith('?') || t.startsWith('<session_context>') || t.startsWith('<hook_context>'));
}

function retract(id: string, ts: string | null): NormalizedEvent {
  return { kind: 'usage', ts, vendor: VENDOR, endpoint: ENDPOINT, tokens: { ...ZERO }, calls: 0, dedupeKey: id, dedupe: 'last' };
}

export function parseGemini(r: Obj, s: GeminiParserState): NormalizedEvent[] | null {
  const out: NormalizedEvent[] = [];
  if (typeof r.$rewindTo === 'string') {
    const at = s.order.indexOf(r.$rewindTo);
    if (at >= 0) {
      for (const id of s.order.slice(at)) out.push(retract(id, null));
      out.push({ kind: 'note', type: 'rewind', text: `rewound: ${s.order.length - at} message(s) dropped from the conversation` });
      s.order = s.order.slice(0, at);
      s.shown = s.shown.filter((id) => s.order.includes(id));
    }
    return out;
  }
  const set = obj(r.$set);
  if (set) {
    meta(set, out);
    const snapshot = Array.isArray(set.messages) ? set.messages.filter((m): m is Obj => obj(m) !== null) : [];
    if (snapshot.length > 0) {
      const keep = new Set(snapshot.map((m) => str(m.id)).filter(Boolean));
      for (const id of s.order) if (!keep.has(id)) out.push(retract(id, null));
      s.order = s.order.filter((id) => keep.has(id));
      s.shown = s.shown.filter((id) => keep.has(id));
      for (const m of snapshot) message(m, s, out);
    }
    return out;
  }
  if (typeof r.type === 'string' && typeof r.id === 'string') {
    message(r, s, out);
    return out;
  }
  if (typeof r.sessionId === 'string' || typeof r.projectHash === 'string') {
    meta(r, out);
    return out;
  }
  return null;
}

function meta(r: Obj, out: NormalizedEvent[]): void {
  const ev: NormalizedEvent = { kind: 'meta', provider: VENDOR };
  const summary = str(r.summary)?.trim();
  if (summary) ev.title = cleanTitle(summary);
  const start = str(r.startTime);
  if (start) ev.createdAt = start;
  out.push(ev);
}

function message(m: Obj, s: GeminiParserState, out: NormalizedEvent[]): void {
  const id = str(m.id)!;
  const ts = str(m.timestamp) ?? null;
  const type = str(m.type) ?? '';
  if (!s.order.includes(id)) s.order.push(id);
  const first = !s.shown.includes(id);
  const text = typeof m.content === 'string' ? m.content : textOfContent(m.content);
  const tokens = obj(m.tokens);
  const model = str(m.model);
  if (tokens) out.push({ kind: 'usage', ts, vendor: VENDOR, endpoint: ENDPOINT, ...(model ? { model } : {}), tokens: geminiTokens(tokens), dedupeKey: id, dedupe: 'last', callProvider: VENDOR });
  if (model && !s.model) {
    s.model = true;
    out.push({ kind: 'meta', model });
  }
  if (type === 'user') {
    if (first && text.trim()) {
      s.shown.push(id);
      out.push({ kind: 'message', ts, message: { role: 'user', content: text }, text, tally: true, context: 'append', ...(isRealPrompt(text) ? {} : { notPrompt: true }) });
    }
  } else if (type === 'gemini') {
    const toolCalls = Array.isArray(m.toolCalls) ? m.toolCalls : [];
    // A model turn counts once, whether it said something or only called tools (its later copies add calls and usage).
    if (first && (text.trim() || toolCalls.length)) {
      s.shown.push(id);
      const content = toolCalls.length ? { role: 'assistant', content: text, tool_calls: toolCalls } : { role: 'assistant', content: text };
      out.push({ kind: 'message', ts, message: content, text, tally: true, context: 'append' });
    }
    for (const raw of toolCalls) {
      const call = obj(raw);
      const callId = str(call?.id);
      if (!call || !callId || s.calls.includes(callId)) continue;
      s.calls.push(callId);
      out.push({ kind: 'tool_call', ts, id: callId, name: str(call.name) ?? '(tool)', arguments: call.args ?? null, counted: true });
      const result = call.resultDisplay ?? call.result;
      if (result !== undefined) out.push({ kind: 'tool_result', ts, id: callId, output: typeof result === 'string' ? result : JSON.stringify(result), ...(call.status === 'error' ? { isError: true } : {}), counted: false });
    }
  } else if (first && text.trim()) {
    s.shown.push(id);
    out.push({ kind: 'note', ts, type: type || 'info', text }); // info, error, warning
  }
}
