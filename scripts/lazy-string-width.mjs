// An esbuild plugin that makes string-width (8.x, index.js) build its
// Intl.Segmenter and its RGI-emoji RegExp on first use, not when the bundle
// loads. V8 parses `/^\p{RGI_Emoji}$/v` (the set of every emoji sequence)
// when it compiles the module, ~14 ms, and the first Intl object loads ICU's
// data: every command paid both at start-up (`--version`, `usage --json`,
// `list --json`), though only text with something other than printable
// ASCII ever reaches them. The browser's first frame measures such text
// and pays the same, once, when it does.
//
// The rewrite is exact: if string-width's file no longer holds the lines it
// replaces, the build fails rather than ship without it
// (test/lazy-string-width.test.ts also checks that widths come out the same).
import { readFile } from 'node:fs/promises';

/** The statements of string-width/index.js made lazy, and what stands in for each: an object with the one method string-width calls. */
export const LAZY = [
  ['const segmenter = new Intl.Segmenter();', 'const segmenter = {segment: (text) => (segmenterMade ??= new Intl.Segmenter()).segment(text)};\nlet segmenterMade;'],
  ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', "const rgiEmojiRegex = {test: (text) => (rgiEmojiMade ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text)};\nlet rgiEmojiMade;"],
];

/** string-width/index.js's text with {@link LAZY} applied; throws when string-width's file changed. */
export function lazyStringWidth(source, path = 'string-width/index.js') {
  let out = source;
  for (const [eager, lazy] of LAZY) {
    if (!out.includes(eager)) throw new Error(`${path} no longer reads "${eager}": update scripts/lazy-string-width.mjs for this version of string-width`);
    out = out.replace(eager, () => lazy); // a function: `lazy` holds `$'`, which a replacement string reads as a pattern
  }
  // Anything else that uses them directly (not through the one method) would break: refuse that too.
  const code = source.replace(/\/\/.*$/gm, '');
  // Not followed by an assignment's `=` (its declaration) nor by `.segment(` / `.test(`: `==` and `===` count as uses.
  const uses = code.match(/\b(?:segmenter|rgiEmojiRegex)\b(?!\s*=(?!=))(?!\.(?:segment|test)\()/g) ?? [];
  if (uses.length > 0) throw new Error(`${path} uses ${uses.join(', ')} other than by .segment()/.test(): update scripts/lazy-string-width.mjs`);
  return out;
}

/** A string-width inside another package's node_modules. */
const NESTED = /node_modules[\\/].*node_modules[\\/]string-width[\\/]/;

/** The esbuild plugin: applies {@link lazyStringWidth} to string-width's index.js. */
export function lazyStringWidthPlugin() {
  return {
    name: 'lazy-string-width',
    setup(build) {
      // Our own dependency only: the older copy some of Ink's dependencies nest is loaded with the browser, which measures text at once.
      build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) =>
        NESTED.test(args.path) ? undefined : { contents: lazyStringWidth(await readFile(args.path, 'utf8'), args.path), loader: 'js' },
      );
    },
  };
}
