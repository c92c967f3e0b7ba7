/**
 * `resume`: runs the configured command for a session, without a shell, in
 * the folder the session lives in (its workspace, else its project root:
 * store/resume.ts resolveResumeDir); with no command configured, prints the
 * id (so `id=$(session-browser resume --last) && agent --resume "$id"`
 * works). A running session (the ● badge) needs `--force`.
 */
import { assertNotSessionLog } from '../../store/actions/session-logs.js';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { sanitize } from '../../format/sanitize.js';
import { shellCommand } from '../../format/shell-quote.js';
import { formatDateTime } from '../../format/time.js';
import { sessionActivity } from '../../store/actions/activity.js';
import { parseDuration, DURATION_FORMS } from '../../store/duration.js';
import { readProjectJson } from '../../store/project.js';
import {
  commandFor,
  isDir,
  removeContextFile,
  resolveResumeDir,
  ResumeDirError,
  splitTemplate,
  substitute,
  usesContext,
  writeContextStream,
  type CommandTemplate,
  type ContextStreamer,
} from '../../store/actions/resume.js';
import { streamResumeContext, streamWholeContext } from '../../store/scan/transcript-stream.js';
import type { ResumeFrom } from '../source.js';
import type { SessionSummary } from '../../store/types.js';
import { UsageError, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { followUpFor } from '../follow-up.js';
import { toJson, type Io } from '../io.js';
import { NotFoundError } from './find-session.js';
import { loadScope, noSessionsMessage } from './list.js';
import { loadSummaryById } from './show.js';
import { shownValue } from '../../format/shown-value.js';

/** What to spawn, where, and what to say and clean up around it. */
export interface ResumeCommandLine {
  argv: string[];
  /** An existing folder: the workspace, else the project root. */
  cwd: string;
  /** One line for stderr when the recorded workspace is gone, else null. */
  warning: string | null;
  /** The temporary context file to delete once the program exits (never a `--context FILE`), else null. */
  tempContext: string | null;
  /**
   * A dry run only: why a real resume would refuse (no folder to run in,
   * resume.ts ResumeDirError); `cwd` is then the recorded workspace. Absent
   * when it would run.
   */
  refused?: string;
}


/**
 * How this run finds a project's root folder (FORMAT.md §1): the root in
 * project.json when it exists, else — for the project in scope — the git
 * root its id was made from. The demo's roots are fictional (/home/demo/…),
 * so its sessions resume in the private demo copy. Null when unknown.
 */
export function projectRootOf(ctx: AppContext): (projectId: string) => string | null {
  return (projectId) => {
    const recorded = readProjectJson(ctx.home, projectId);
    if (recorded && isDir(recorded)) return recorded;
    if (ctx.demo) return ctx.home;
    if (projectId === ctx.project.id) return ctx.project.root;
    return recorded;
  };
}

/**
 * The argv for a session: the template split once, placeholders filled per
 * argument, `{workspace}` being the folder the resume runs in. The resume
 * context needs a full read of the session, so it is loaded only for
 * `--context FILE` (always written, kept) or a template that names
 * `{context}` (a private temporary file, see `tempContext`). Throws
 * ResumeDirError when the session has no folder to run in, except in a
 * dry run, which shows the plan and why it would stop (`refused`).
 */
export async function resumeLine(
  summary: SessionSummary,
  command: CommandTemplate,
  loadContext: ContextStreamer,
  projectRoot: (projectId: string) => string | null,
  contextFile?: string,
  opts: { dryRun?: boolean; demo?: boolean } = {},
): Promise<ResumeCommandLine> {
  const words = splitTemplate(command.template);
  let dir: ReturnType<typeof resolveResumeDir>;
  let refused: string | undefined;
  try {
    dir = resolveResumeDir(summary, projectRoot);
  } catch (err) {
    if (!(opts.dryRun && err instanceof ResumeDirError)) throw err;
    // A dry run shows what would run, and where it was recorded, with the reason a real one stops.
    refused = err.message;
    dir = { cwd: summary.workspace?.trim() || '(no folder recorded)', from: 'workspace', missingWorkspace: null, workspaceProblem: null };
  }
  let context = contextFile;
  let tempContext: string | null = null;
  if (contextFile) await writeContextStream(loadContext, contextFile, summary.path);
  // A dry run writes no temporary file (nothing would delete it): the argv names a placeholder instead.
  else if (usesContext(words)) context = opts.dryRun ? DRY_RUN_CONTEXT : (tempContext = await writeContextStream(loadContext));
  const argv = substitute(words, {
    id: summary.id,
    path: summary.path,
    workspace: dir.cwd,
    context: () => context ?? '',
  });
  // On the demo the fallback folder is the demo's private copy, not a project root.
  const fallback = opts.demo ? "the demo's private copy" : 'the project root';
  const warning = dir.missingWorkspace
    ? sanitize(`session-browser: the workspace ${dir.missingWorkspace} ${dir.workspaceProblem ?? 'no longer exists'}; resuming in ${fallback} ${dir.cwd}`, { singleLine: true })
    : null;
  return { argv, cwd: dir.cwd, warning, tempContext, ...(refused === undefined ? {} : { refused }) };
}

/** What `{context}` becomes in a dry run without `--context FILE`. */
export const DRY_RUN_CONTEXT = '<temporary context file, written when the command runs>';

/** The resume context of a session, streamed from the file message by message (any size, bounded memory). */
export const contextLoader = (ctx: AppContext, summary: SessionSummary, from: ResumeFrom = 'checkpoint'): ContextStreamer => (emit) =>
  from === 'start'
    ? streamWholeContext(summary.path, ctx.catalog.optionsFor(summary), emit)
    : streamResumeContext(summary.path, ctx.catalog.optionsFor(summary), emit);

export async function resumeCommand(ctx: AppContext, id: string | undefined, options: ParsedOptions, io: Io): Promise<number> {
  const summary = id ? await loadSummaryById(ctx, id, { newest: (line) => io.err(line) }) : await lastSession(ctx, options, io);
  // The context is JSONL: never written over a session log, nor as a new one among the sessions (as export -o).
  if (options.context) assertNotSessionLog(options.context, ctx.sessionLogFolders(), summary.path);
  const activity = sessionActivity(summary, ctx.now());
  if (activity.running && !options.force && !options['dry-run']) {
    const again = followUpFor(ctx, options, [
      'resume',
      summary.id,
      '--force',
      ...(ctx.resumeCommand?.source === 'flag' ? ['--resume-cmd', ctx.resumeCommand.template] : []),
      ...(options.context ? ['--context', options.context] : []),
    ]);
    throw new Error(sanitize(`not resuming ${summary.id}: ${activity.reason}; resuming it now would fork it. If it has stopped, run: ${again}`, { singleLine: true }));
  }
  if (activity.running && options['dry-run']) io.err(sanitize(`session-browser: note: ${summary.id} is active (${activity.reason}); a real resume needs --force`, { singleLine: true }));
  const loadContext = contextLoader(ctx, summary);
  const command = commandFor(summary, ctx.resumeCommand);
  if (!command) {
    if (options.context) await writeContextStream(loadContext, options.context, summary.path);
    io.out(summary.id);
    io.err('session-browser: no resume command configured; printed the id. Set --resume-cmd, $SESSION_BROWSER_RESUME_CMD or "resumeCommand" in the config (e.g. "claude --resume {id}").');
    return 0;
  }
  const dryRun = options['dry-run'] === true;
  const line = await resumeLine(summary, command, loadContext, projectRootOf(ctx), options.context, { dryRun, demo: ctx.demo });
  if (line.warning) io.err(line.warning);
  if (dryRun) {
    // Nothing runs. A `--context FILE` is written (the user asked for it); a temporary one is not.
    io.out(toJson(line.argv));
    io.err(sanitize(`cwd: ${line.cwd}`, { singleLine: true }));
    if (options.context) io.err(sanitize(`session-browser: wrote the resume context to ${options.context} (kept)`, { singleLine: true }));
    else if (usesContext(splitTemplate(command.template)))
      io.err('session-browser: dry run: no context file written; a real resume writes {context} to a private temporary file and deletes it when the command exits. To inspect it, add --context FILE.');
    // The plan is shown, and the exit code says a real resume would stop.
    if (line.refused) io.err(sanitize(`session-browser: a real resume would stop here: ${line.refused}`, { singleLine: true }));
    return line.refused ? 1 : 0;
  }
  // The plan, before it runs: what a log put in it is there to see.
  io.err(sanitize(`session-browser: running ${JSON.stringify(line.argv)} in ${line.cwd}`, { singleLine: true }));
  return spawnResume(line);
}

/**
 * Runs the command with our terminal, without a shell, in `line.cwd`;
 * resolves to its exit code (128 + signal number when killed). While it
 * runs we behave like a shell: Ctrl+C and Ctrl+\ (SIGINT, SIGQUIT) are
 * ignored here — the terminal already delivers them to the child, which
 * may catch them to interrupt a turn — and we wait for it; SIGTERM and
 * SIGHUP sent to us are forwarded to it. The temporary context file is
 * deleted once it exits, or fails to start.
 */
export function spawnResume(line: ResumeCommandLine): Promise<number> {
  const [program, ...args] = line.argv;
  const handlers: [NodeJS.Signals, () => void][] = [];
  const done = new Promise<number>((resolve, reject) => {
    const child = spawn(program!, args, { cwd: line.cwd, stdio: 'inherit', shell: false });
    const ignore = (): void => undefined;
    const forward = (signal: NodeJS.Signals) => (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    handlers.push(['SIGINT', ignore], ['SIGQUIT', ignore], ['SIGTERM', forward('SIGTERM')], ['SIGHUP', forward('SIGHUP')]);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    child.on('error', (err: NodeJS.ErrnoException) => reject(new Error(spawnErrorMessage(program!, line.argv, err))));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] ?? 0 : 0)));
  });
  return done.finally(() => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    if (line.tempContext) removeContextFile(line.tempContext);
  });
}

