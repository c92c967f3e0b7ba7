// The bundle's Ink keeps its Output caches across frames (scripts/ink-frame-caches.mjs).
// Frames must come out exactly as Ink's own would: same text, styles, wide characters and clips,
// whatever the earlier frames left in the shared caches, and past the point where they are emptied.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { CACHE_LINES, inkFrameCaches, shareFrameCaches } from '../scripts/ink-frame-caches.mjs';

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (opts: { width: number; height: number }) => OutputLike;

const inkOutput = join(dirname(createRequire(import.meta.url).resolve('ink')), 'output.js');
let dir: string;
let Ink: OutputClass;
let Shared: OutputClass;

/** Ink's Output class bundled alone, with or without the plugin. */
async function bundled(name: string, plugins: unknown[]): Promise<OutputClass> {
  const entry = join(dir, `${name}-entry.mjs`);
  writeFileSync(entry, `export { default } from ${JSON.stringify(inkOutput)};\n`);
  const outfile = join(dir, `${name}.mjs`);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent', plugins: plugins as never[] });
  return ((await import(pathToFileURL(outfile).href)) as { default: OutputClass }).default;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-ink-caches-'));
  Ink = await bundled('ink', []);
  Shared = await bundled('shared', [inkFrameCaches()]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const red = (s: string): string => `\u001b[31m${s}\u001b[39m`;
const bold = (s: string): string => `\u001b[1m${s}\u001b[22m`;
const dim = (s: string): string => `\u001b[90m${s}\u001b[39m`;

/** One frame of a list screen: header, rows (some styled, some wide), a clipped column, a status line. */
function frame(Out: OutputClass, query: string, rows: string[]): string {
  const out = new Out({ width: 48, height: 12 });
  out.write(0, 0, bold(`search: ${query}`), { transformers: [] });
  rows.forEach((row, i) => out.write(2, i + 1, i % 2 === 0 ? row : red(row), { transformers: [] }));
  out.clip({ x1: 30, x2: 40 });
  out.write(28, 9, dim('clipped 日本語 text that runs past the edge'), { transformers: [] });
  out.unclip();
  out.write(0, 10, 'upper', { transformers: [(line) => line.toUpperCase()] });
  out.write(0, 11, dim(`${rows.length} matches for “${query}”`), { transformers: [] });
  return out.get().output;
}

describe('Ink frames with caches shared across frames', () => {
  it('are the frames Ink itself draws, keystroke after keystroke', () => {
    const sessions = ['fix flaky test in CI 🧪', 'refactor the parser', '日本語のセッション', 'flaky network retry', 'add export to json', 'docs: usage table'];
    for (const query of ['f', 'fl', 'fla', 'flak', 'flaky', 'fl', '']) {
      const rows = sessions.filter((s) => s.includes(query));
      expect(frame(Shared, query, rows)).toBe(frame(Ink, query, rows));
    }
  });

  it('stay right once the caches are emptied past their bound', () => {
    for (let i = 0; i < CACHE_LINES + 200; i += 50) {
      const rows = Array.from({ length: 8 }, (_, k) => `session ${i + k} · ${'x'.repeat((i + k) % 30)} 字`);
      expect(frame(Shared, `q${i}`, rows)).toBe(frame(Ink, `q${i}`, rows));
    }
  });

  it('refuses to build against an Ink whose Output no longer makes its caches per frame', () => {
    expect(() => shareFrameCaches('class OutputCaches {}\nclass Output { caches = makeCaches(); }')).toThrow(/no longer reads/);
  });
});
