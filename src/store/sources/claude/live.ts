/**
 * Live Claude Code sessions (ADAPTERS.md): `<dir>/sessions/<pid>.json`
 * `{sessionId, pid, procStart, ...}` is trusted only when the pid is alive
 * and its start time (`/proc/<pid>/stat` field 22) equals `procStart`; old
 * `pid-<n>.json` files are orphans.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The start time of a process (`/proc/<pid>/stat` field 22, clock ticks since boot), null when unknown (no /proc, no such pid). */
export async function procStart(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[22 - 3] ?? null;
  } catch {
    return null;
  }
}

/** Ids of the sessions Claude Code says are live, checked against the process table. Never throws. */
export async function liveClaudeSessions(dir: string, startOf: (pid: number) => Promise<string | null> = procStart): Promise<Set<string>> {
  const live = new Set<string>();
  let names: string[];
  try {
    names = await readdir(join(dir, 'sessions'));
  } catch {
    return live;
  }
  for (const name of names) {
    if (!/^\d+\.json$/.test(name)) continue; // `pid-<n>.json`: orphans of older versions
    try {
      const r = JSON.parse(await readFile(join(dir, 'sessions', name), 'utf8')) as { sessionId?: unknown; pid?: unknown; procStart?: unknown };
      if (typeof r.sessionId !== 'string' || typeof r.pid !== 'number') continue;
      const start = await startOf(r.pid);
      if (start !== null && String(r.procStart) === start) live.add(r.sessionId);
    } catch {
      // Half-written or gone: not live.
    }
  }
  return live;
}
