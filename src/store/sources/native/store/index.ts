/** The `store` dialect (FORMAT.md §2.1): a conversation store with checkpoints. */
import type { LogFormat } from '../../format.js';
import { nativeLocation } from '../location.js';
import { parseStore, type StoreParserState } from './parse.js';
import { STORE_TYPES } from './schema.js';

/** Discriminator: `type` is one of meta, message, checkpoint, usage, metric, tunnel_event. */
export const storeFormat: LogFormat<StoreParserState> = {
  id: 'store',
  location: nativeLocation,
  recognise: (r) => typeof r.type === 'string' && STORE_TYPES.has(r.type),
  initParser: () => null,
  parse: parseStore,
};
