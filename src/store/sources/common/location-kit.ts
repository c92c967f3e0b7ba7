/**
 * What the locations of other agents' folders share (Claude Code, Codex,
 * Gemini CLI): their options, the project-scope filter, head facts through
 * the memo, and the one-line note for a folder that is missing or unreadable.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, sep } from 'node:path';
import type { SessionScan, SkippedEntry } from '../format.js';
import { folderReason } from '../../fs-reason.js';
import { memoryHeadMemo, type HeadFacts, type HeadMemo } from './heads.js';

/** How a location of another agent's folder is set up. */
export interface ForeignLocationOptions {
  /** The agent's folder (`--claude-dir`, the config file); absent: its default (environment, then the home folder). */
  dir?: string;
  /** True when the user named `dir`: a missing folder is then a note. A default folder that is missing is just no sessions. */
  named?: boolean;
  /** Environment for the default folder (`$CLAUDE_CONFIG_DIR`, `$CODEX_HOME`, `$HOME`). */
  env?: NodeJS.ProcessEnv;
  /** Remembered heads (a persisted one from the catalog); default: for this process only. */
  memo?: HeadMemo;
  /**
   * Extra project ids a requested id stands for: the project in scope has
   * its own id (FORMAT.md §1, the worktree's root) and its repository's id
   * (project-scope.ts, the main worktree's root), which other agents'
   * sessions carry.
   */
  aliases?: Record<string, string[]>;
}

/** The user's home folder as the environment says. */
export const homeOf = (env: NodeJS.ProcessEnv): string => env.HOME || homedir();

/** The project ids wanted (with their aliases), or null for every project. */
export function wantedIds(projectIds: string[] | null, aliases: Record<string, string[]> | undefined): Set<string> | null {
  if (projectIds === null) return null;
  const out = new Set(projectIds);
  for (const id of projectIds) for (const alias of aliases?.[id] ?? []) out.add(alias);
  return out;
}

/**
 * Whether the files a scan refused in one folder are named in a run of the
 * `wanted` projects (null: every project), given the projects of the
 * sessions read in that folder. A refused file is never read, so its own
 * project is unknown: its folder's sessions stand for it (a Claude project
 * folder, a Gemini chats folder hold one project's). It is named when they
 * are of a wanted project, and when the folder holds no session read (a
 * lone linked log: named in every scope rather than hidden in all but
 * `--all`); it is left out only when they all are another project's, so
 * that one project's stray file is not a note in every other project.
 */
export function inScope(wanted: ReadonlySet<string> | null, folderProjects: ReadonlySet<string>): boolean {
  if (wanted === null || folderProjects.size === 0) return true;
  for (const id of folderProjects) if (wanted.has(id)) return true;
  return false;
}

/**
 * A file's head facts: from the memo while its inode is the same, else read
 * (and remembered). Synchronous stat and read (`read` must not wait on
 * anything): see {@link eachInTurns}. Throws what the file system throws.
 */
export function headFactsSync(path: string, memo: HeadMemo, read: (path: string) => HeadFacts): HeadFacts {
  const st = statSync(path);
  const known = memo.get(path, st.ino);
  if (known) return known;
  const facts = read(path);
  memo.set(path, st.ino, facts);
  return facts;
}

export const defaultMemo = memoryHeadMemo;

/** How long {@link eachInTurns} works before it gives the event loop a turn, in ms. */
const TURN_MS = 8;

/**
 * Runs the synchronous `fn` over `items` in order, giving the event loop a
 * turn every few ms: for file-system work of a few system calls an item
 * (a file's head), where awaiting each call cost more than the call, and
 * where a browser on this thread must still answer keys. `endOfTurn`, when
 * given, is called before each turn is given and once at the end: what the
 * items of that turn made can be handed on (a first scan's readers start on
 * them).
 */
export async function eachInTurns<T>(items: readonly T[], fn: (item: T) => void, endOfTurn?: () => void): Promise<void> {
  let since = performance.now();
  for (const item of items) {
    fn(item);
    if (performance.now() - since >= TURN_MS) {
      endOfTurn?.();
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
  endOfTurn?.();
}

/** The note for an agent folder that cannot be listed: none for a default folder that does not exist (that agent is not installed). */
export function folderProblem(dir: string, err: unknown, named: boolean | undefined): SkippedEntry[] {
  const code = (err as NodeJS.ErrnoException).code;
  if ((code === 'ENOENT' || code === 'ENOTDIR') && !named) return [];
  return [{ path: dir, error: folderReason(err) }];
}

/** Runs `fn` over `items`, `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The folders to watch for a location whose sessions live below `root`:
 * `root` and every folder from it down to each session file and part that
 * `scan` found (so a new day folder of Codex, or a new project folder of
 * Claude, is reported by its parent). For SessionLocation.watchFolders.
 */
export function watchedFolders(root: string, scan: SessionScan): string[] {
  const out = new Set<string>([root]);
  const prefix = root.endsWith(sep) ? root : root + sep;
  for (const f of scan.files) {
    for (const path of [f.path, ...(f.parts ?? [])]) {
      for (let dir = dirname(path); dir.startsWith(prefix) && !out.has(dir); dir = dirname(dir)) out.add(dir);
    }
  }
  return [...out];
}
