/**
 * The default command. On a terminal: the Ink browser, then (after Ink has
 * unmounted and the terminal is restored) the resume command. When stdout is
 * captured but stdin and stderr are terminals, it draws on stderr and prints
 * the chosen id on stdout, like fzf. With no terminal: the list as text.
 *
 * Cancelling the picker (q, Esc with nothing to clear, Ctrl+C) prints
 * nothing on stdout and exits 130, in both modes, as fzf does: so
 * `id=$(session-browser) && agent --resume "$id"` never runs with an empty id.
 *
 * Every delete done in the browser prints its whole restore command on
 * stderr once the browser has unmounted (the screen may cut it).
 */
import { commandFor } from '../store/actions/resume.js';
import { sanitize } from '../format/sanitize.js';
import { restoreCiEnv } from './ci-env.js';
import type { ParsedOptions } from './cli-args.js';
import type { AppContext } from './context.js';
import { listCommand } from './commands/list.js';
import { contextLoader, projectRootOf, resumeLine, spawnResume } from './commands/resume.js';
import type { Io } from './io.js';
import { storeSource } from './store-source.js';

/** Exit code of a cancelled picker (128 + SIGINT, like fzf and a shell's Ctrl+C). */
export const EXIT_CANCELLED = 130;

export async function browseCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  const stdinTty = process.stdin.isTTY === true;
  const drawOn = stdinTty && process.stdout.isTTY ? process.stdout : stdinTty && process.stderr.isTTY ? process.stderr : null;
  if (!drawOn) return listCommand(ctx, options, io);
  const fzfMode = drawOn === process.stderr;

  // Restore commands are too long for the screen (a long --home): printed whole once Ink is gone.
  // By session (project and id): one undone with `u` is back, and its restore command is not printed.
  const deleted = new Map<string, string>();
  const source = storeSource(ctx, {
    onDeleted: (s, restore) => deleted.set(`${s.projectId}/${s.id}`, sanitize(`session-browser: deleted ${s.id}; restore with: ${restore}`, { singleLine: true })),
    onRestored: (s) => deleted.delete(`${s.projectId}/${s.id}`),
  });
  // Keys typed while the browser starts (loading Ink, the first frame, which is drawn before Ink listens) must
  // reach it as keys: in the terminal's cooked mode they are echoed, Enter arrives as a newline and Ctrl+C
  // kills the shell's whole pipeline. runBrowser leaves raw mode on every way out.
  const rawEarly = setRaw(process.stdin, true);
  // Ink, React and Yoga are loaded only here: every other command starts without them (the bundle evaluates them lazily).
  let runBrowser: typeof import('./run-browser.js').runBrowser;
  try {
    ({ runBrowser } = await import('./run-browser.js'));
  } catch (err) {
    if (rawEarly) setRaw(process.stdin, false);
    throw err;
  }
  browserStarted = true;
  // Ink has now read $CI (ci-env.ts): the resume command gets the environment it was given.
  restoreCiEnv();
  let exit;
  try {
    exit = await runBrowser(source, {
      stdout: drawOn,
      stdin: process.stdin,
      initialScope: ctx.all ? 'all' : 'project',
      initialQuery: options.query,
      altScreen: options['no-alt-screen'] !== true,
    });
  } finally {
    for (const line of deleted.values()) io.err(line);
  }
  if (exit.kind === 'quit') return EXIT_CANCELLED;

  const session = exit.session;
  const command = commandFor(session, ctx.resumeCommand);
  if (fzfMode || !command) {
    io.out(session.id);
    if (!fzfMode) io.err('session-browser: no resume command configured; printed the id. Set --resume-cmd or "resumeCommand" in the config.');
    return 0;
  }
  const line = await resumeLine(session, command, contextLoader(ctx, session, exit.from), projectRootOf(ctx), undefined, { demo: ctx.demo });
  if (line.warning) io.err(line.warning);
  return spawnResume(line);
}

/** The browser ran in this process (see {@link endOnceFlushed}). */
let browserStarted = false;

/** True once the browser was started in this process: its background work may still be running. */
export function browserRan(): boolean {
  return browserStarted;
}

/**
 * Ends the process with `code` once stdout and stderr have taken what was
 * written to them (a pipe is asynchronous on macOS). What the browser may
 * leave running when it closes only fills the catalog, a cache (the scan
 * of a cold start quit early, the text index catching up, the file
 * watch): the next start reads what it missed, and it must not hold the
 * shell for the seconds a cold scan of a big home takes.
 */
export function endOnceFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/** Sets the terminal's raw mode when stdin is one; true when it did. Never throws. */
function setRaw(stdin: NodeJS.ReadStream, on: boolean): boolean {
  try {
    if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return false;
    stdin.setRawMode(on);
    return true;
  } catch {
    return false;
  }
}
