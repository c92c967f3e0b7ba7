/**
 * Loads the sessions of the scope whenever the scope changes or a reload is
 * asked for (after a delete). Answers for a scope the user already left are
 * dropped here (and again by the reducer, which checks the scope).
 */
import { useEffect, type Dispatch } from 'react';
import type { BrowserAction } from '../browser-reducer.js';
import type { BrowserSource, Scope } from '../source.js';

/** A user-facing message for anything thrown: the message, never a stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export function useSessionsLoader(
  source: BrowserSource,
  scope: Scope,
  reloadSeq: number,
  dispatch: Dispatch<BrowserAction>,
): void {
  useEffect(() => {
    let live = true;
    source.loadSessions(scope).then(
      (sessions) => {
        if (live) dispatch({ type: 'loaded', scope, sessions, skipped: source.skipped?.(scope) ?? [] });
      },
      (err: unknown) => {
        if (live) dispatch({ type: 'load-failed', scope, message: errorMessage(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [source, scope, reloadSeq, dispatch]);
}
