/**
 * Entry point: argv → command. Exit codes: 0 ok, 1 runtime error (message
 * on stderr), 2 usage error. Errors are messages, never stack traces.
 */
// First: must run before Ink is loaded (see ci-env.ts).
import { restoreCiEnv } from './ci-env.js';
import { parseCommandLine, UsageError, type ParsedArgs } from './cli-args.js';
import { buildContext } from './context.js';
import { cleanupCommand, deleteCommand, restoreCommand } from './commands/trash.js';
import { doctorCommand } from './commands/doctor.js';
import { exportCommand } from './commands/export.js';
import { listCommand } from './commands/list.js';
import { replayCommand } from './commands/replay.js';
import { resumeCommand } from './commands/resume.js';
import { showCommand } from './commands/show.js';
import { usageCommand } from './commands/usage.js';
import { helpFor, helpText, helpWidth } from './help.js';
import { browseCommand, browserRan, endOnceFlushed } from './interactive.js';
import { processIo, type Io } from './io.js';
import { TemplateError } from '../store/actions/resume.js';
import { isScanWorker } from '../store/scan/scan-pool.js';
import { sanitize } from '../format/sanitize.js';
import { exposureOfChecked, exposureWarning, storeExposure, type StoreExposure } from '../store/exposure.js';
import type { AppContext } from './context.js';

declare const __VERSION__: string | undefined;

export async function run(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseCommandLine(argv);
    if (args.options.help) {
      io.out(args.command === 'browse' ? helpText(helpWidth(io.columns)) : helpFor(args.command, helpWidth(io.columns)));
      return 0;
    }
    if (args.options.version) {
      io.out(typeof __VERSION__ === 'string' ? __VERSION__ : 'dev');
      return 0;
    }
    if (args.command === 'help') {
      io.out(helpFor(args.positionals[0], helpWidth(io.columns)));
      return 0;
    }
    // The browser puts CI back itself, once Ink is loaded (ci-env.ts); every other command at once.
    if (args.command !== 'browse') restoreCiEnv();
    // Only the browser and `list --query` search: without a kept catalog the others skip indexing text.
    const ctx = buildContext(args.options, process.env, { search: args.command === 'browse' || (args.command === 'list' && args.options.query !== undefined) });
    try {
      return await dispatch(args, ctx, io);
    } finally {
      // Logs hold secrets: a store others can read is named once, on one line (the demo's copy is private by construction).
      if (args.command !== 'browse' && !ctx.demo) {
        const warning = exposureWarning(ctx.home, exposureFor(args.command, ctx));
        if (warning) io.err(sanitize(`session-browser: ${warning}`, { singleLine: true }));
      }
    }
  } catch (err) {
    // Messages quote arguments, paths and config values: sanitized here, whatever built them (lines kept).
    if (err instanceof UsageError || err instanceof TemplateError) {
      const hint = err instanceof UsageError && !err.commandLine ? '' : "\nRun 'session-browser --help' for usage.";
      io.err(sanitize(`session-browser: ${err.message}${hint}`));
      return 2;
    }
    io.err(sanitize(`session-browser: ${err instanceof Error ? err.message : String(err)}`));
    if (process.env.SESSION_BROWSER_DEBUG && err instanceof Error && err.stack) io.err(sanitize(err.stack));
    return 1;
  }
}

/**
 * What of the home others can read, told after the command: from the modes
 * its own listing got when it stat'ed each session file (no second pass over
 * 100,000 files), plus the home and its folders. `doctor` reads every file
 * whole anyway, and is the one place to hear of every project: the full check.
 */
function exposureFor(command: ParsedArgs['command'], ctx: AppContext): StoreExposure {
  return command === 'doctor' ? storeExposure(ctx.home) : exposureOfChecked(ctx.home, ctx.catalog.readableFiles());
}

/** Runs the command `args` names (help is answered before a context is built). */
async function dispatch(args: ParsedArgs, ctx: AppContext, io: Io): Promise<number> {
  const id = args.positionals[0];
  switch (args.command) {
    case 'browse':
      return await browseCommand(ctx, args.options, io);
    case 'list':
      return await listCommand(ctx, args.options, io);
    case 'show':
      return await showCommand(ctx, id!, args.options, io);
    case 'replay':
      return await replayCommand(ctx, id!, args.options, io);
    case 'usage':
      return await usageCommand(ctx, args.options, io);
    case 'export':
      return await exportCommand(ctx, id!, args.options, io);
    case 'resume':
      return await resumeCommand(ctx, id, args.options, io);
    case 'cleanup':
      return await cleanupCommand(ctx, args.options, io);
    case 'delete':
      return await deleteCommand(ctx, id!, args.options, io);
    case 'restore':
      return await restoreCommand(ctx, id, args.options, io);
    case 'doctor':
      return await doctorCommand(ctx, args.options, io);
    case 'help':
      io.out(helpFor(id, helpWidth(io.columns)));
      return 0;
    default:
      return args.command satisfies never;
  }
}

// This bundle is also the scan pool's worker (store/scan/scan-pool.ts): there it serves scans and runs no command.
if (!isScanWorker()) {
  // A closed pipe (`session-browser list | head`) is not an error worth a trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });

  const code = await run(process.argv.slice(2));
  process.exitCode = code;
  if (browserRan()) endOnceFlushed(code);
}
