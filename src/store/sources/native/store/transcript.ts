/** Transcript of a `store` session (format §2.1). */
import { rawFromUsage, textOfContent, toTokens } from '../../common/fold-common.js';
import { lookupPrice, priceMicros } from '../../../pricing.js';
import type { ChatMessage } from '../schemas.js';
import { storeRecordSchema } from './schema.js';
import { argumentsText, type BuilderContext, type TranscriptBuilder, type TranscriptOut } from '../../transcript-builder.js';
import type { ResumeMessage } from '../../../types.js';

/** Builder state: the session model (from `meta`) that prices usage entries without one. */
export function storeTranscript(ctx: BuilderContext): TranscriptBuilder {
  let sessionModel = '';
  return {
    add(raw, out) {
      const parsed = storeRecordSchema.safeParse(raw);
      if (!parsed.success) return false;
      const r = parsed.data;
      const ts = 'timestamp' in r ? r.timestamp ?? null : null;
      switch (r.type) {
        case 'meta':
          sessionModel = r.model ?? sessionModel;
          break;
        case 'message':
          out.contextAppend(toResumeMessage(r.message));
          pushMessage(out, r.message, ts);
          break;
        case 'checkpoint': {
          const messages = r.messages.map(toResumeMessage);
          out.entry({ kind: 'checkpoint', timestamp: ts, tokenCount: Math.max(0, Math.floor(r.token_count)), messages });
          // Everything before a checkpoint is summarised by its messages.
          out.contextReset(messages);
          break;
        }
        case 'usage': {
          const e = r.entry;
          const raw = rawFromUsage(e.usage);
          const price = lookupPrice(ctx.pricing, e.model ?? sessionModel);
          out.entry({
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
          out.entry({ kind: 'note', timestamp: null, type: 'tunnel_event', text: `${typeof ev?.type === 'string' ? ev.type : 'event'} ${JSON.stringify(ev?.data ?? null)}` });
          break;
        }
        default:
          r satisfies never;
      }
      return true;
    },
  };
}

export function toResumeMessage(m: ChatMessage): ResumeMessage {
  const out: ResumeMessage = { role: m.role, content: m.content ?? '' };
  if (m.tool_calls) out.tool_calls = m.tool_calls;
  if (m.tool_call_id) out.tool_call_id = m.tool_call_id;
  if (m.name) out.name = m.name;
  return out;
}

/** A chat message as entries: tool messages become tool results, assistant tool calls follow the text. */
export function pushMessage(out: Pick<TranscriptOut, 'entry'>, m: ChatMessage, timestamp: string | null): void {
  const text = textOfContent(m.content);
  if (m.role === 'tool') {
    out.entry({ kind: 'tool_result', timestamp, id: m.tool_call_id ?? '', name: m.name, text });
    return;
  }
  const role = m.role === 'user' || m.role === 'assistant' || m.role === 'system' ? m.role : 'system';
  if (text.trim() !== '' || !m.tool_calls?.length) out.entry({ kind: 'message', timestamp, role, text });
  for (const call of m.tool_calls ?? []) {
    out.entry({ kind: 'tool_call', timestamp, id: call.id ?? '', name: call.name, arguments: argumentsText(call.arguments) });
  }
}
