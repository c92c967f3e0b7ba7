/**
 * The browser reducer run in a tiny synchronous store instead of useReducer.
 *
 * Why: with React 19's reconciler Ink renders updates asynchronously, so
 * several keys that arrive in one chunk (a paste, a fast typist, a test
 * writing "g↓↓o") are all handled before the next render. A handler that
 * read the state from its render would act on stale data ("o" opening the
 * row "↓↓" already left). Here every key reads and updates the latest state
 * at once; React re-renders from it through useSyncExternalStore.
 */
import { useState, useSyncExternalStore } from 'react';
import { browserReducer, type BrowserAction, type BrowserState } from '../browser-reducer.js';

/** The latest browser state, updated synchronously by `dispatch`. */
export interface BrowserStore {
  get(): BrowserState;
  dispatch(action: BrowserAction): void;
  subscribe(listener: () => void): () => void;
}

export function createBrowserStore(initial: BrowserState): BrowserStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = browserReducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A store created once per mounted App, and its current state. */
export function useBrowserStore(init: () => BrowserState): [BrowserState, BrowserStore] {
  const [store] = useState(() => createBrowserStore(init()));
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  return [state, store];
}
