// Bundles the CLI (an entry, the CLI and its chunks), the scan worker and the
// library, each an ESM bundle: unbundled ink + react cost ~600 ms of module
// resolution at start-up on these machines; bundled, a fraction of it.
// Also writes the library's declarations (dist/types, package.json "types").
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { buildTypes, TYPES_DIR } from './build-types.mjs';
import { bundleOptions } from './bundle-options.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// Stale files go; the bundles are replaced by rename (below) and dist/types
// is build-types.mjs's to reuse or redo (tsc is the slow part of the build).
// So a CLI test running during a rebuild never finds dist/cli.js missing.
/** The CLI's chunks (bundleSplit): replaced by the build that makes new ones. */
const CHUNK = /^chunk-[A-Z0-9]+\.js$/;
const KEEP = new Set(['cli.js', 'cli-main.js', 'index.js', 'scan-worker.js', TYPES_DIR.slice('dist/'.length)]);
for (const name of safeReaddir('dist')) {
  // A `.<pid>.tmp` of a build running now (another terminal) is its own `finally`'s to remove; one of a
  // build that was killed (its pid gone) would stay for ever, and ship with `npm pack`.
  if (!KEEP.has(name) && !CHUNK.test(name) && !ofLiveBuild(name)) rmSync(`dist/${name}`, { recursive: true, force: true });
}
mkdirSync('dist', { recursive: true });
// tsc runs in a child process while esbuild bundles.
const types = buildTypes();

const common = bundleOptions(version);

/**
 * Bundles `entry` with code splitting into `dir`/`name`.js and its chunks
 * (`dir`/chunk-<hash>.js: content-named, so a chunk already there is the
 * same file). The chunks are moved in first, then the entry is renamed over
 * the old one (atomic), then the chunks no entry names any more are removed.
 */
async function bundleSplit(dir, name, entry) {
  const tmp = `${dir}/.split.${process.pid}.tmp`;
  try {
    await build({ ...common, entryPoints: { [name]: entry }, outdir: tmp, splitting: true, chunkNames: 'chunk-[hash]' });
    const made = readdirSync(tmp);
    for (const file of made) if (file !== `${name}.js`) renameSync(`${tmp}/${file}`, `${dir}/${file}`);
    renameSync(`${tmp}/${name}.js`, `${dir}/${name}.js`);
    for (const file of safeReaddir(dir)) if (CHUNK.test(file) && !made.includes(file)) rmSync(`${dir}/${file}`, { force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Bundles into a temporary file, then renames it over `outfile` (atomic). */
async function bundle(outfile, options, mode = 0o644) {
  const tmp = `${outfile}.${process.pid}.tmp`;
  try {
    await build({ ...common, ...options, outfile: tmp });
    chmodSync(tmp, mode);
    renameSync(tmp, outfile);
  } finally {
    rmSync(tmp, { force: true });
  }
}

// The CLI itself; dist/cli.js (below) loads it. Split: what only the browser imports (Ink, React, Yoga,
// the components: ~1 MB of the 2.5 MB bundle) is a chunk of its own, loaded by the browser's dynamic
// import; `usage`, `list --json` and the rest neither compile nor evaluate it (V8 compiled the whole
// bundle on every start: ~0.1 s, while a cold scan's workers waited for their first files).
await bundleSplit('dist', 'cli-main', 'src/app/cli.ts');

// The entry: starts a cold scan's workers before it loads the CLI (src/app/cli-launch.ts). Built after
// the CLI, so a CLI test running during a rebuild never finds an entry without its CLI.
await bundle('dist/cli.js', {
  entryPoints: ['src/app/cli-launch.ts'],
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
}, 0o755);

await bundle('dist/index.js', {
  entryPoints: ['src/index.ts'],
  external: ['zod', 'react', 'ink', 'better-sqlite3'],
});

// The scan pool's workers load only the scan code (src/store/scan/scan-worker.ts), not the CLI's Ink and React.
await bundle('dist/scan-worker.js', {
  entryPoints: ['src/store/scan/scan-worker.ts'],
});

await types;

/**
 * True for a `<name>.<pid>.tmp` whose process still runs (a build in another
 * terminal). Not this build's own pid (a killed build's leftover when the
 * container gave this one the same pid) nor pid 0 (kill(0) signals the
 * process group).
 */
function ofLiveBuild(name) {
  const pid = Number(/\.(\d+)\.tmp$/.exec(name)?.[1] ?? NaN);
  if (!(pid > 0) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM'; // alive, another user's
  }
}

function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
