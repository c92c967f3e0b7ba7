/**
 * Bundles bench/hello.tsx into .bench-tree/hello.mjs with the options
 * scripts/build.mjs uses for dist/cli.js (kept in step by hand: that script
 * builds on import, so its options cannot be imported).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export async function buildHello(root: string): Promise<string> {
  const outfile = join(root, '.bench-tree', 'hello.mjs');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'bench', 'hello.tsx')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    alias: { 'react-devtools-core': './scripts/devtools-stub.mjs' },
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);",
    },
    define: { 'process.env.NODE_ENV': '"production"', __VERSION__: JSON.stringify(version) },
  });
  return outfile;
}
