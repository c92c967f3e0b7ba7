/**
 * Mounts the browser on the given streams and resolves once it has
 * unmounted and the terminal is back to normal (cursor shown, raw mode off,
 * stdin released, the alternate screen left), so the caller can spawn the
 * resume command right away. The streams are parameters because the
 * browser may draw on stderr when stdout is captured (`$(session-browser)`,
 * fzf style).
 *
 * Like fzf, less and the agents' own TUIs it draws on the terminal's
 * alternate screen, and leaves it on quit, on Ctrl+C (a key in raw mode),
 * on SIGINT/SIGTERM/SIGHUP and on a crash, so the shell's screen comes back as it
 * was; `--no-alt-screen` keeps the frames in the scrollback instead.
 */
import React from 'react';
import { render } from 'ink';
import { App } from './App.js';
import { CrashGuard } from '../components/CrashGuard.js';
import type { BrowserExit, BrowserSource, Scope } from './source.js';

/** Where to draw and read keys. */
export interface RunBrowserOptions {
  /** The terminal to draw on (process.stdout, or process.stderr when stdout is captured). */
  stdout: NodeJS.WriteStream;
  /** The terminal's keyboard. */
  stdin: NodeJS.ReadStream;
  initialScope?: Scope;
  initialQuery?: string;
  /** Draw on the alternate screen (default true; `--no-alt-screen` sets false). Only on a TTY. */
  altScreen?: boolean;
}

const SHOW_CURSOR = '\u001B[?25h';
/** xterm's alternate screen with the cursor saved (1049), and back. */
export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';

/**
 * The alternate screen for the life of the browser: entered once, left once
 * whichever way the process ends (the normal path, a signal, a crash: an
 * 'exit' handler writes synchronously to a TTY).
 */
export function alternateScreen(stdout: NodeJS.WriteStream, on: boolean): { leave(): void } {
  if (!on || !stdout.isTTY) return { leave: () => undefined };
  let inside = true;
  stdout.write(ENTER_ALT_SCREEN);
  const leave = (): void => {
    if (!inside) return;
    inside = false;
    process.removeListener('exit', leave);
    for (const [signal, handler] of signals) process.removeListener(signal, handler);
    try {
      stdout.write(LEAVE_ALT_SCREEN + SHOW_CURSOR);
    } catch {
      // The terminal is gone: nothing to restore.
    }
  };
  // A signal that would end the process: leave first, then end it as the signal would.
  // SIGINT too: a Ctrl+C typed before raw mode is on (or after it is off) is a signal, not a key.
  const signals = (['SIGTERM', 'SIGHUP', 'SIGINT'] as const).map((signal) => {
    const handler = (): void => {
      leave();
      process.exit(128 + { SIGTERM: 15, SIGHUP: 1, SIGINT: 2 }[signal]);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  process.once('exit', leave);
  return { leave };
}

/** Leave the terminal as we found it, even if Ink's own cleanup was cut short. */
function restoreTerminal(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): void {
  try {
    if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
  } catch {
    // Already closed: nothing to restore.
  }
  stdin.pause();
  if (stdout.isTTY) stdout.write(SHOW_CURSOR);
}

/** Run the interactive browser until the user quits or picks a session to resume. */
export async function runBrowser(source: BrowserSource, opts: RunBrowserOptions): Promise<BrowserExit> {
  let exit: BrowserExit = { kind: 'quit' };
  let unmount: (() => void) | null = null;
  let done = false;
  let failure: Error | null = null;
  const onExit = (e: BrowserExit) => {
    if (done) return;
    done = true;
    exit = e;
    // Unmount after the key handler returns, not from inside React's batch.
    setImmediate(() => unmount?.());
  };
  // A drawing error: the guard has drawn its one line; end the app and report the error to the caller.
  const onCrash = (err: Error) => {
    failure ??= err;
    onExit({ kind: 'quit' });
  };
  const screen = alternateScreen(opts.stdout, opts.altScreen ?? true);
  // A crash leaves the alternate screen before the message is printed, so the message stays readable.
  const crashed = (err: unknown): void => {
    screen.leave();
    restoreTerminal(opts.stdout, opts.stdin);
    process.stderr.write(`session-browser: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
  process.once('uncaughtException', crashed);
  let instance: ReturnType<typeof render>;
  try {
    instance = render(
    <CrashGuard width={opts.stdout.columns || 80} onCrash={onCrash}>
      <App source={source} onExit={onExit} initialScope={opts.initialScope} initialQuery={opts.initialQuery} />
    </CrashGuard>,
    { stdout: opts.stdout, stdin: opts.stdin, exitOnCtrlC: false, patchConsole: false },
  );
  } catch (err) {
    process.removeListener('uncaughtException', crashed);
    screen.leave();
    restoreTerminal(opts.stdout, opts.stdin);
    throw err;
  }
  unmount = () => instance.unmount();
  try {
    await instance.waitUntilExit();
  } finally {
    process.removeListener('uncaughtException', crashed);
    instance.cleanup();
    restoreTerminal(opts.stdout, opts.stdin);
    screen.leave();
  }
  if (failure) throw failure;
  return exit;
}
