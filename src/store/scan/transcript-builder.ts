/**
 * The one transcript builder: normalized events (sources/events.ts) in,
 * transcript entries and resume-context operations out, one event at a time,
 * for every format. It keeps only the session's model (a call that names
 * none is priced by it), never the entries it emitted: the caller decides
 * whether to collect them (`loadTranscript`) or stream them (replay, export).
 */
import { isAmount, isZeroRaw, toTokens } from '../sources/common/fold-common.js';
import type { ChatMessage, NormalizedEvent } from '../sources/events.js';
import { lookupPrice, priceMicros, type PriceTable } from '../pricing.js';
import type { ResumeMessage, TranscriptEntry } from '../types.js';

/**
 * Where the builder puts what one event means. The resume context (FORMAT.md
 * §2: the last checkpoint's messages, then every message after it) is
 * described as operations, so it can be collected in memory or replayed from
 * the byte offset of its last reset by a second, streaming pass.
 */
export interface TranscriptOut {
  /** The next transcript entry, in order. */
  entry(e: TranscriptEntry): void;
  /** The context restarts with these messages (a store checkpoint, an events request); drops any tail. */
  contextReset(messages: ResumeMessage[]): void;
  /** A message joins the end of the context. */
  contextAppend(m: ResumeMessage): void;
  /** The context's closing message until the next reset or tail (an events response); replaces the previous one. */
  contextTail(m: ResumeMessage): void;
}

export function toResumeMessage(m: ChatMessage): ResumeMessage {
  const out: ResumeMessage = { role: m.role, content: m.content ?? '' };
  if (m.tool_calls) out.tool_calls = m.tool_calls;
  if (m.tool_call_id) out.tool_call_id = m.tool_call_id;
  if (m.name) out.name = m.name;
  return out;
}

/** A tool call's arguments or a tool's output as display text: strings as they are, anything else as JSON. */
export function argumentsText(args: unknown): string {
  if (args === undefined || args === null) return '';
  return typeof args === 'string' ? args : JSON.stringify(args);
}

const ENTRY_ROLES: ReadonlySet<string> = new Set(['user', 'assistant', 'system']);

/** A keyed call's usage entry held back while more copies of it may follow. */
interface HeldUsage {
  key: string;
  entry: Extract<TranscriptEntry, { kind: 'usage' }>;
}

export class TranscriptBuilder {
  /** The session's model (from meta), for calls that name none. */
  private sessionModel = '';
  /**
   * Other agents write one API call's usage on several lines (Claude: one
   * per content block, each repeating `message.id + requestId`, ADAPTERS.md).
   * The entry of such a call is held until its copies end (another call,
   * the next user message, the end), so the transcript shows each call
   * once, with the copy the summary counts.
   */
  private held: HeldUsage | null = null;
  /** Keys of the calls already shown: a later stray copy is not shown again. */
  private readonly shownKeys = new Set<string>();
  /**
   * The calls a running total's last events added (UsageEvent.perCall, Codex
   * `total_token_usage`), held until any other event: when billing records
   * follow (Codex writes a response's `token_usage_record` right after its
   * total), the parser takes the totals back and these are dropped, so no
   * call shows twice; otherwise they are shown in order.
   */
  private totalsCalls: { key: string; entries: Extract<TranscriptEntry, { kind: 'usage' }>[] } | null = null;
  /**
   * Names of the calls waiting for their output: Claude's and Codex's
   * outputs carry only the call's id, and "↳ Bash" reads better than
   * "↳ result". Forgotten once answered, so it holds the open calls only.
   */
  private readonly openCalls = new Map<string, string>();

  /** The name of the call `id` answers (given, else the call's), and the call is answered. */
  private callName(id: string | undefined, given: string | undefined): string | undefined {
    const name = id ? this.openCalls.get(id) : undefined;
    if (id) this.openCalls.delete(id);
    return given || name;
  }

  constructor(private readonly pricing: PriceTable) {}

  /** Emits what is still held back (call once after the last event). */
  finish(out: TranscriptOut): void {
    this.flushTotalsCalls(out);
    if (this.held) out.entry(this.held.entry);
    this.held = null;
  }

  /** Shows the calls a running total added, held back in {@link totalsCalls}. */
  private flushTotalsCalls(out: TranscriptOut): void {
    for (const entry of this.totalsCalls?.entries ?? []) out.entry(entry);
    this.totalsCalls = null;
  }

