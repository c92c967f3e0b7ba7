/** Summary fold for the `store` dialect (format §2.1). */
import {
  appendSearchText,
  cleanTitle,
  notePrompt,
  hasText,
  isZeroRaw,
  noteTime,
  parseTime,
  rawFromUsage,
  textOfContent,
  toTokens,
  type RawTokens,
  type TimeSpan,
} from '../../common/fold-common.js';
import { addCall, addMetric, priceBuckets, type Buckets } from '../../common/fold-usage.js';
import type { DialectFigures, DialectFold, FinishContext } from '../../fold.js';
import { lookupPrice, priceMicros, providerOf } from '../../../pricing.js';
import type { TokenUsageRecord } from '../schemas.js';
import { storeRecordSchema } from './schema.js';
import { userWords } from '../../common/title.js';

interface StoreMetaState {
  title?: string;
  createdAt?: string;
  updatedAt?: string;
  workspace?: string;
  vendor?: string;
  endpoint?: string;
  model?: string;
  tokenUsage?: TokenUsageRecord;
  endpointUsage?: Record<string, TokenUsageRecord>;
}

export interface StoreState {
  meta: StoreMetaState | null;
  span: TimeSpan;
  user: number;
  assistant: number;
  /** Message records of any role. */
  messages: number;
  toolCalls: number;
  hasUserText: boolean;
  firstPrompt: string;
  lastPrompt: string;
  buckets: Buckets;
  metrics: Record<string, Record<string, number[]>>;
  checkpoints: number;
  lastCheckpoint: { timestamp: string | null; tokenCount: number; messagesAfter: number } | null;
  lastCallMs: number | null;
  lastCallVendor: string;
  /** The first model seen on usage entries: the session's model when meta has none. */
  firstUsageModel: string;
  searchText: string;
  /** The resume context so far: checkpoint messages + messages after it, and their text after it. */
  contextMessages: number;
  contextChars: number;
}

