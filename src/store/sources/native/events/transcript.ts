/** Transcript of an `events` session (format §2.2): only what is new in each request is shown. */
import { hash32, rawFromUsage, textOfContent, toTokens } from '../../common/fold-common.js';
import { lookupPrice, priceMicros } from '../../../pricing.js';
import type { ChatMessage } from '../schemas.js';
import { eventRecordSchema, llmRequestDataSchema, llmResponseDataSchema, sessionEndDataSchema, sessionStartDataSchema, toolCallDataSchema } from './schema.js';
import { argumentsText, type BuilderContext, type TranscriptBuilder } from '../../transcript-builder.js';
import { pushMessage, toResumeMessage } from '../store/transcript.js';

/**
 * Builder state stays small whatever the session's size: the hashes of the
 * last request's messages (to show only what is new in the next one),
 * whether that request was answered, and the session's model and provider.
 * The requests themselves go to the output (the context resets to each).
 */
export function eventsTranscript(ctx: BuilderContext): TranscriptBuilder {
  let prevHashes: string[] = [];
  let answered = false;
  // The start prompt is the run's first user message (format §2.2): shown once, at the start,
  // so the first request's copy of it (compared whitespace-collapsed) is not shown again.
  let promptShown = false;
  let promptEcho: string | null = null;
  let model = '';
  let provider = '';
  return {
    // No checkpoints here: the context is the last request's conversation plus the answer to it.
    add(raw, out) {
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
          out.entry({ kind: 'note', timestamp: ts, type: r.type, text: parts || 'started' });
          if (!promptShown && d.prompt !== undefined && d.prompt.trim() !== '') {
            promptShown = true;
            const prompt: ChatMessage = { role: 'user', content: d.prompt, tool_calls: undefined, tool_call_id: undefined, name: undefined };
            pushMessage(out, prompt, ts);
            if (prevHashes.length === 0) {
              promptEcho = collapsed(d.prompt);
              // Until a request is made, the prompt is all a resume would carry.
              out.contextReset([toResumeMessage(prompt)]);
            }
          }
          break;
        }
        case 'llm.request': {
          const { messages } = llmRequestDataSchema.parse(r.data);
          const hashes = messages.map(messageHash);
          let shared = 0;
          while (shared < hashes.length && shared < prevHashes.length && hashes[shared] === prevHashes[shared]) shared++;
          for (const m of messages.slice(shared)) {
            // Assistant turns were already shown as the responses they came from.
            if (m.role === 'assistant' && answered) continue;
            if (m.role === 'user' && promptEcho !== null) {
              const echo = collapsed(textOfContent(m.content)) === promptEcho;
              promptEcho = null;
              if (echo) continue;
            }
            pushMessage(out, m, ts);
          }
          prevHashes = hashes;
          answered = false;
          out.contextReset(messages.map(toResumeMessage));
          break;
        }
        case 'llm.response': {
          const d = llmResponseDataSchema.parse(r.data);
          const msg: ChatMessage = { role: 'assistant', content: d.content ?? '', tool_calls: d.tool_calls, tool_call_id: undefined, name: undefined };
          pushMessage(out, msg, ts);
          answered = true;
          out.contextTail(toResumeMessage(msg));
          const tokens = rawFromUsage(d.usage);
          const usedModel = d.model ?? model;
          const price = lookupPrice(ctx.pricing, usedModel);
          out.entry({
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
          out.entry({
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
          out.entry({ kind: 'note', timestamp: ts, type: r.type, text: parts.join(' · ') });
          break;
        }
        default:
          out.entry({ kind: 'note', timestamp: ts, type: r.type, text: JSON.stringify(r.data) });
      }
      return true;
    },
  };
}

const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();

function messageHash(m: ChatMessage): string {
  return hash32(`${m.role}\u0000${textOfContent(m.content)}\u0000${JSON.stringify(m.tool_calls ?? null)}`);
}
