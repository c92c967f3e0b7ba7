// The esbuild options of every bundle we ship (dist/cli.js, dist/index.js)
// and of the bench's Ink "hello" baseline, which must be bundled the same way
// to be a fair baseline. A module of its own because build.mjs builds on import.
import { inkFrameCaches } from './ink-frame-caches.mjs';
import { lazyStringWidthPlugin } from './lazy-string-width.mjs';

/** esbuild options shared by our bundles; `version` becomes __VERSION__. */
export function bundleOptions(version) {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    // Ink's devtools bridge imports react-devtools-core statically; a stub
    // stands in so the bundle needs nothing at run time.
    alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
    // React and some of ink's deps are CommonJS and call require(); give the
    // ESM bundle a real require so those calls work.
    banner: {
      js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
    },
    // better-sqlite3 loads a native addon from its own folder: it stays in
    // node_modules (a dependency) and is required at run time, not bundled.
    external: ['better-sqlite3'],
    // Ink's Output keeps its caches across frames: a keystroke then re-tokenizes only the lines it changed.
    // string-width builds its segmenter and emoji RegExp when first used, not at every start.
    plugins: [inkFrameCaches(), lazyStringWidthPlugin()],
    define: { 'process.env.NODE_ENV': '"production"', __VERSION__: JSON.stringify(version) },
  };
}
