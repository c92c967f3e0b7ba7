/**
 * A pure reducer run in a tiny synchronous store instead of useReducer.
 *
 * Why: with React 19's reconciler Ink renders updates asynchronously, so
 * several keys that arrive in one chunk (a paste, a fast typist, SSH
 * batching) are all handled before the next render. A handler that read the
 * state from its render would act on stale data (the second key of "/a"
 * would not know the box is open). Here every key reads and updates the
 * latest state at once; React re-renders from it through useSyncExternalStore.
 */
import { useState, useSyncExternalStore } from 'react';

/** The latest state, updated synchronously by `dispatch`. */
export interface SyncStore<S, A> {
  get(): S;
  dispatch(action: A): void;
  subscribe(listener: () => void): () => void;
}

export function createSyncStore<S, A>(reducer: (state: S, action: A) => S, initial: S): SyncStore<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = reducer(state, action);
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

/** A store created once per mounted component, and its current state. */
export function useSyncReducer<S, A>(reducer: (state: S, action: A) => S, init: () => S): [S, SyncStore<S, A>] {
  const [store] = useState(() => createSyncStore(reducer, init()));
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  return [state, store];
}