/** Why the resume command did not start, in words (not `spawn X ENOENT`). */
function spawnErrorMessage(program: string, argv: readonly string[], err: NodeJS.ErrnoException): string {
  const why =
    err.code === 'ENOENT' ? 'command not found'
    : err.code === 'EACCES' ? 'permission denied'
    : err.code === 'ENOTDIR' ? 'not a folder in its path'
    : err.message;
  return sanitize(`cannot run ${program}: ${why} (resume command: ${shellCommand(argv)})`, { singleLine: true });
}

async function lastSession(ctx: AppContext, options: ParsedOptions, io: Io): Promise<SessionSummary> {
  const maxAge = options['max-age'] === undefined ? null : parseDuration(options['max-age']);
  if (options['max-age'] !== undefined && maxAge === null) {
    throw new UsageError(`bad --max-age ${shownValue(options['max-age'] ?? '', { quote: true })}: use ${DURATION_FORMS}`);
  }
  const [latest] = await loadScope(ctx, io);
  if (!latest) throw new NotFoundError(noSessionsMessage(ctx));
  if (maxAge !== null && ctx.now() - Date.parse(latest.updatedAt) > maxAge) {
    throw new NotFoundError(`the most recent session (${latest.id}, updated ${formatDateTime(latest.updatedAt, ctx.tz)} ${ctx.tz}) is older than ${shownValue(options['max-age'] ?? '')}`);
  }
  return latest;
}
