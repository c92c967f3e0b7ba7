/**
 * The first key of a search used to pay for what the search builds once per
 * list (BrowserSource.warmSearch: lookups, the index's file map, word
 * initials): 117 ms of a 10,000-session home's first keystroke, ~10x that
 * at 100,000. This hook builds it in the background once the list is
 * loaded, one slice per turn, so keys are answered between slices.
 */
import { useEffect } from 'react';
import type { SessionSummary } from '../../store/types.js';
import type { BrowserSource } from '../source.js';

/** Wait after the list settles before the first slice (ms): its own frames and the text indexer's start go first. */
export const WARMUP_DELAY_MS = 200;

/**
 * Steps `source.warmSearch(sessions)` to its end, one slice per
 * setImmediate, starting {@link WARMUP_DELAY_MS} after `settled` turns
 * true (the whole list is in and every file was checked). A new list
 * starts over; unmounting stops it.
 */
export function useSearchWarmup(source: BrowserSource, sessions: readonly SessionSummary[], settled: boolean): void {
  useEffect(() => {
    if (!settled || !source.warmSearch || sessions.length === 0) return;
    const steps = source.warmSearch(sessions);
    let immediate: NodeJS.Immediate | null = null;
    const step = (): void => {
      immediate = steps.next().done ? null : setImmediate(step);
    };
    const timer = setTimeout(step, WARMUP_DELAY_MS);
    return () => {
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    };
  }, [source, sessions, settled]);
}
