/** The `events` dialect (FORMAT.md §2.2): a numbered event stream of LLM calls and tool calls. */
import type { LogFormat } from '../../format.js';
import { nativeLocation } from '../location.js';
import { initEventsParser, parseEvents, type EventsParserState } from './parse.js';

const isPlainObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Discriminator: a numeric `seq`, a dotted `type` ("llm.request") and an object `data`. */
export const eventsFormat: LogFormat<EventsParserState> = {
  id: 'events',
  location: nativeLocation,
  recognise: (r) => typeof r.type === 'string' && typeof r.seq === 'number' && r.type.includes('.') && isPlainObject(r.data),
  initParser: initEventsParser,
  parse: parseEvents,
};
