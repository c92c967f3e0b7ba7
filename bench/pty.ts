/**
 * The interactive figures, in a real pseudo-terminal (node-pty), the way a
 * person sees them: time from spawn to the first frame that shows the list,
 * and per keystroke in the search box, time from the key to the last byte
 * the screen receives before it goes quiet ("until the screen settles").
 * Peak RSS is the child's VmHWM read just before it is stopped.
 */
import * as pty from 'node-pty';
import { vmHwm } from './lib.js';

// CSI/OSC/charset sequences, to read the text a frame puts on screen (as test/helpers/pty.ts).
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[=>78]/g;
const clean = (s: string): string => s.replace(ANSI, '');

/** Output quiet for this long = the screen has settled. */
export const SETTLE_MS = 150;

export interface PtyRun {
  /** ms from spawn to the first frame matching the pattern. */
  firstFrameMs: number;
  peakRss: number;
}

class Screen {
  private raw = '';
  private markAt = 0;
  lastDataAt = 0;
  readonly proc: pty.IPty;
  readonly exited: Promise<number>;
  private waiter: (() => void) | null = null;

  constructor(file: string, args: string[], env: Record<string, string>, cwd: string) {
    this.proc = pty.spawn(file, args, { name: 'xterm-256color', cols: 120, rows: 40, cwd, env });
    this.proc.onData((d) => {
      this.raw += d;
      this.lastDataAt = performance.now();
      this.waiter?.();
    });
    this.exited = new Promise((resolve) => this.proc.onExit((e) => resolve(e.exitCode)));
  }

  mark(): void {
    this.markAt = this.raw.length;
  }

  write(keys: string): void {
    this.proc.write(keys);
  }

  /** Text since the mark (the last 64 KB of it: enough for a frame). */
  since(): string {
    return clean(this.raw.slice(Math.max(this.markAt, this.raw.length - 65536)));
  }

  /** Resolves with the time the pattern was first seen after the mark; checked on every chunk of output. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (pattern.test(this.since())) return this.lastDataAt;
      if (performance.now() > deadline) {
        if (process.env.BENCH_PTY_DEBUG) console.error(JSON.stringify(clean(this.raw.slice(this.markAt))).slice(0, 20000), this.raw.length - this.markAt);
        throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${this.since().slice(-1500)}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.waiter = null;
          resolve();
        }, 50);
        this.waiter = () => {
          clearTimeout(t);
          this.waiter = null;
          resolve();
        };
      });
    }
  }

  /** Waits until no output arrived for SETTLE_MS; returns the time of the last output. */
  async settle(): Promise<number> {
    for (;;) {
      const quietFor = performance.now() - this.lastDataAt;
      if (quietFor >= SETTLE_MS) return this.lastDataAt;
      await new Promise((r) => setTimeout(r, SETTLE_MS - quietFor + 1));
    }
  }

