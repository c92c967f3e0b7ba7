/**
 * Bundles bench/hello.tsx into .bench-tree/hello.mjs with the options
 * scripts/build.mjs uses for dist/cli.js (scripts/bundle-options.mjs), so the
 * baseline pays the same bundling costs as the app.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs build script without declarations
import { bundleOptions } from '../scripts/bundle-options.mjs';

export async function buildHello(root: string): Promise<string> {
  const outfile = join(root, '.bench-tree', 'hello.mjs');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const common = (bundleOptions as (v: string) => { banner: { js: string } })(version);
  await build({
    ...common,
    absWorkingDir: root,
    entryPoints: [join(root, 'bench', 'hello.tsx')],
    outfile,
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  });
  return outfile;
}
