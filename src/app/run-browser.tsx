/**
 * Mounts the browser on the given streams and resolves once it has
 * unmounted and the terminal is back to normal (cursor shown, raw mode off,
 * stdin released), so the caller can spawn the resume command right away.
 * The streams are parameters because the browser may draw on stderr when
 * stdout is captured (`$(session-browser)`, fzf style).
 */
import React from 'react';
import { render } from 'ink';
import { App } from './App.js';
import type { BrowserExit, BrowserSource, Scope } from './source.js';

/** Where to draw and read keys. */
export interface RunBrowserOptions {
  /** The terminal to draw on (process.stdout, or process.stderr when stdout is captured). */
  stdout: NodeJS.WriteStream;
  /** The terminal's keyboard. */
  stdin: NodeJS.ReadStream;
  initialScope?: Scope;
  initialQuery?: string;
}

const SHOW_CURSOR = '\u001B[?25h';

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
  const onExit = (e: BrowserExit) => {
    if (done) return;
    done = true;
    exit = e;
    // Unmount after the key handler returns, not from inside React's batch.
    setImmediate(() => unmount?.());
  };
  const instance = render(
    <App source={source} onExit={onExit} initialScope={opts.initialScope} initialQuery={opts.initialQuery} />,
    { stdout: opts.stdout, stdin: opts.stdin, exitOnCtrlC: false, patchConsole: false },
  );
  unmount = () => instance.unmount();
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    restoreTerminal(opts.stdout, opts.stdin);
  }
  return exit;
}
