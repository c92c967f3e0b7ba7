// The bundle's string-width builds its segmenter and emoji RegExp on first use (scripts/lazy-string-width.mjs).
// Widths must come out exactly as string-width's own, whatever text comes first, and the build must refuse
// a string-width whose source no longer holds what the plugin rewrites.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { lazyStringWidth, lazyStringWidthPlugin } from '../scripts/lazy-string-width.mjs';

type Width = (text: string) => number;
let dir: string;
let plain: Width;
let lazy: Width;
let lazySource: string;

/** string-width bundled alone, with or without the plugin: its function and the bundle's text. */
async function bundled(name: string, plugins: unknown[]): Promise<{ width: Width; source: string }> {
  const entry = join(dir, `${name}-entry.mjs`);
  writeFileSync(entry, "export { default } from 'string-width';\n");
  const outfile = join(dir, `${name}.mjs`);
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'silent', nodePaths: [join(process.cwd(), 'node_modules')], plugins: plugins as never[] });
  const width = ((await import(pathToFileURL(outfile).href)) as { default: Width }).default;
  return { width, source: readFileSync(outfile, 'utf8') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-lazy-width-'));
  plain = (await bundled('plain', [])).width;
  const made = await bundled('lazy', [lazyStringWidthPlugin()]);
  lazy = made.width;
  lazySource = made.source;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text of every kind string-width treats apart: ASCII, CJK, emoji (RGI, ZWJ, keycap, unqualified), marks, Hangul jamo, controls, ANSI. */
const SAMPLES = [
  '',
  'plain ascii',
  '日本語のテキスト',
  '한국어 ᄀᄀ하 한',
  '👩‍💻 and 👨‍👩‍👧‍👦',
  '1️⃣ #⃣ *⃣',
  '❤ ❤️ ☺ ✌️',
  'e\u0301 a\u0308\u0301 \u200b\u200d',
  'ｆｕｌｌ ﾊﾝｶｸ',
  '\u001b[31mred\u001b[39m',
  'tab\there\u0007bell',
  '🇯🇵🇺🇸 flags',
  'mixed 中文 text 🎉 with ✓ marks',
];

describe('string-width with its segmenter and emoji RegExp made on first use', () => {
  it('gives every sample the width string-width itself gives, emoji first or last', () => {
    for (const text of [...SAMPLES].reverse()) expect(lazy(text), JSON.stringify(text)).toBe(plain(text));
    for (const text of SAMPLES) expect(lazy(text), JSON.stringify(text)).toBe(plain(text));
  });

  it('builds neither when the bundle loads', () => {
    expect(lazySource).not.toMatch(/\bsegmenter\s*=\s*new Intl\.Segmenter/);
    expect(lazySource).toMatch(/\bsegmenter\s*=\s*\{/);
    expect(lazySource).not.toMatch(/rgiEmojiRegex\s*=\s*(?:\/|new RegExp)/);
  });

  it('is one of the plugins every bundle we ship is built with', async () => {
    // @ts-expect-error: a build script in plain JavaScript, without declarations
    const { bundleOptions } = (await import('../scripts/bundle-options.mjs')) as { bundleOptions: (v: string) => { plugins: { name: string }[] } };
    expect(bundleOptions('0.0.0').plugins.map((p) => p.name)).toContain('lazy-string-width');
  });

  it('fails the build when string-width no longer reads what it rewrites', () => {
    const real = readFileSync(join(process.cwd(), 'node_modules/string-width/index.js'), 'utf8');
    expect(() => lazyStringWidth(real.replace('const segmenter = new Intl.Segmenter();', 'const segmenter = new Intl.Segmenter("en");'))).toThrow(/no longer reads/);
    expect(() => lazyStringWidth(`${real}\nexport const leaked = rgiEmojiRegex;\n`)).toThrow(/other than by/);
    expect(() => lazyStringWidth(`${real}\nexport const same = (x) => x === segmenter;\n`)).toThrow(/other than by/);
  });
});
