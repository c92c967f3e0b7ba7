// Bundles the CLI into one ESM file. Unbundled ink + react cost ~600 ms of
// module resolution at start-up on these machines; one file halves it.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', { recursive: true, force: true });

const common = {
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
  define: { 'process.env.NODE_ENV': '"production"', __VERSION__: JSON.stringify(version) },
};

await build({
  ...common,
  entryPoints: ['src/app/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
chmodSync('dist/cli.js', 0o755);

await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  external: ['zod', 'react', 'ink'],
});
