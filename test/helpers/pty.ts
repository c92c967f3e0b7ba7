/**
 * Drives the built binary in a real pseudo-terminal (node-pty), the way a
 * person would: type keys, wait for text to appear on screen. Waits poll the
 * output; there are no fixed sleeps.
 */
import * as pty from 'node-pty';
import { CLI, ROOT } from './cli.js';

// CSI/OSC/charset sequences, to read the text a frame puts on screen.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[=>78]/g;

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
} as const;

export interface PtySession {
  /** Everything printed so far, escape sequences removed. */
  text(): string;
  /** Everything printed so far, escape sequences and all. */
  raw(): string;
  /** Text printed after the last `mark()`. */
  sinceMark(): string;
  mark(): void;
  write(keys: string): void;
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number>;
  kill(signal?: string): void;
}

export function spawnPty(args: string[], opts: { cols?: number; rows?: number; cwd?: string; env?: Record<string, string> } = {}): PtySession {
  const proc = pty.spawn(process.execPath, [CLI, ...args], {
    name: 'xterm-256color',
    cols: opts.cols ?? 100,
    rows: opts.rows ?? 30,
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'xterm-256color', TZ: 'UTC', NO_COLOR: '1', XDG_CONFIG_HOME: '/nonexistent', SESSION_BROWSER_CACHE: '0', CLAUDE_CONFIG_DIR: '/nonexistent/sb-claude', CODEX_HOME: '/nonexistent/sb-codex', GEMINI_CLI_HOME: '/nonexistent/sb-gemini', ...opts.env },
  });
  let raw = '';
  let markAt = 0;
  proc.onData((d) => {
    raw += d;
  });
  const exited = new Promise<number>((resolve) => proc.onExit((e) => resolve(e.exitCode)));
  const clean = (s: string): string => s.replace(ANSI, '');
  return {
    text: () => clean(raw),
    raw: () => raw,
    sinceMark: () => clean(raw.slice(markAt)),
    mark: () => {
      markAt = raw.length;
    },
    write: (keys) => proc.write(keys),
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      const test = (s: string): boolean => (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s));
      for (;;) {
        const seen = clean(raw.slice(markAt));
        if (test(seen)) return seen;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen so far:\n${seen.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    exited,
    kill: (signal) => proc.kill(signal),
  };
}
