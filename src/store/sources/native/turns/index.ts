/** The `turns` dialect (FORMAT.md §2.3): one record per turn, text content. */
import type { LogFormat } from '../../format.js';
import { nativeLocation } from '../location.js';
import { turnsFold, type TurnsState } from './fold.js';
import { EPHEMERAL_TURN_TYPES, TURN_TYPES } from './schema.js';
import { turnsTranscript } from './transcript.js';

/** Discriminator: `type` is a turn type and `content` a string; progress, typing and ping records are dropped silently. */
export const turnsFormat: LogFormat<TurnsState> = {
  id: 'turns',
  location: nativeLocation,
  recognise: (r) => typeof r.type === 'string' && TURN_TYPES.has(r.type) && typeof r.content === 'string',
  ignorable: (r) => typeof r.type === 'string' && EPHEMERAL_TURN_TYPES.has(r.type),
  fold: turnsFold,
  transcript: turnsTranscript,
};
