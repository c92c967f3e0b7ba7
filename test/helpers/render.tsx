/**
 * A render helper for Ink components with an explicit terminal size that
 * waits for content instead of sleeping (the idea of cli-kit's
 * sendInputAndWaitForContent). ink-testing-library's stdout is fixed at 100
 * columns with no rows, so this builds its own streams around ink's render.
 */
import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render as inkRender } from 'ink';
import { expect } from 'vitest';
import { displayWidth } from '../../src/format/width.js';

/** Named key sequences, as a terminal sends them. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** A stdout with a settable size that records every frame (Ink's debug mode writes whole frames). */
export class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

/** A stdin Ink can read keys from, as in ink-testing-library. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  /** Raw mode as last set by Ink (runBrowser must leave it off). */
  rawMode = false;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(on: boolean): void {
    this.rawMode = on;
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** What a frame must show: a substring, a pattern, or a predicate. */
export type FrameMatch = string | RegExp | ((frame: string) => boolean);

function matches(frame: string, m: FrameMatch): boolean {
  if (typeof m === 'string') return frame.includes(m);
  if (m instanceof RegExp) return m.test(frame);
  return m(frame);
}

export interface Rendered {
  /** The latest frame ('' before the first). */
  lastFrame(): string;
  frames: string[];
  /** Resolves with the first frame (the current one included) that matches; rejects after `timeoutMs`. */
  waitFor(match: FrameMatch, timeoutMs?: number): Promise<string>;
  /** Types `data` and waits until a frame matches. */
  press(data: string, until: FrameMatch, timeoutMs?: number): Promise<string>;
  /** Types `data` without waiting (when the effect is not on screen). */
  write(data: string): void;
  /** Changes the terminal size and emits 'resize'. */
  resize(columns: number, rows: number): void;
  unmount(): void;
}

/** Views rendered and not yet unmounted, for `cleanup`. */
const mounted = new Set<Rendered>();

/** Unmounts every view still mounted: `afterEach(cleanup)` in each component test file. */
export function cleanup(): void {
  for (const view of [...mounted]) view.unmount();
}

/** Render `tree` on a terminal of `columns` × `rows`. */
export function renderSized(tree: ReactElement, size: { columns?: number; rows?: number } = {}): Rendered {
  const stdout = new FakeStdout(size.columns ?? 100, size.rows ?? 30);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(100, 30) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const lastFrame = () => stdout.frames[stdout.frames.length - 1] ?? '';
  const waitFor = (match: FrameMatch, timeoutMs = 4000) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const frame = lastFrame();
        // Resolve after a check-phase turn: React flushes passive effects (Ink's
        // input subscriptions) from a setImmediate, and the next key must find them.
        if (matches(frame, match)) return void setImmediate(() => resolve(frame));
        if (Date.now() - started > timeoutMs) {
          return reject(new Error(`Timed out waiting for ${String(match)}; last frame:\n${frame}`));
        }
        setTimeout(poll, 5);
      };
      poll();
    });
  const view: Rendered = {
    lastFrame,
    frames: stdout.frames,
    waitFor,
    press: (data, until, timeoutMs) => {
      stdin.write(data);
      return waitFor(until, timeoutMs);
    },
    write: (data) => stdin.write(data),
    resize: (columns, rows) => {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    unmount: () => {
      mounted.delete(view);
      instance.unmount();
      instance.cleanup();
    },
  };
  mounted.add(view);
  return view;
}

/** Lines of a frame, for width and height assertions. */
export function frameLines(frame: string): string[] {
  return frame.split('\n');
}

/** Asserts a frame fits a `columns` x `rows` terminal: at most rows - 1 lines (Ink's last row), none wider than the columns. */
export function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frameLines(frame);
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
}
