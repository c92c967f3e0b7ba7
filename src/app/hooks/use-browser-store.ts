/**
 * The browser reducer run in a synchronous store (see
 * components/use-sync-reducer.ts for why): every key of a burst reads and
 * updates the latest state at once.
 */
import { createSyncStore, useSyncReducer, type SyncStore } from '../../components/use-sync-reducer.js';
import { browserReducer, type BrowserAction, type BrowserState } from '../browser-reducer.js';

/** The latest browser state, updated synchronously by `dispatch`. */
export type BrowserStore = SyncStore<BrowserState, BrowserAction>;

export function createBrowserStore(initial: BrowserState): BrowserStore {
  return createSyncStore(browserReducer, initial);
}

/** A store created once per mounted App, and its current state. */
export function useBrowserStore(init: () => BrowserState): [BrowserState, BrowserStore] {
  return useSyncReducer(browserReducer, init);
}