  async stop(): Promise<void> {
    this.proc.write('q');
    const code = await Promise.race([this.exited, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    if (code === null) {
      this.proc.kill();
      await this.exited;
    }
  }
}

export interface PtyOptions {
  env: Record<string, string>;
  cwd: string;
  /** Text on screen that proves the first frame (with the list) is there. */
  ready: RegExp;
  timeoutMs?: number;
}

/** Spawns `node args...` in a pty and times its first frame. */
export async function firstFrame(args: string[], opts: PtyOptions): Promise<PtyRun> {
  const t0 = performance.now();
  const s = new Screen(process.execPath, args, opts.env, opts.cwd);
  try {
    const at = await s.waitFor(opts.ready, opts.timeoutMs ?? 600_000);
    return { firstFrameMs: at - t0, peakRss: vmHwm(s.proc.pid) };
  } finally {
    await s.stop();
  }
}

export interface TypingResult {
  /** Per query word: the latency of each keystroke, in order, over all repetitions. */
  perWord: Record<string, number[]>;
  /** Matches the status bar showed for the whole word. */
  matches: Record<string, string>;
  firstFrameMs: number;
  peakRss: number;
}

/**
 * Opens the browser, then for each word, `reps` times: `/`, the word one key
 * at a time (each timed until the status bar shows the matches for that
 * prefix and the screen settles), Ctrl+U to clear, Esc.
 */
export async function typing(args: string[], words: readonly string[], reps: number, opts: PtyOptions): Promise<TypingResult> {
  const t0 = performance.now();
  const s = new Screen(process.execPath, args, opts.env, opts.cwd);
  const perWord: Record<string, number[]> = {};
  const matches: Record<string, string> = {};
  const timeout = opts.timeoutMs ?? 600_000;
  try {
    const first = (await s.waitFor(opts.ready, timeout)) - t0;
    const keyTimeout = Math.min(timeout, 120_000);
    await s.settle();
    for (let r = 0; r < reps; r++) {
      for (const word of words) {
        s.mark();
        s.write('/');
        await s.waitFor(/search: /, 10_000);
        await s.settle();
        const samples = (perWord[word] ??= []);
        for (let i = 1; i <= word.length; i++) {
          const prefix = word.slice(0, i);
          s.mark();
          const k0 = performance.now();
          s.write(word[i - 1] as string);
          // The status bar names the query with its count: "N matches for “prefix”".
          const esc = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          await s.waitFor(new RegExp(`[\\d,]+ match(es)? for “${esc}”`), keyTimeout);
          const last = await s.settle();
          samples.push(last - k0);
          if (i === word.length) matches[word] = /([\d,]+) match(es)? for/.exec(s.since())?.[1] ?? '?';
        }
        s.mark();
        s.write('\u0015'); // Ctrl+U: clear the query
        await s.waitFor(/[\d,]+ sessions?\b(?! ·)/, keyTimeout);
        await s.settle();
        s.mark();
        s.write('\u001b'); // Esc: leave the box (a key right after a lone Esc would be read as Alt+key)
        await s.waitFor(/\/ to search titles/, 10_000);
        await s.settle();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { perWord, matches, firstFrameMs: first, peakRss: vmHwm(s.proc.pid) };
  } finally {
    await s.stop();
  }
}

/** What opening one session in the browser cost (bench/open-session.ts). */
export interface OpenSessionRun {
  /** ms from the key that opens the session to the first frame of its replay. */
  openMs: number;
  /** ms from `G` (jump to the end) to the frame that shows the end. */
  endMs: number;
  /** Peak RSS of the browser over the whole run (list, open, end), in bytes. */
  peakRss: number;
}

/**
 * Opens the browser, waits for the list (`opts.ready`), presses → on the
 * selected session and times the first replay frame (`replay`), then `G`
 * and times the frame that shows the last entry (`end`).
 */
export async function openSession(args: string[], patterns: { replay: RegExp; end: RegExp }, opts: PtyOptions): Promise<OpenSessionRun> {
  const s = new Screen(process.execPath, args, opts.env, opts.cwd);
  const timeout = opts.timeoutMs ?? 600_000;
  try {
    await s.waitFor(opts.ready, timeout);
    await s.settle();
    s.mark();
    const k0 = performance.now();
    s.write('\u001b[C');
    const openMs = (await s.waitFor(patterns.replay, timeout)) - k0;
    await s.settle();
    s.mark();
    const g0 = performance.now();
    s.write('G');
    // A key can be lost while the app is busy right after its first frame: press again, timed from the first press.
    let endAt = 0;
    for (let tries = 0; endAt === 0; tries++) {
      try {
        endAt = await s.waitFor(patterns.end, tries < 5 ? 30_000 : timeout);
      } catch (err) {
        if (tries >= 5) throw err;
        s.write('G');
      }
    }
    const endMs = endAt - g0;
    await s.settle();
    return { openMs, endMs, peakRss: vmHwm(s.proc.pid) };
  } finally {
    await s.stop();
  }
}
