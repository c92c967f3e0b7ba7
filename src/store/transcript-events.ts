/** Transcript of an `events` session (format §2.2): only what is new in each request is shown. */
import { hash32, rawFromUsage, textOfContent, toTokens } from './fold-common.js';
import { lookupPrice, priceMicros } from './pricing.js';
import {
  eventRecordSchema,
  llmRequestDataSchema,
  llmResponseDataSchema,
  sessionEndDataSchema,
  sessionStartDataSchema,
  toolCallDataSchema,
  type ChatMessage,
} from './schemas.js';
import { argumentsText, type BuilderContext, type TranscriptBuilder } from './transcript-builder.js';
import { pushMessage, toResumeMessage } from './transcript-store.js';
import type { ResumeMessage, TranscriptEntry } from './types.js';

export function eventsTranscript(ctx: BuilderContext): TranscriptBuilder {
  const entries: TranscriptEntry[] = [];
  let prevHashes: string[] = [];
  let lastRequest: ChatMessage[] = [];
  let lastResponse: ResumeMessage | null = null;
  let model = '';
  let provider = '';
  return {
    entries,
    lastCheckpointIndex: -1,
    // No checkpoints here: the last request's conversation plus the answer to it.
    resumeContext: () => [...lastRequest.map(toResumeMessage), ...(lastResponse ? [lastResponse] : [])],
    add(raw) {
      const parsed = eventRecordSchema.safeParse(raw);
      if (!parsed.success) return false;
      const r = parsed.data;
      const ts = r.timestamp ?? null;
      switch (r.type) {
        case 'session.start': {
          const d = sessionStartDataSchema.parse(r.data);
          model = d.model ?? model;
          provider = d.provider ?? provider;
          const parts = [d.provider, d.model, d.work_dir].filter(Boolean).join(' · ');
          entries.push({ kind: 'note', timestamp: ts, type: r.type, text: parts || 'started' });
          break;
        }
        case 'llm.request': {
          const { messages } = llmRequestDataSchema.parse(r.data);
          const hashes = messages.map(messageHash);
          let shared = 0;
          while (shared < hashes.length && shared < prevHashes.length && hashes[shared] === prevHashes[shared]) shared++;
          for (const m of messages.slice(shared)) {
            // Assistant turns were already shown as the responses they came from.
            if (m.role === 'assistant' && lastResponse) continue;
            pushMessage(entries, m, ts);
          }
          prevHashes = hashes;
          lastRequest = messages;
          lastResponse = null;
          break;
        }
        case 'llm.response': {
          const d = llmResponseDataSchema.parse(r.data);
          const msg: ChatMessage = { role: 'assistant', content: d.content ?? '', tool_calls: d.tool_calls, tool_call_id: undefined, name: undefined };
          pushMessage(entries, msg, ts);
          lastResponse = toResumeMessage(msg);
          const tokens = rawFromUsage(d.usage);
          const usedModel = d.model ?? model;
          const price = lookupPrice(ctx.pricing, usedModel);
          entries.push({
            kind: 'usage',
            timestamp: ts,
            model: usedModel,
            vendor: d.provider ?? provider,
            endpoint: d.endpoint ?? '',
            tokens: toTokens(tokens),
            costMicros: d.cost_usd !== undefined ? Math.round(d.cost_usd * 1e6) : price ? priceMicros(price, tokens) : null,
            latencyMs: d.latency_ms,
          });
          break;
        }
        case 'tool.call': {
          const d = toolCallDataSchema.parse(r.data);
          entries.push({
            kind: 'tool_result',
            timestamp: ts,
            id: '',
            name: d.tool,
            text: argumentsText(d.output ?? d.error),
            durationMs: d.duration_ms,
            isError: d.error !== undefined && d.error !== null,
          });
          break;
        }
        case 'session.end': {
          const d = sessionEndDataSchema.parse(r.data);
          const parts = [d.status ?? 'ended', d.output, d.cost_usd !== undefined ? `$${d.cost_usd}` : undefined].filter(Boolean);
          entries.push({ kind: 'note', timestamp: ts, type: r.type, text: parts.join(' · ') });
          break;
        }
        default:
          entries.push({ kind: 'note', timestamp: ts, type: r.type, text: JSON.stringify(r.data) });
      }
      return true;
    },
  };
}

function messageHash(m: ChatMessage): string {
  return hash32(`${m.role}\u0000${textOfContent(m.content)}\u0000${JSON.stringify(m.tool_calls ?? null)}`);
}
