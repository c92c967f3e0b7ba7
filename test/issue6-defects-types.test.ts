/**
 * Defect 11: the package's declarations need @types/node (they name
 * NodeJS.* and Buffer), so it must be a runtime dependency: a consumer that
 * checks library types (skipLibCheck: false) and installed only our
 * `dependencies` must compile. The consumer gets a production install:
 * node_modules holds a copy of our package.json and dist/types, and links to
 * exactly the packages `npm ls --omit=dev` lists (devDependencies absent);
 * preserveSymlinks keeps tsc from walking back into this repository's own
 * node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const dir = mkdtempSync(join(tmpdir(), 'sb-consumer-strict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('defect 11: the published types compile for a consumer with skipLibCheck: false', () => {
  it('@types/node is a dependency (same range as before)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies['@types/node']).toBe('^20.19.43');
    expect(pkg.devDependencies['@types/node']).toBeUndefined();
  });

  it('a consumer with only the production dependencies installed compiles, checking every .d.ts', () => {
    const nm = join(dir, 'node_modules');
    const own = join(nm, 'session-browser');
    mkdirSync(own, { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(own, 'package.json'));
    cpSync(join(ROOT, 'dist', 'types'), join(own, 'dist', 'types'), { recursive: true });
    const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
    const top = ls.stdout
      .split('\n')
      .map((p) => relative(join(ROOT, 'node_modules'), p))
      .filter((p) => p && !p.startsWith('..') && !p.includes(`${sep}node_modules${sep}`));
    expect(top).toContain(join('@types', 'node'));
    for (const name of top) {
      mkdirSync(dirname(join(nm, name)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', name), join(nm, name), 'dir');
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-strict', private: true, type: 'module' }));
    writeFileSync(
      join(dir, 'index.ts'),
      `import { SessionCatalog, SessionStore, type SessionSummary } from 'session-browser';
export async function main(home: string, projectRoot: string): Promise<number> {
  const store = new SessionStore({ home, projectRoot });
  const list = await new SessionCatalog({ home, now: () => Date.now() }).summaries(null);
  const first: SessionSummary | undefined = list.sessions[0];
  return store.sessionId.length + (first?.costMicros ?? 0);
}
`,
    );
    const compilerOptions = { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, preserveSymlinks: true };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
    const res = spawnSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
    expect(`${res.stdout}${res.stderr}`).toBe('');
    expect(res.status).toBe(0);
  }, 180_000); // tsc over every .d.ts: ~25 s alone, more when the suite runs beside it
});
