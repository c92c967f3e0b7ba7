/** Summary fold for the `events` dialect (format §2.2). */
import {
  addRaw,
  appendSearchText,
  cleanTitle,
  notePrompt,
  hash32,
  hasText,
  isZeroRaw,
  noteTime,
  parseTime,
  rawFromUsage,
  textOfContent,
  toTokens,
  zeroRaw,
  type RawTokens,
  type TimeSpan,
} from '../../common/fold-common.js';
import { addCall, priceBuckets, type Buckets } from '../../common/fold-usage.js';
import type { DialectFigures, DialectFold, FinishContext } from '../../fold.js';
import { providerOf } from '../../../pricing.js';
import type { ChatMessage } from '../schemas.js';
import { eventRecordSchema, llmRequestDataSchema, llmResponseDataSchema, sessionEndDataSchema, sessionStartDataSchema } from './schema.js';
import { ownWords, userWords } from '../../common/title.js';
import type { SessionStatus } from '../../../types.js';

/** A session with no `session.end` is running if its file changed this recently. */
export const RUNNING_WINDOW_MS = 10 * 60 * 1000;

export interface EventsState {
  span: TimeSpan;
  prompt: string;
  provider: string;
  model: string;
  workDir: string | null;
  user: number;
  assistant: number;
  toolCalls: number;
  hasUserText: boolean;
  /**
   * Hash of the `session.start` prompt (whitespace collapsed) while no
   * request has shown a user message yet: the first request usually repeats
   * it, and it was already counted as the run's first user message.
   */
  promptEcho: string | null;
  /** True once a non-blank prompt was counted (format §2.2: once per run). */
  promptCounted: boolean;
  firstPrompt: string;
  lastPrompt: string;
  /** Identity of each message of the previous llm.request, to count only new ones. */
  prevMessageHashes: string[];
  /** Content hash of the previous llm.request, for strikes. */
  prevRequestHash: string | null;
  strikes: number;
  buckets: Buckets;
  responseTokens: RawTokens;
  responses: number;
  end: { status: string; costUsd: number | null; tokens: RawTokens | null; durationMs: number | null; model: string | null } | null;
  lastCallMs: number | null;
  searchText: string;
  /** The resume context: the last request's messages (and text), plus the response to it. */
  requestMessages: number;
  requestChars: number;
  /** Text length of the response after the last request; null before it answers. */
  responseChars: number | null;
}

export const eventsFold: DialectFold<EventsState> = {
  dialect: 'events',
  init: () => ({
    span: { first: null, last: null },
    prompt: '',
    provider: '',
    model: '',
    workDir: null,
    user: 0,
    assistant: 0,
    toolCalls: 0,
    hasUserText: false,
    promptEcho: null,
    promptCounted: false,
    firstPrompt: '',
    lastPrompt: '',
    prevMessageHashes: [],
    prevRequestHash: null,
    strikes: 0,
    buckets: {},
    responseTokens: zeroRaw(),
    responses: 0,
    end: null,
    lastCallMs: null,
    searchText: '',
    requestMessages: 0,
    requestChars: 0,
    responseChars: null,
  }),

  step(s, raw) {
    const parsed = eventRecordSchema.safeParse(raw);
    if (!parsed.success) return false;
    const r = parsed.data;
    noteTime(s.span, r.timestamp);
    switch (r.type) {
      case 'session.start': {
        const d = sessionStartDataSchema.parse(r.data);
        s.prompt = d.prompt ?? s.prompt;
        s.provider = d.provider ?? s.provider;
        s.model = d.model ?? s.model;
        s.workDir = d.work_dir ?? s.workDir;
        s.searchText = appendSearchText(s.searchText, d.prompt ?? '');
        if (d.prompt !== undefined) foldPrompt(s, d.prompt);
        return true;
      }
      case 'llm.request': {
        const d = llmRequestDataSchema.parse(r.data);
        foldRequest(s, d.messages, d.tools);
        return true;
      }
      case 'llm.response': {
        const d = llmResponseDataSchema.parse(r.data);
        s.assistant++;
        s.responses++;
        const tokens = rawFromUsage(d.usage);
        addRaw(s.responseTokens, tokens);
        const model = d.model ?? s.model;
        const vendor = d.provider ?? s.provider;
        addCall(s.buckets, { vendor, endpoint: d.endpoint ?? '', model, tokens, recordedUsd: d.cost_usd });
        const t = parseTime(r.timestamp);
        if (t !== null) s.lastCallMs = t;
        const answer = textOfContent(d.content);
        s.responseChars = answer.length;
        s.searchText = appendSearchText(s.searchText, answer);
        return true;
      }
      case 'tool.call':
        s.toolCalls++;
        return true;
      case 'session.end': {
        const d = sessionEndDataSchema.parse(r.data);
        s.end = {
          status: d.status ?? '',
          costUsd: d.cost_usd ?? null,
          tokens: d.tokens ? rawFromUsage(d.tokens) : null,
          durationMs: d.duration_ms ?? null,
          model: d.model ?? null,
        };
        return true;
      }
      default:
        // Other dotted types (routing overrides, …) are notes: known, not counted.
        return true;
    }
  },

  finish(s, ctx) {
    const model = s.model || s.end?.model || '';
    const provider = providerOf(model, s.provider || null);
    const usage = priceBuckets(s.buckets, model, provider, ctx.pricing, {});
    const tokens = s.responses > 0 && !isZeroRaw(s.responseTokens) ? s.responseTokens : s.end?.tokens ?? zeroRaw();
    let costMicros: number | null;
    if (s.end?.costUsd != null) costMicros = Math.round(s.end.costUsd * 1e6);
    else costMicros = usage.costMicros;
    if (costMicros !== null && s.end?.costUsd == null && isZeroRaw(tokens) && usage.costMicros === 0) costMicros = null;
    // The prompt wins (format §4) unless blank or wholly injected context; then the first real user text.
    const title = cleanTitle(ownWords(s.prompt)) || s.firstPrompt;
    return {
      title,
      firstMs: s.span.first,
      lastMs: s.span.last,
      userMessages: s.user,
      assistantMessages: s.assistant,
      messageCount: s.user + s.assistant,
      toolCalls: s.toolCalls,
      model,
      provider,
      workspace: s.workDir,
      endpoints: usage.endpoints,
      models: usage.models,
      tokens: toTokens(tokens),
      costMicros,
      status: statusOf(s, ctx),
      durationMs: s.end?.durationMs ?? null,
      checkpoints: 0,
      lastCheckpoint: null,
      empty: !s.hasUserText,
      lastCallMs: s.lastCallMs,
      lastCallProvider: provider,
      strikes: s.strikes,
      firstPrompt: s.firstPrompt,
      lastPrompt: cleanTitle(s.lastPrompt),
      searchText: s.searchText,
      contextMessages: s.requestMessages + (s.responseChars === null ? 0 : 1),
      contextChars: s.requestChars + (s.responseChars ?? 0),
    } satisfies DialectFigures;
  },
};

