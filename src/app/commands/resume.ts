/**
 * `resume`: runs the configured command for a session, without a shell, in
 * its workspace; with no command configured, prints the id (so
 * `agent --resume "$(session-browser resume --last)"` works).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { parseDuration, DURATION_FORMS } from '../../store/duration.js';
import { splitTemplate, substitute, usesContext, writeContextFile, resumeCwd, type CommandTemplate } from '../../store/resume.js';
import type { ResumeMessage, SessionSummary } from '../../store/types.js';
import { UsageError, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { toJson, type Io } from '../io.js';
import { NotFoundError } from './find-session.js';
import { loadScope } from './list.js';
import { loadSummaryById } from './show.js';

export interface ResumeCommandLine {
  argv: string[];
  cwd: string | null;
}

/**
 * The argv for a session: the template split once, placeholders filled per
 * argument. The resume context needs a full read of the session, so it is
 * loaded only for `--context FILE` (always written) or a template that names
 * `{context}` (a private temporary file).
 */
export async function resumeLine(
  summary: SessionSummary,
  command: CommandTemplate,
  loadContext: () => Promise<ResumeMessage[]>,
  contextFile?: string,
): Promise<ResumeCommandLine> {
  const words = splitTemplate(command.template);
  let context = contextFile;
  if (contextFile) writeContextFile(await loadContext(), contextFile);
  else if (usesContext(words)) context = writeContextFile(await loadContext());
  const argv = substitute(words, {
    id: summary.id,
    path: summary.path,
    workspace: summary.workspace ?? '',
    context: () => context ?? '',
  });
  return { argv, cwd: resumeCwd(summary) };
}

/** The resume context of a session, read in full. */
export const contextLoader = (ctx: AppContext, summary: SessionSummary) => async (): Promise<ResumeMessage[]> =>
  (await ctx.catalog.transcript(summary)).resumeContext;

export async function resumeCommand(ctx: AppContext, id: string | undefined, options: ParsedOptions, io: Io): Promise<number> {
  const summary = id ? await loadSummaryById(ctx, id) : await lastSession(ctx, options, io);
  const loadContext = contextLoader(ctx, summary);
  if (!ctx.resumeCommand) {
    if (options.context) writeContextFile(await loadContext(), options.context);
    io.out(summary.id);
    io.err('session-browser: no resume command configured; printed the id. Set --resume-cmd, $SESSION_BROWSER_RESUME_CMD or "resumeCommand" in the config (e.g. "claude --resume {id}").');
    return 0;
  }
  const line = await resumeLine(summary, ctx.resumeCommand, loadContext, options.context);
  if (options['dry-run']) {
    io.out(toJson(line.argv));
    io.err(`cwd: ${line.cwd ?? process.cwd()}`);
    return 0;
  }
  return spawnResume(line);
}

/** Runs the command with our terminal, without a shell; resolves to its exit code. */
export function spawnResume(line: ResumeCommandLine): Promise<number> {
  const [program, ...args] = line.argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, { cwd: line.cwd ?? undefined, stdio: 'inherit', shell: false });
    child.on('error', (err) => reject(new Error(`cannot run ${program}: ${err.message}`)));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] ?? 0 : 0)));
  });
}

async function lastSession(ctx: AppContext, options: ParsedOptions, io: Io): Promise<SessionSummary> {
  const maxAge = options['max-age'] === undefined ? null : parseDuration(options['max-age']);
  if (options['max-age'] !== undefined && maxAge === null) {
    throw new UsageError(`bad --max-age ${JSON.stringify(options['max-age'])}: use ${DURATION_FORMS}`);
  }
  const [latest] = await loadScope(ctx, io);
  if (!latest) throw new NotFoundError(`no sessions for ${ctx.all ? 'any project' : ctx.project.root}`);
  if (maxAge !== null && ctx.now() - Date.parse(latest.updatedAt) > maxAge) {
    throw new NotFoundError(`the most recent session (${latest.id}, updated ${latest.updatedAt}) is older than ${options['max-age']}`);
  }
  return latest;
}
