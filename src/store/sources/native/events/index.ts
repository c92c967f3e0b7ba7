/** The `events` dialect (FORMAT.md §2.2): a numbered event stream of LLM calls and tool calls. */
import type { LogFormat } from '../../format.js';
import { nativeLocation } from '../location.js';
import { eventsFold, type EventsState } from './fold.js';
import { eventsTranscript } from './transcript.js';

const isPlainObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Discriminator: a numeric `seq`, a dotted `type` ("llm.request") and an object `data`. */
export const eventsFormat: LogFormat<EventsState> = {
  id: 'events',
  location: nativeLocation,
  recognise: (r) => typeof r.type === 'string' && typeof r.seq === 'number' && r.type.includes('.') && isPlainObject(r.data),
  fold: eventsFold,
  transcript: eventsTranscript,
};
