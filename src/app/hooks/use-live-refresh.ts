/**
 * The list kept live while the browser is open: changes on disk reported by
 * the source's watch refresh it, spaced by what a refresh costs, and the
 * screen follows the clock.
 */
import { useEffect, useState } from 'react';
import type { BrowserStore } from './use-browser-store.js';
import type { BrowserSource, Scope } from '../source.js';

/** How often the screen follows the clock (ages, cache badges) with nothing reported on disk, in ms; the list is refreshed then too, see {@link REFRESH_SHARE}. */
export const CLOCK_REFRESH_MS = 30_000;
/** Changes on disk arrive in bursts (an agent writes a line per event): one refresh per this many ms, at most. */
const CHANGE_DEBOUNCE_MS = 250;
/**
 * A refresh checks every file of the scope (a stat each: ~0.3 s at 10,000
 * sessions, ~3 s at 100,000, on the thread that answers keys). After one,
 * a change waits at least twice what it took, so an agent writing all the
 * time costs at most a third of the browser's time; the clock's refresh
 * waits at least this many times what it took (at 100,000 sessions every
 * ~150 s instead of every 30 s, while ages still tick every
 * {@link CLOCK_REFRESH_MS}).
 */
export const REFRESH_SHARE = { change: 2, clock: 50 } as const;

/** What the last refresh of the list took (ms; 0 before the first), and when the last load started and ended (ms since the epoch). */
export interface RefreshCost {
  ms: number;
  startedAt: number;
  endedAt: number;
}

/**
 * Keeps the scope live while the browser is open: a change reported by
 * `source.watch` refreshes the list (debounced by {@link CHANGE_DEBOUNCE_MS},
 * never while a refresh runs, and no sooner after one than its cost allows:
 * {@link REFRESH_SHARE}), the screen follows the clock every
 * {@link CLOCK_REFRESH_MS}, and the list is refreshed then too unless the
 * last refresh was too recent for its cost.
 */
export function useLiveRefresh(source: BrowserSource, scope: Scope, store: BrowserStore, refreshCost: RefreshCost = { ms: 0, startedAt: 0, endedAt: 0 }): void {
  const [, setClockTick] = useState(0);
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    let refreshedAt = Date.now();
    const refresh = (): void => {
      refreshedAt = Date.now();
      store.dispatch({ type: 'refresh' });
    };
    let changedAt = 0;
    const fire = (): void => {
      timer = null;
      // A load that started after the last change reads what it changed (`r`, or a refresh the clock asked for).
      if (refreshCost.startedAt >= changedAt) return;
      const s = store.get();
      const wait = refreshCost.endedAt + REFRESH_SHARE.change * refreshCost.ms - Date.now();
      if (s.loadedSeq !== s.reloadSeq || wait > 0) timer = setTimeout(fire, Math.max(CHANGE_DEBOUNCE_MS, wait));
      else refresh();
    };
    const changed = (): void => {
      changedAt = Date.now();
      timer ??= setTimeout(fire, CHANGE_DEBOUNCE_MS);
    };
    let stop: (() => void) | undefined;
    try {
      stop = source.watch?.(scope, changed);
    } catch {
      // Not live, then: `r` and the clock still refresh.
    }
    const clock = setInterval(() => {
      // Ages ("2m ago") and cache badges are worked out when drawn: a frame is enough for them.
      setClockTick((n) => n + 1);
      if (Date.now() - refreshedAt >= Math.max(CLOCK_REFRESH_MS, REFRESH_SHARE.clock * refreshCost.ms) - 1000) refresh();
    }, CLOCK_REFRESH_MS);
    clock.unref?.();
    return () => {
      stop?.();
      clearInterval(clock);
      if (timer) clearTimeout(timer);
    };
  }, [source, scope, store]);
}
