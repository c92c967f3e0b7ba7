/**
 * A fold state as the catalog stores it, made where the file was read (a
 * scan worker): its JSON text and the hashes of the call keys it added,
 * instead of the state object. The catalog keeps the text as it is and
 * indexes the hashes, so the main thread neither rebuilds the object from
 * the worker's message nor serialises it again, nor hashes every billed
 * call (on a cold scan of a 1 GB Claude home that was most of its work).
 */
import { acrossFileHashes } from './call-keys.js';
import { packDedupe } from './dedupe-codec.js';
import type { SummaryResult, SummaryState } from './summary-reader.js';

/** A state packed for the catalog. */
export interface PackedState {
  /** Byte offset the state consumed to (SummaryState.offset). */
  offset: number;
  /** True for a session read whole (the state lists its parts, `g`): it is never continued from an offset. */
  whole: boolean;
  /** The state as stored: its JSON with the kept call copies as columns ({@link stateJson}). */
  json: string;
  /** JSON of the state's parts (`g`) for a whole read, else '' (FileRow.parts). */
  parts: string;
  /** The hashes of the across-file call keys this pass added (call-keys.ts acrossFileHashes), CALL_HASH_BYTES each, end to end. */
  callHashes: Uint8Array;
}

/** A summary whose state is packed (scan-pool.ts readPackedSummaries). */
export type PackedSummary = Omit<SummaryResult, 'state'> & { check: string; packed: PackedState };

/** Packs `state`, the result of a pass that continued `previous` (absent: read from the start). */
export function packState(state: SummaryState, previous?: SummaryState): PackedState {
  const parts = state.g ? JSON.stringify(state.g) : '';
  return { offset: state.offset, whole: Boolean(state.g), json: stateJson(state), parts, callHashes: acrossFileHashes(state.d, previous?.d) };
}

/**
 * The JSON text a state is stored as: the state itself, but its kept call
 * copies (`d.dedupe`) as columns in `d.dq` (dedupe-codec.ts); stored-rows.ts
 * parseState turns it back. `state` is not changed.
 */
export function stateJson(state: SummaryState): string {
  const dedupe = state.d.dedupe;
  if (!dedupe) return JSON.stringify(state);
  return JSON.stringify({ ...state, d: { ...state.d, dedupe: undefined, dq: packDedupe(dedupe) } });
}
