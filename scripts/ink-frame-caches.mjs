// An esbuild plugin that lets Ink's Output keep its caches from one frame to
// the next (ink 6.8 build/output.js). Ink makes a new Output, and with it new
// caches, for every frame, so each frame tokenizes every line of the screen
// into styled characters again and measures every character's width with
// Intl.Segmenter: 12-40 ms of a 120x40 frame of the list, most of the cost of
// a keystroke. Between two keystrokes most lines are the same strings (the
// header, the status and help bars, the rows both queries match), and the
// cached values are only read (Output.get places the cached character objects
// in its rows and never changes them), so one set of caches serves every
// frame. It is emptied when it holds more than CACHE_LINES lines, which bounds
// its memory (~1,000 lines of at most a terminal's width).
//
// The rewrite is exact: if Ink's file no longer holds the line it replaces,
// the build fails rather than ship without it (test/ink-frame-caches.test.ts
// also checks that frames come out the same as Ink's own).
import { readFile } from 'node:fs/promises';

/** The statement of ink/build/output.js that gives each Output its own caches. */
export const PER_FRAME = 'caches = new OutputCaches();';

/** Lines (styled-character arrays) kept before the shared caches are emptied. */
export const CACHE_LINES = 1024;

/** ink/build/output.js's text with one set of caches shared by every Output; throws when Ink's file changed. */
export function shareFrameCaches(source, path = 'ink/build/output.js') {
  if (!source.includes(PER_FRAME) || !source.includes('class OutputCaches')) {
    throw new Error(`${path} no longer reads "${PER_FRAME}": update scripts/ink-frame-caches.mjs for this version of ink`);
  }
  return (
    source.replace(PER_FRAME, 'caches = sharedOutputCaches();') +
    `
// session-browser (scripts/ink-frame-caches.mjs): one set of caches for every frame, emptied past ${CACHE_LINES} lines.
let sharedCaches;
function sharedOutputCaches() {
  if (sharedCaches === undefined || sharedCaches.styledChars.size > ${CACHE_LINES} || sharedCaches.widths.size > ${CACHE_LINES * 8} || sharedCaches.blockWidths.size > ${CACHE_LINES * 8}) {
    sharedCaches = new OutputCaches();
  }
  return sharedCaches;
}
`
  );
}

/** The esbuild plugin: applies {@link shareFrameCaches} to ink's build/output.js. */
export function inkFrameCaches() {
  return {
    name: 'ink-frame-caches',
    setup(build) {
      build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => ({
        contents: shareFrameCaches(await readFile(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    },
  };
}
