/** Transcript of a `store` session (format §2.1). */
import { rawFromUsage, textOfContent, toTokens } from './fold-common.js';
import { lookupPrice, priceMicros } from './pricing.js';
import { storeRecordSchema, type ChatMessage } from './schemas.js';
import { argumentsText, type BuilderContext, type TranscriptBuilder } from './transcript-builder.js';
import type { ResumeMessage, TranscriptEntry } from './types.js';

export function storeTranscript(ctx: BuilderContext): TranscriptBuilder {
  const entries: TranscriptEntry[] = [];
  let context: ResumeMessage[] = [];
  let sessionModel = '';
  const b: TranscriptBuilder = {
    entries,
    lastCheckpointIndex: -1,
    resumeContext: () => context,
    add(raw) {
      const parsed = storeRecordSchema.safeParse(raw);
      if (!parsed.success) return false;
      const r = parsed.data;
      const ts = 'timestamp' in r ? r.timestamp ?? null : null;
      switch (r.type) {
        case 'meta':
          sessionModel = r.model ?? sessionModel;
          break;
        case 'message':
          context.push(toResumeMessage(r.message));
          pushMessage(entries, r.message, ts);
          break;
        case 'checkpoint':
          b.lastCheckpointIndex = entries.length;
          entries.push({ kind: 'checkpoint', timestamp: ts, tokenCount: Math.max(0, Math.floor(r.token_count)), messages: r.messages.map(toResumeMessage) });
          // Everything before a checkpoint is summarised by its messages.
          context = r.messages.map(toResumeMessage);
          break;
        case 'usage': {
          const e = r.entry;
          const raw = rawFromUsage(e.usage);
          const price = lookupPrice(ctx.pricing, e.model ?? sessionModel);
          entries.push({
            kind: 'usage',
            timestamp: e.timestamp ?? null,
            model: e.model ?? sessionModel,
            vendor: e.vendor ?? '',
            endpoint: e.endpoint ?? '',
            tokens: toTokens(raw),
            costMicros: price ? priceMicros(price, raw) : null,
          });
          break;
        }
        case 'metric':
          break;
        case 'tunnel_event': {
          const ev = r.event as { type?: unknown; data?: unknown } | undefined;
          entries.push({ kind: 'note', timestamp: null, type: 'tunnel_event', text: `${typeof ev?.type === 'string' ? ev.type : 'event'} ${JSON.stringify(ev?.data ?? null)}` });
          break;
        }
        default:
          r satisfies never;
      }
      return true;
    },
  };
  return b;
}

export function toResumeMessage(m: ChatMessage): ResumeMessage {
  const out: ResumeMessage = { role: m.role, content: m.content ?? '' };
  if (m.tool_calls) out.tool_calls = m.tool_calls;
  if (m.tool_call_id) out.tool_call_id = m.tool_call_id;
  if (m.name) out.name = m.name;
  return out;
}

/** A chat message as entries: tool messages become tool results, assistant tool calls follow the text. */
export function pushMessage(entries: TranscriptEntry[], m: ChatMessage, timestamp: string | null): void {
  const text = textOfContent(m.content);
  if (m.role === 'tool') {
    entries.push({ kind: 'tool_result', timestamp, id: m.tool_call_id ?? '', name: m.name, text });
    return;
  }
  const role = m.role === 'user' || m.role === 'assistant' || m.role === 'system' ? m.role : 'system';
  if (text.trim() !== '' || !m.tool_calls?.length) entries.push({ kind: 'message', timestamp, role, text });
  for (const call of m.tool_calls ?? []) {
    entries.push({ kind: 'tool_call', timestamp, id: call.id ?? '', name: call.name, arguments: argumentsText(call.arguments) });
  }
}
