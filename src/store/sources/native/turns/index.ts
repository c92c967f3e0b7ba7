/** The `turns` dialect (FORMAT.md §2.3): one record per turn, text content. */
import type { LogFormat } from '../../format.js';
import { nativeLocation } from '../location.js';
import { parseTurns, type TurnsParserState } from './parse.js';
import { EPHEMERAL_TURN_TYPES, TURN_TYPES } from './schema.js';

/** Discriminator: `type` is a turn type and `content` a string; progress, typing and ping records are dropped silently. */
export const turnsFormat: LogFormat<TurnsParserState> = {
  id: 'turns',
  location: nativeLocation,
  recognise: (r) => typeof r.type === 'string' && TURN_TYPES.has(r.type) && typeof r.content === 'string',
  ignorable: (r) => typeof r.type === 'string' && EPHEMERAL_TURN_TYPES.has(r.type),
  initParser: () => null,
  parse: parseTurns,
};