function statusOf(s: EventsState, ctx: FinishContext): SessionStatus {
  if (s.end) return s.end.status === 'success' ? 'success' : 'failed';
  const age = ctx.nowMs - ctx.mtimeMs;
  return age >= 0 && age < RUNNING_WINDOW_MS ? 'running' : 'incomplete';
}

/** Whitespace-collapsed text of a message, as the prompt echo compares it. */
const echoKey = (text: string): string => hash32(text.replace(/\s+/g, ' ').trim());

/**
 * The `session.start` prompt is the run's first user message (format §2.2,
 * §4 `userMessages`): a non-blank one is counted once, makes the run
 * non-empty, and, until a request is seen, is the resume context.
 */
function foldPrompt(s: EventsState, prompt: string): void {
  if (s.promptCounted || prompt.trim() === '') return;
  s.promptCounted = true;
  s.user++;
  s.hasUserText = true;
  const words = ownWords(prompt);
  if (words) notePrompt(s, words);
  if (s.prevMessageHashes.length === 0) {
    s.promptEcho = echoKey(prompt);
    s.requestMessages = 1;
    s.requestChars = prompt.length;
  }
}

/**
 * Each llm.request repeats the whole conversation: only the messages after
 * the prefix shared with the previous request are new. Identical
 * consecutive requests (same last message, same tools) are strikes.
 */
function foldRequest(s: EventsState, messages: ChatMessage[], tools: { name: string }[] | undefined): void {
  const texts = messages.map((m) => textOfContent(m.content));
  const hashes = messages.map((m, i) => hash32(`${m.role}\u0000${texts[i]}\u0000${JSON.stringify(m.tool_calls ?? null)}`));
  s.requestMessages = messages.length;
  s.requestChars = texts.reduce((n, t) => n + t.length, 0);
  s.responseChars = null;
  let shared = 0;
  while (shared < hashes.length && shared < s.prevMessageHashes.length && hashes[shared] === s.prevMessageHashes[shared]) shared++;
  for (let i = shared; i < messages.length; i++) {
    const m = messages[i]!;
    const text = texts[i] ?? '';
    if (m.role === 'user') {
      // The first request's copy of the start prompt is the same message, already counted.
      const echo = s.promptEcho !== null && echoKey(text) === s.promptEcho;
      s.promptEcho = null;
      if (echo) continue;
      s.user++;
      if (hasText(m.content)) s.hasUserText = true;
      const words = userWords(m.content);
      if (words) notePrompt(s, words);
    }
    if (m.role !== 'tool' && m.role !== 'assistant') s.searchText = appendSearchText(s.searchText, text);
  }
  s.prevMessageHashes = hashes;

  const last = messages[messages.length - 1];
  const content = last ? textOfContent(last.content).replace(/\s+/g, ' ').trim().slice(0, 500) : '';
  const requestHash = hash32(`${content}\u0000${(tools ?? []).map((t) => t.name).join(',')}`);
  if (requestHash === s.prevRequestHash) s.strikes++;
  s.prevRequestHash = requestHash;
}
