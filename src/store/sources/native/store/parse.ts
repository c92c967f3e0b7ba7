/** The `store` dialect's records as normalized events (FORMAT.md §2.1). */
import { setOwn } from '../../common/own-keys.js';
import { cleanTitle, rawFromUsage, type RawTokens } from '../../common/fold-common.js';
import type { NormalizedEvent } from '../../events.js';
import { messageEvents } from '../messages.js';
import { providerOf } from '../../../pricing.js';
import { fastStoreRecord, storeRecordSchema } from './schema.js';

/** Nothing is carried from record to record: every rule of the dialect is a field of its events. */
export type StoreParserState = null;

export function parseStore(raw: Record<string, unknown>): NormalizedEvent[] | null {
  // Most records pass the cheap checks; the schema decides the rest.
  let r = fastStoreRecord(raw);
  if (r === undefined) {
    const parsed = storeRecordSchema.safeParse(raw);
    if (!parsed.success) return null;
    r = parsed.data;
  }
  switch (r.type) {
    case 'meta': {
      let endpointUsage: Record<string, RawTokens> | undefined;
      if (r.endpoint_usage) {
        endpointUsage = {};
        for (const [key, usage] of Object.entries(r.endpoint_usage)) setOwn(endpointUsage, key, rawFromUsage(usage));
      }
      // The last meta record replaces the previous one; it does not merge.
      return [
        {
          kind: 'meta',
          replace: true,
          title: r.title === undefined ? undefined : cleanTitle(r.title),
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          workspace: r.workspace,
          provider: r.vendor,
          model: r.model,
          tokenUsage: r.token_usage ? rawFromUsage(r.token_usage) : undefined,
          endpointUsage,
        },
      ];
    }
    case 'message':
      return messageEvents([], r.message, r.timestamp ?? null, true, 'append', true);
    case 'checkpoint':
      return [
        {
          kind: 'checkpoint',
          ts: r.timestamp ?? null,
          tokenCount: Math.max(0, Math.floor(r.token_count)),
          messages: r.messages,
          ...(r.droppedMessages ? { droppedMessages: r.droppedMessages.length } : {}),
        },
      ];
    case 'usage': {
      const e = r.entry;
      const vendor = e.vendor ?? '';
      return [
        {
          kind: 'usage',
          ts: e.timestamp ?? null,
          vendor,
          endpoint: e.endpoint ?? '',
          model: e.model,
          tokens: rawFromUsage(e.usage),
          callProvider: providerOf(e.model ?? '', vendor || null),
          namesSession: true,
        },
      ];
    }
    case 'metric':
      return [{ kind: 'metric', ts: r.timestamp ?? null, key: `${r.vendor ?? ''}|${r.endpoint ?? ''}`, name: r.metric.name, value: r.metric.value }];
    case 'tunnel_event': {
      const ev = r.event as { type?: unknown; data?: unknown } | undefined;
      return [{ kind: 'note', ts: null, type: 'tunnel_event', text: `${typeof ev?.type === 'string' ? ev.type : 'event'} ${JSON.stringify(ev?.data ?? null)}` }];
    }
    default:
      return r satisfies never;
  }
}
