// The library's declarations: `tsc -p tsconfig.build.json` writes
// dist/types/index.d.ts (package.json "types") and what it imports.
//
// tsc is most of the build's time (about 3 s of CPU from scratch for the
// library's files against esbuild's fraction of a second), and the build
// runs on every `npm install` and before every `npm test`, so:
// - it runs in a child process while esbuild bundles;
// - a stamp (a hash of the sources, the tsconfigs and the tsc version) skips
//   it when nothing changed since the last successful run;
// - it is incremental (dist/types/.tsbuildinfo) when something did.
// Type errors do not fail the build (`npm test` runs `tsc --noEmit` and
// fails there, with the full list); a missing index.d.ts does.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

export const TYPES_DIR = 'dist/types';
const ENTRY = join(TYPES_DIR, 'index.d.ts');
const STAMP = join(TYPES_DIR, '.stamp');

/** Every file under `dir`, as sorted relative paths. */
function walk(dir) {
  const out = [];
  const visit = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) visit(path);
      else out.push(path);
    }
  };
  if (existsSync(dir)) visit(dir);
  return out.sort();
}

/** What the declarations depend on: the sources, both tsconfigs and the compiler's version. */
function sourceStamp(tscPackage) {
  const h = createHash('sha256');
  for (const path of ['tsconfig.json', 'tsconfig.build.json', tscPackage, ...walk('src')]) {
    h.update(`${path}\0`);
    h.update(readFileSync(path));
    h.update('\0');
  }
  return h.digest('hex');
}

function readOr(path, fallback) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** Declarations whose source file is gone (tsc never deletes what it wrote before). */
function pruneOrphans() {
  for (const path of walk(TYPES_DIR)) {
    if (!path.endsWith('.d.ts')) continue;
    const base = join('src', relative(TYPES_DIR, path).slice(0, -'.d.ts'.length));
    if (!existsSync(`${base}.ts`) && !existsSync(`${base}.tsx`)) rmSync(path, { force: true });
  }
}

/**
 * Writes dist/types unless its stamp says it is current. Never rejects:
 * on failure it prints why and sets process.exitCode = 1.
 */
export function buildTypes() {
  const require = createRequire(import.meta.url);
  const tsc = require.resolve('typescript/bin/tsc');
  const stamp = sourceStamp(require.resolve('typescript/package.json'));
  if (existsSync(ENTRY) && readOr(STAMP, '') === stamp) return Promise.resolve();
  // Without its entry point the folder is a leftover: an incremental run would trust it.
  if (!existsSync(ENTRY)) rmSync(TYPES_DIR, { recursive: true, force: true });
  rmSync(STAMP, { force: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--pretty', 'false'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => {
      console.error(`build: could not run tsc for ${ENTRY}: ${err.message}`);
      process.exitCode = 1;
      resolve();
    });
    child.on('close', (code) => {
      if (!existsSync(ENTRY)) {
        console.error(`build: tsc wrote no ${ENTRY} (exit ${code}):\n${output.trim()}`);
        process.exitCode = 1;
      } else {
        pruneOrphans();
        if (code === 0) writeFileSync(STAMP, stamp);
        else {
          const errors = output.split('\n').filter((l) => l.includes('error TS'));
          console.warn(
            `build: wrote ${TYPES_DIR}, but tsc reports ${errors.length} type error(s) (npm run typecheck lists them all):\n` +
              errors.slice(0, 3).join('\n'),
          );
        }
      }
      resolve();
    });
  });
}