export const storeFold: DialectFold<StoreState> = {
  dialect: 'store',
  init: () => ({
    meta: null,
    span: { first: null, last: null },
    user: 0,
    assistant: 0,
    messages: 0,
    toolCalls: 0,
    hasUserText: false,
    firstPrompt: '',
    lastPrompt: '',
    buckets: {},
    metrics: {},
    checkpoints: 0,
    lastCheckpoint: null,
    lastCallMs: null,
    lastCallVendor: '',
    firstUsageModel: '',
    searchText: '',
    contextMessages: 0,
    contextChars: 0,
  }),

  step(s, raw) {
    const parsed = storeRecordSchema.safeParse(raw);
    if (!parsed.success) return false;
    const r = parsed.data;
    switch (r.type) {
      case 'meta':
        // The last meta record replaces the previous one; it does not merge.
        s.meta = {
          title: r.title,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          workspace: r.workspace,
          vendor: r.vendor,
          endpoint: r.endpoint,
          model: r.model,
          tokenUsage: r.token_usage,
          endpointUsage: r.endpoint_usage,
        };
        return true;
      case 'message': {
        noteTime(s.span, r.timestamp);
        s.messages++;
        if (s.lastCheckpoint) s.lastCheckpoint.messagesAfter++;
        const m = r.message;
        const text = textOfContent(m.content);
        s.contextMessages++;
        s.contextChars += text.length;
        if (m.role === 'user') {
          s.user++;
          if (hasText(m.content)) s.hasUserText = true;
          // Prompts (and so the title) are the user's own words: no placeholders, no injected context.
          const words = userWords(m.content);
          if (words) notePrompt(s, words);
        } else if (m.role === 'assistant') {
          s.assistant++;
          s.toolCalls += m.tool_calls?.length ?? 0;
        }
        if (m.role !== 'tool') s.searchText = appendSearchText(s.searchText, text);
        return true;
      }
      case 'checkpoint':
        noteTime(s.span, r.timestamp);
        s.checkpoints++;
        s.lastCheckpoint = { timestamp: r.timestamp ?? null, tokenCount: Math.max(0, Math.floor(r.token_count)), messagesAfter: 0 };
        // Everything before is summarised by the checkpoint (its size is token_count).
        s.contextMessages = r.messages.length;
        s.contextChars = 0;
        for (const m of r.messages) s.searchText = appendSearchText(s.searchText, textOfContent(m.content));
        return true;
      case 'usage': {
        const e = r.entry;
        noteTime(s.span, e.timestamp);
        const vendor = e.vendor ?? '';
        addCall(s.buckets, { vendor, endpoint: e.endpoint ?? '', model: e.model ?? '', tokens: rawFromUsage(e.usage) });
        if (e.model && !s.firstUsageModel) s.firstUsageModel = e.model;
        const t = parseTime(e.timestamp);
        if (t !== null && (s.lastCallMs === null || t >= s.lastCallMs)) {
          s.lastCallMs = t;
          s.lastCallVendor = providerOf(e.model ?? '', vendor || null);
        }
        return true;
      }
      case 'metric':
        noteTime(s.span, r.timestamp);
        addMetric(s.metrics, `${r.vendor ?? ''}|${r.endpoint ?? ''}`, r.metric.name, r.metric.value);
        return true;
      case 'tunnel_event':
        return true;
      default:
        return r satisfies never;
    }
  },

  finish(s, ctx) {
    const meta = s.meta;
    const model = meta?.model ?? s.firstUsageModel;
    const provider = providerOf(model, meta?.vendor ?? null);
    const usage = priceBuckets(s.buckets, model, provider, ctx.pricing, s.metrics);
    applyEndpointUsage(usage.endpoints, meta?.endpointUsage);

    let tokens: RawTokens = usage.tokens;
    let costMicros = usage.costMicros;
    if (Object.keys(s.buckets).length === 0 && meta?.tokenUsage) {
      // No usage entries: the meta's running total is all we know; price it by the session model.
      tokens = rawFromUsage(meta.tokenUsage);
      const price = lookupPrice(ctx.pricing, model);
      costMicros = price && !isZeroRaw(tokens) ? priceMicros(price, tokens) : null;
    }
    if (isZeroRaw(tokens)) costMicros = null;

    const title = cleanTitle(meta?.title ?? '') || s.firstPrompt;
    const created = parseTime(meta?.createdAt) ?? s.span.first;
    const updated = parseTime(meta?.updatedAt) ?? s.span.last;
    return {
      title,
      firstMs: created,
      lastMs: updated,
      userMessages: s.user,
      assistantMessages: s.assistant,
      messageCount: s.user + s.assistant,
      toolCalls: s.toolCalls,
      model,
      provider,
      workspace: meta?.workspace ?? null,
      endpoints: usage.endpoints,
      models: usage.models,
      tokens: toTokens(tokens),
      costMicros,
      status: 'unknown',
      durationMs: null,
      checkpoints: s.checkpoints,
      lastCheckpoint: s.lastCheckpoint ? { ...s.lastCheckpoint } : null,
      empty: !s.hasUserText,
      lastCallMs: s.lastCallMs,
      lastCallProvider: s.lastCallVendor || provider,
      strikes: 0,
      firstPrompt: s.firstPrompt,
      lastPrompt: cleanTitle(s.lastPrompt),
      searchText: appendSearchText(cleanTitle(meta?.title ?? ''), s.searchText),
      contextMessages: s.contextMessages,
      contextChars: s.contextChars,
    } satisfies DialectFigures;
  },
};

/** `meta.endpoint_usage`, when present, wins over the sum of entries per key (format §2.1). */
function applyEndpointUsage(
  endpoints: DialectFigures['endpoints'],
  recorded: Record<string, TokenUsageRecord> | undefined,
): void {
  if (!recorded) return;
  for (const [key, usage] of Object.entries(recorded)) {
    const tokens = toTokens(rawFromUsage(usage));
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
