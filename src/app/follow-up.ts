/**
 * The commands we print for the user to run next (restore hints, resume
 * hints, "pass --yes"): built from argv and quoted for a POSIX shell, so
 * each one runs verbatim in the same shell. They carry whatever picked the
 * sessions this run looked at: `--demo`, or `--home` when the home did not
 * come from the defaults, and `--project` when it was given.
 */
import { resolve } from 'node:path';
import { shellCommand } from '../format/shell-quote.js';
import { readProjectJson, resolveHome, resolveProject } from '../store/project.js';
import { findInTrash } from '../store/actions/trash.js';
import type { ParsedOptions } from './cli-args.js';
import type { AppContext } from './context.js';

/** What a follow-up needs to know about this run. */
export interface FollowUpScope {
  home: string;
  demo: boolean;
  project: { id: string; root: string };
}

/**
 * `session-browser [--demo | --home H] [--project P] ...args`, shell-quoted.
 * `--home` is added when this run's home is not what a bare command would
 * use (it came from `--home` or $SESSION_BROWSER_HOME, which a pasted line
 * may not have); `--project ROOT` when `projectRoot` is given (the caller
 * decides: the id alone would be ambiguous, or the user scoped this run
 * with it). The demo ignores `--project`, so it never carries one.
 */
export function followUp(scope: FollowUpScope, args: readonly string[], opts: { projectRoot?: string } = {}): string {
  const words = ['session-browser'];
  if (scope.demo) words.push('--demo');
  else if (scope.home !== resolveHome(undefined, { ...process.env, SESSION_BROWSER_HOME: '' })) words.push('--home', scope.home);
  if (opts.projectRoot !== undefined && !scope.demo) words.push('--project', opts.projectRoot);
  return shellCommand([...words, ...args]);
}

/** Options that pick which sessions a run sees besides the home: carried as given, so a pasted follow-up finds the same ones. */
const SOURCE_OPTIONS = ['source', 'claude-dir', 'codex-dir', 'gemini-dir'] as const;

/**
 * The same, with `--project` carried when the user gave it on this command
 * line, and the source options (`--source`, `--claude-dir`, ...) as given.
 */
export function followUpFor(ctx: AppContext, options: ParsedOptions, args: readonly string[]): string {
  // Folders made absolute (a pasted line may run elsewhere, as --project's root is); `--name=value`, so a value
  // that starts with '-' is not read as an option.
  const sources = SOURCE_OPTIONS.flatMap((name) => {
    const value = options[name];
    if (typeof value !== 'string') return [];
    return [`--${name}=${name === 'source' ? value : resolve(value)}`];
  });
  return followUp(ctx, [...args, ...sources], { projectRoot: options.project !== undefined ? ctx.project.root : undefined });
}

/**
 * The command that brings a trashed session back. `restore ID` alone when
 * the id is in the trash once; when several projects deleted that id it
 * names the project (the current one, else the root recorded in
 * project.json when it still resolves to that project). Null when no
 * runnable form exists (the caller then says to run it from the project's folder).
 */
export function restoreHint(scope: FollowUpScope, projectId: string, id: string): string | null {
  const args = ['restore', id];
  if (findInTrash(scope.home, id).length <= 1 || scope.demo) return followUp(scope, args);
  if (projectId === scope.project.id) return followUp(scope, args, { projectRoot: scope.project.root });
  const root = readProjectJson(scope.home, projectId);
  try {
    if (root && resolveProject(root).id === projectId) return followUp(scope, args, { projectRoot: root });
  } catch {
    // The recorded root is gone: no --project can name this project.
  }
  return null;
}