  /** Emits what one event means into `out`. */
  add(ev: NormalizedEvent, out: TranscriptOut): void {
    const timestamp = ev.kind === 'meta' ? null : ev.ts ?? null;
    if (this.totalsCalls) {
      const sameTotals = ev.kind === 'usage' && ev.perCall !== undefined && ev.dedupeKey === this.totalsCalls.key;
      // The totals taken back (calls 0): billing records follow and count these calls; anything else shows them.
      if (sameTotals && ev.calls === 0) return void (this.totalsCalls = null);
      if (!sameTotals) this.flushTotalsCalls(out);
    }
    // A new user turn, a note (an interruption, a command's output: Claude writes them as user lines) or another
    // call closes the held call: it is shown before them, beside its reply, not after what followed it.
    if (this.held && ((ev.kind === 'message' && ev.message.role === 'user') || ev.kind === 'note' || (ev.kind === 'usage' && ev.dedupeKey !== this.held.key))) this.finish(out);
    switch (ev.kind) {
      case 'meta':
        if (ev.model !== undefined) this.sessionModel = ev.model;
        return;
      case 'message': {
        const m = ev.message;
        if (m.role === 'tool') out.entry({ kind: 'tool_result', timestamp, id: m.tool_call_id ?? '', name: this.callName(m.tool_call_id, m.name), text: ev.text });
        // Assistant tool calls follow as their own events; a message of calls alone shows no empty line.
        else if (ev.text.trim() !== '' || !m.tool_calls?.length) {
          out.entry({ kind: 'message', timestamp, role: ENTRY_ROLES.has(m.role) ? (m.role as 'user') : 'system', text: ev.text });
        }
        if (ev.context === 'append') out.contextAppend(toResumeMessage(m));
        else if (ev.context === 'tail') out.contextTail(toResumeMessage(m));
        return;
      }
      case 'tool_call':
        out.entry({ kind: 'tool_call', timestamp, id: ev.id, name: ev.name, arguments: argumentsText(ev.arguments) });
        if (ev.id) this.openCalls.set(ev.id, ev.name);
        if (ev.context) out.contextAppend(toResumeMessage(ev.context));
        return;
      case 'tool_result': {
        const entry: TranscriptEntry = { kind: 'tool_result', timestamp, id: ev.id, name: this.callName(ev.id, ev.name), text: argumentsText(ev.output) };
        if (ev.durationMs !== undefined) entry.durationMs = ev.durationMs;
        if (ev.isError !== undefined) entry.isError = ev.isError;
        out.entry(entry);
        if (ev.context) out.contextAppend(toResumeMessage(ev.context));
        return;
      }
      case 'usage': {
        const model = ev.model ?? this.sessionModel;
        // A running total's event shows the one call it adds (none: nothing to show), never the total so far.
        const tokens = ev.perCall ?? ev.tokens;
        if (ev.perCall && isZeroRaw(ev.perCall)) return;
        let costMicros: number | null;
        if (ev.recordedCostUsd !== undefined && isAmount(ev.recordedCostUsd, 1e6)) costMicros = Math.round(ev.recordedCostUsd * 1e6);
        else {
          const price = lookupPrice(this.pricing, model);
          costMicros = price ? priceMicros(price, tokens) : null;
        }
        const entry: Extract<TranscriptEntry, { kind: 'usage' }> = { kind: 'usage', timestamp, model, vendor: ev.vendor, endpoint: ev.endpoint, tokens: toTokens(tokens), costMicros };
        if (ev.latencyMs !== undefined) entry.latencyMs = ev.latencyMs;
        if (ev.perCall) {
          const key = ev.dedupeKey ?? '';
          if (this.totalsCalls?.key === key) this.totalsCalls.entries.push(entry);
          else this.totalsCalls = { key, entries: [entry] };
          return;
        }
        if (ev.dedupeKey === undefined) return void out.entry(entry);
        if (this.held?.key === ev.dedupeKey) {
          // Another copy of the held call: keep the one the summary counts (summarize.ts, ADAPTERS.md).
          const better = ev.dedupe === 'last' || (ev.dedupe === 'max-output' && entry.tokens.output > this.held.entry.tokens.output);
          if (better) this.held.entry = { ...entry, timestamp: this.held.entry.timestamp };
          return;
        }
        if (this.shownKeys.has(ev.dedupeKey)) return;
        this.shownKeys.add(ev.dedupeKey);
        this.held = { key: ev.dedupeKey, entry };
        return;
      }
      case 'checkpoint': {
        const messages = ev.messages.map(toResumeMessage);
        out.entry({ kind: 'checkpoint', timestamp, tokenCount: ev.tokenCount, messages });
        // Everything before a checkpoint is summarised by its messages.
        out.contextReset(messages);
        return;
      }
      case 'context':
        out.contextReset(ev.messages.map(toResumeMessage));
        return;
      case 'note':
        out.entry({ kind: 'note', timestamp, type: ev.type, text: ev.text });
        return;
      case 'invocation':
        out.entry({ kind: 'note', timestamp, type: 'skill', text: ev.text });
        return;
      case 'attempt': {
        const { kind: _kind, ts: _ts, ...attempt } = ev;
        out.entry({ kind: 'attempt', timestamp, ...attempt });
        return;
      }
      case 'metric':
      case 'repeat':
      case 'status':
      case 'estimate':
      case 'prompt':
        return;
      default:
        ev satisfies never;
    }
  }
}
