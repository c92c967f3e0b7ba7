/** The `events` dialect's records as normalized events (FORMAT.md §2.2). */
import { cleanTitle, hash32, rawFromUsage, textOfContent } from '../../common/fold-common.js';
import { ownWords } from '../../common/title.js';
import type { ChatMessage, NormalizedEvent } from '../../events.js';
import { messageEvents } from '../messages.js';
import { eventRecordSchema, fastEventRecord, fastLlmRequest, fastLlmResponse, fastToolCallData, llmRequestDataSchema, llmResponseDataSchema, sessionEndDataSchema, sessionStartDataSchema, toolCallDataSchema } from './schema.js';

/**
 * What one record needs of the records before it, whatever the session's
 * size: the hashes of the last request's messages (only what is new in the
 * next one is shown and counted) and its content hash (strikes), whether it
 * was answered, the start prompt's echo, and the run's model and provider
 * (calls that name none are theirs).
 */
export interface EventsParserState {
  started: boolean;
  prevHashes: string[];
  /** Entries of the last request's recorded `messages`, junk included: its junk is not counted again. */
  prevEntries: number;
  /** Characters of the last request's message text. */
  prevChars: number;
  prevRequestHash: string | null;
  answered: boolean;
  /** True once a non-blank prompt was shown and counted (format §2.2: once per run). */
  promptShown: boolean;
  /** Hash of the collapsed start prompt while no request has shown a user message yet: the first request repeats it. */
  promptEcho: string | null;
  model: string;
  provider: string;
}

export const initEventsParser = (): EventsParserState => ({
  started: false,
  prevHashes: [],
  prevEntries: 0,
  prevChars: 0,
  prevRequestHash: null,
  answered: false,
  promptShown: false,
  promptEcho: null,
  model: '',
  provider: '',
});

/** Whitespace-collapsed text of a message, as the prompt echo compares it. */
const echoKey = (text: string): string => hash32(text.replace(/\s+/g, ' ').trim());

/**
 * How many of a request's junk messages (positions `dropped` in its recorded
 * list, whose good messages number `kept`) are new: each request repeats the
 * conversation, so junk the previous request carried would otherwise be
 * counted once per request. New is what lies past the part this request
 * shares with the previous one: past its first `shared` good messages (the
 * shared prefix, as replay takes it), and, when it carries the whole
 * previous request (`carried`: that request's recorded length, junk
 * included; 0 when the conversation was rewritten), past that length too,
 * so the previous request's trailing junk is not new either.
 * Docs: docs/format.md §2.2.
 */
function newlyDropped(dropped: number[] | undefined, kept: number, shared: number, carried: number): number {
  if (dropped === undefined) return 0;
  // The recorded position of the first good message after the shared prefix
  // (or the end): junk before it sits among what was already seen.
  let position = 0;
  let good = 0;
  let d = 0;
  while (good < shared && position < kept + dropped.length) {
    if (d < dropped.length && dropped[d] === position) d++;
    else good++;
    position++;
  }
  const from = Math.max(position, carried);
  return dropped.filter((p) => p >= from).length;
}

