/**
 * Live watching of a home's sessions while the browser is open: the
 * folders the locations name (sources/registry.ts watchFolders) are watched
 * with `fs.watch` (inotify on Linux: a file created, appended to or removed
 * in a watched folder is reported at once); where a folder cannot be
 * watched (no inotify watches left, a file system without events) it is
 * polled instead, by the sizes and mtimes of its entries. The watcher only
 * says "something changed"; the caller refreshes through the catalog, where
 * an unchanged file costs one stat.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { SessionLocation } from '../sources/format.js';
import { watchFolders } from '../sources/registry.js';

/** Options of {@link watchSessions}. */
export interface WatchOptions {
  /** Interval of the polling fallback, in ms (default 2000). */
  pollMs?: number;
  /** Force polling (tests, file systems whose events are unreliable); default false. */
  poll?: boolean;
  /** The locations whose folders are watched (default: the native home's, sources/registry.ts LOCATIONS). */
  locations?: readonly SessionLocation[];
}

/** A running watch; `close` stops it (idempotent). */
export interface SessionWatch {
  close(): void;
}

/**
 * Calls `onChange` (possibly several times per change: callers debounce)
 * whenever a session of the given projects (null: all) may have been
 * created, grown or removed. The set of folders is looked up again when one
 * of them changes, so a new project folder is watched too. Never throws:
 * a watch that cannot start falls back to polling.
 */
export function watchSessions(home: string, projectIds: string[] | null, onChange: () => void, opts: WatchOptions = {}): SessionWatch {
  const pollMs = opts.pollMs ?? 2000;
  const watchers = new Map<string, FSWatcher>();
  const polled = new Map<string, string>();
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const changed = (): void => {
    if (closed) return;
    onChange();
    void refreshFolders();
  };
  const startPolling = (): void => {
    if (timer || closed) return;
    timer = setInterval(() => {
      for (const [folder, before] of polled) {
        const now = signature(folder);
        if (now !== before) {
          polled.set(folder, now);
          changed();
        }
      }
    }, pollMs);
    timer.unref();
  };
  const follow = (folder: string): void => {
    if (watchers.has(folder) || polled.has(folder)) return;
    if (!opts.poll) {
      try {
        const w = watch(folder, { persistent: false }, changed);
        w.on('error', () => {
          // The folder went away or the watch broke: poll it from now on.
          w.close();
          watchers.delete(folder);
          polled.set(folder, signature(folder));
          startPolling();
        });
        watchers.set(folder, w);
        return;
      } catch {
        // No watch possible (ENOENT, ENOSPC: out of inotify watches): poll it.
      }
    }
    polled.set(folder, signature(folder));
    startPolling();
  };
  const refreshFolders = async (): Promise<void> => {
    try {
      for (const folder of await watchFolders(home, projectIds, opts.locations)) if (!closed) follow(folder);
    } catch {
      // The home is unreadable right now; the folders already followed still report.
    }
  };
  void refreshFolders();
  return {
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
      if (timer) clearInterval(timer);
    },
  };
}

/** Hash of the names, sizes and mtimes of a folder's entries ('' when it cannot be read): a change of any gives a new value. */
function signature(folder: string): string {
  try {
    const hash = createHash('sha1');
    for (const name of readdirSync(folder).sort()) {
      try {
        const st = statSync(join(folder, name));
        hash.update(`${name}\0${st.size}\0${st.mtimeMs}\n`);
      } catch {
        hash.update(`${name}\n`);
      }
    }
    return hash.digest('hex');
  } catch {
    return '';
  }
}
