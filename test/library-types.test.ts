/**
 * Issue 6 item 10: the library's types ship. package.json "types"/"exports"
 * point at dist/types/index.d.ts, which the build writes (scripts/build-types.mjs);
 * a tiny consumer project that imports SessionStore and SessionCatalog from
 * 'session-browser' (node_modules/session-browser → this repository, as an
 * install would resolve it) compiles with the repository's own tsc, under
 * both `nodenext` and `bundler` resolution. A wrong call must NOT compile:
 * that proves the types are real (an `any` would accept it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** tsc on a loaded two-core machine takes seconds. */
const TIMEOUT = 90_000;

const GOOD = `
import { SessionCatalog, SessionStore, type SessionSummary, type SummaryList } from 'session-browser';
// The pieces issue 6 made public: streaming export, the trash, the activity check.
import { ActiveSessionError, BUILTIN_PRICES, fileSink, listTrash, sessionActivity, trashSession, writeMarkdownExport, type TrashEntry } from 'session-browser';

// skipLibCheck hides a declaration that fails to resolve by turning it into
// \`any\`; these fail to compile if any of the types is \`any\`.
type IsAny<T> = 0 extends 1 & T ? true : false;
type NotAny<T> = IsAny<T> extends true ? never : true;
export const typed: [
  NotAny<SessionSummary>,
  NotAny<SummaryList>,
  NotAny<ConstructorParameters<typeof SessionStore>[0]>,
  NotAny<ConstructorParameters<typeof SessionCatalog>[0]>,
  NotAny<Awaited<ReturnType<SessionCatalog['summaries']>>>,
  NotAny<TrashEntry>,
  NotAny<ReturnType<typeof sessionActivity>>,
  NotAny<Parameters<typeof writeMarkdownExport>[0]>,
] = [true, true, true, true, true, true, true, true];

export async function tidy(home: string, s: SessionSummary, out: string): Promise<number> {
  const sink = fileSink(out);
  await writeMarkdownExport(sink, s.path, s, { pricing: BUILTIN_PRICES, tz: 'UTC' });
  await sink.end();
  const active: boolean = sessionActivity(s, Date.now()).active;
  try {
    if (!active) trashSession(home, s, { nowMs: Date.now() });
    await SessionStore.delete(home, s.projectId, s.id, { force: false });
  } catch (err) {
    if (!(err instanceof ActiveSessionError)) throw err;
    const why: string = err.reason;
    void why;
  }
  return listTrash(home).length;
}

export async function main(home: string, projectRoot: string): Promise<number> {
  const store = new SessionStore({ home, projectRoot });
  const id: string = store.sessionId;
  store.appendMessage({ role: 'user', content: 'Fix the flaky test' });
  const catalog = new SessionCatalog({ home, now: () => Date.now() });
  const list: SummaryList = await catalog.summaries(null);
  const first: SessionSummary | undefined = list.sessions[0];
  const cost: number | null = first?.costMicros ?? null;
  return id.length + (cost ?? 0) + list.sessions.length;
}
`;

/** Each line is one mistake tsc must report. */
const BAD = `
import { SessionCatalog, SessionStore } from 'session-browser';

export async function main(): Promise<void> {
  new SessionCatalog({ home: 42 });
  const store = new SessionStore({ home: '/h' });
  const n: number = store.sessionId;
  const list = await new SessionCatalog({ home: '/h' }).summaries(null);
  list.sessions[0]?.noSuchField;
  void n;
}
`;

let dir: string;

/** A consumer project in `dir/name` compiled with `resolution`; returns tsc's exit code and output. */
function compile(name: string, source: string, resolution: 'nodenext' | 'bundler') {
  const project = join(dir, name);
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(project, 'node_modules', 'session-browser'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  writeFileSync(join(project, 'index.ts'), source);
  const compilerOptions = {
    target: 'ES2022',
    module: resolution === 'nodenext' ? 'nodenext' : 'esnext',
    moduleResolution: resolution,
    strict: true,
    noEmit: true,
    // Checking every .d.ts (zod's, node's) costs ~15 s of CPU; the NotAny
    // checks and the wrong calls below show ours resolve to real types.
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
  const res = spawnSync(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd: project, encoding: 'utf8' });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-consumer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the package\'s types', () => {
  it('package.json points "types" and exports["."].types at the declarations the build wrote', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { types: string; exports: { '.': { types: string } } };
    expect(pkg.exports['.'].types).toBe(`./${pkg.types}`);
    expect(existsSync(join(ROOT, pkg.types)), `${pkg.types} is missing: run npm run build`).toBe(true);
    const index = readFileSync(join(ROOT, pkg.types), 'utf8');
    expect(index).toMatch(/\bSessionCatalog\b/);
    expect(index).toMatch(/\bSessionStore\b|store\/writer\/index\.js/);
  });

  for (const resolution of ['nodenext', 'bundler'] as const) {
    it(`a consumer importing SessionStore and SessionCatalog compiles (moduleResolution ${resolution})`, () => {
      const { code, out } = compile(`good-${resolution}`, GOOD, resolution);
      expect(out).toBe('');
      expect(code).toBe(0);
    }, TIMEOUT);
  }

  it('a consumer calling them wrongly does not compile, one error per mistake', () => {
    const { code, out } = compile('bad', BAD, 'nodenext');
    expect(code).not.toBe(0);
    expect(out).toMatch(/index\.ts\(5,\d+\): error TS2322/); // home: 42
    expect(out).toMatch(/index\.ts\(6,\d+\): error TS2345/); // projectRoot missing
    expect(out).toMatch(/index\.ts\(7,\d+\): error TS2322/); // a string is not a number
    expect(out).toMatch(/index\.ts\(9,\d+\): error TS2339/); // no such field on SessionSummary
    expect(out.match(/error TS/g)).toHaveLength(4);
  }, TIMEOUT);
});