export function parseEvents(raw: Record<string, unknown>, s: EventsParserState): NormalizedEvent[] | null {
  // Most records pass the cheap checks; the schemas decide the rest.
  let r = fastEventRecord(raw);
  if (r === undefined) {
    const parsed = eventRecordSchema.safeParse(raw);
    if (!parsed.success) return null;
    r = parsed.data;
  }
  const ts = r.timestamp ?? null;
  const out: NormalizedEvent[] = [];
  // A run is open until its session.end.
  if (!s.started) {
    s.started = true;
    out.push({ kind: 'status', status: 'open' });
  }
  switch (r.type) {
    case 'session.start': {
      const d = sessionStartDataSchema.parse(r.data);
      s.model = d.model ?? s.model;
      s.provider = d.provider ?? s.provider;
      // The prompt is the title unless blank or wholly injected context (format §4).
      out.push({ kind: 'meta', title: d.prompt === undefined ? undefined : cleanTitle(ownWords(d.prompt)), provider: d.provider, model: d.model, workspace: d.work_dir });
      const parts = [d.provider, d.model, d.work_dir].filter(Boolean).join(' · ');
      const prompt = d.prompt ?? '';
      // The start prompt is the run's first user message: shown and counted once.
      const first = !s.promptShown && prompt.trim() !== '';
      out.push({ kind: 'note', ts, type: r.type, text: parts || 'started', ...(first ? {} : { search: prompt }) });
      if (first) {
        s.promptShown = true;
        const message: ChatMessage = { role: 'user', content: prompt };
        out.push({ kind: 'message', ts, message, text: prompt, tally: true, context: 'none' });
        if (s.prevHashes.length === 0) {
          s.promptEcho = echoKey(prompt);
          // Until a request is made, the prompt is all a resume would carry.
          out.push({ kind: 'context', ts, messages: [message], chars: prompt.length });
        }
      }
      return out;
    }
    case 'llm.request': {
      const { messages, tools, droppedMessages } = fastLlmRequest(r.data) ?? llmRequestDataSchema.parse(r.data);
      // Each request repeats the conversation so far: when it opens and continues as the previous one did
      // (its first message and the previous one's last are the same), only what follows is read and hashed.
      const texts: string[] = new Array(messages.length);
      const textAt = (i: number): string => (texts[i] ??= textOfContent(messages[i]!.content));
      const hashAt = (i: number): string => {
        const m = messages[i]!;
        return hash32(`${m.role}\u0000${textAt(i)}\u0000${m.tool_calls === undefined ? 'null' : JSON.stringify(m.tool_calls)}`);
      };
      const prevLen = s.prevHashes.length;
      let shared = 0;
      let chars = 0;
      if (prevLen > 0 && messages.length >= prevLen && hashAt(0) === s.prevHashes[0] && hashAt(prevLen - 1) === s.prevHashes[prevLen - 1]) {
        shared = prevLen;
        chars = s.prevChars;
        for (let i = prevLen; i < messages.length; i++) {
          s.prevHashes.push(hashAt(i));
          chars += textAt(i).length;
        }
      } else {
        const hashes = messages.map((_, i) => hashAt(i));
        while (shared < hashes.length && shared < prevLen && hashes[shared] === s.prevHashes[shared]) shared++;
        s.prevHashes = hashes;
        for (let i = 0; i < messages.length; i++) chars += textAt(i).length;
      }
      s.prevChars = chars;
      const dropped = newlyDropped(droppedMessages, messages.length, shared, shared === prevLen ? s.prevEntries : 0);
      s.prevEntries = messages.length + (droppedMessages?.length ?? 0);
      for (let i = shared; i < messages.length; i++) {
        const m = messages[i]!;
        // Assistant turns were counted (and shown) as the responses they came from.
        if (m.role === 'assistant' && s.answered) continue;
        if (m.role === 'user' && s.promptEcho !== null) {
          // The first request's copy of the start prompt is the same message, already counted.
          const echo = echoKey(textAt(i)) === s.promptEcho;
          s.promptEcho = null;
          if (echo) continue;
        }
        messageEvents(out, m, ts, m.role !== 'assistant', 'none', false);
      }
      s.answered = false;
      out.push({ kind: 'context', ts, messages, chars, ...(dropped > 0 ? { droppedMessages: dropped } : {}) });
      const last = messages.length === 0 ? undefined : textAt(messages.length - 1);
      const content = last === undefined ? '' : last.replace(/\s+/g, ' ').trim().slice(0, 500);
      const requestHash = hash32(`${content}\u0000${(tools ?? []).map((t) => t.name).join(',')}`);
      if (requestHash === s.prevRequestHash) out.push({ kind: 'repeat' });
      s.prevRequestHash = requestHash;
      return out;
    }
    case 'llm.response': {
      const d = fastLlmResponse(r.data) ?? llmResponseDataSchema.parse(r.data);
      const message: ChatMessage = { role: 'assistant', content: d.content ?? '' };
      if (d.tool_calls) message.tool_calls = d.tool_calls;
      if (d.droppedCalls) message.droppedCalls = d.droppedCalls;
      messageEvents(out, message, ts, true, 'tail', false);
      s.answered = true;
      out.push({
        kind: 'usage',
        ts,
        vendor: d.provider ?? s.provider,
        endpoint: d.endpoint ?? '',
        model: d.model ?? s.model,
        tokens: rawFromUsage(d.usage),
        recordedCostUsd: d.cost_usd,
        latencyMs: d.latency_ms,
      });
      return out;
    }
    case 'tool.call': {
      const d = fastToolCallData(r.data) ?? toolCallDataSchema.parse(r.data);
      const isError = d.error !== undefined && d.error !== null;
      out.push({ kind: 'tool_result', ts, id: '', name: d.tool, output: d.output ?? d.error, input: d.input, durationMs: d.duration_ms, isError, counted: true });
      return out;
    }
    case 'session.end': {
      const d = sessionEndDataSchema.parse(r.data);
      out.push({
        kind: 'status',
        status: d.status === 'success' ? 'success' : 'failed',
        costUsd: d.cost_usd,
        tokens: d.tokens ? rawFromUsage(d.tokens) : undefined,
        durationMs: d.duration_ms,
        model: d.model,
      });
      const parts = [d.status ?? 'ended', d.output, d.cost_usd !== undefined ? `$${d.cost_usd}` : undefined].filter(Boolean);
      out.push({ kind: 'note', ts, type: r.type, text: parts.join(' · ') });
      return out;
    }
    default:
      // Other dotted types (routing overrides, …) are notes: shown, not counted.
      out.push({ kind: 'note', ts, type: r.type, text: JSON.stringify(r.data) });
      return out;
  }
}

