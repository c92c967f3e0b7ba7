/** Runs the BUILT binary (dist/cli.js), like a user would, with a fixed zone and no colour. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');
export const DEMO = join(ROOT, 'fixtures', 'demo');
/** One summary cache per test run, never the user's. */
const CACHE = mkdtempSync(join(tmpdir(), 'sb-cache-'));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `uid`/`gid`: run as another user (root tests run a mode-000 case as `nobody`, whom permissions bind). */
export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string; uid?: number; gid?: number } = {}): CliResult {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    uid: opts.uid,
    gid: opts.gid,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'UTC',
      NO_COLOR: '1',
      COLUMNS: '200',
      // No user config may leak into the tests.
      XDG_CONFIG_HOME: join(tmpdir(), 'sb-no-config'),
      XDG_CACHE_HOME: CACHE,
      // No agent's real sessions either.
      CLAUDE_CONFIG_DIR: '/nonexistent/sb-claude',
      CODEX_HOME: '/nonexistent/sb-codex',
      GEMINI_CLI_HOME: '/nonexistent/sb-gemini',
      ...opts.env,
    },
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** The agents' fixtures (fixtures/agents: Claude Code, Codex, Gemini CLI folders). */
export const AGENTS = join(ROOT, 'fixtures', 'agents');

/**
 * Runs the CLI on the agents' fixtures only: `run(args)` adds `--all`, an
 * empty native home of its own, `--source` and each agent's `--*-dir`;
 * `cleanup()` removes the home.
 */
export function agentsCli(sources: readonly ('claude' | 'codex' | 'gemini')[] = ['claude', 'codex', 'gemini']): { run(args: string[]): CliResult; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), 'sb-agents-'));
  const dirs = sources.flatMap((s) => [`--${s}-dir`, join(AGENTS, s)]);
  return {
    run: (args) => runCli([...args, '--all', '--home', home, '--source', sources.join(','), ...dirs]),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** A writable copy of the demo home, for commands that change things. */
export function demoCopy(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'sb-demo-'));
  cpSync(DEMO, home, { recursive: true });
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/**
 * For a test file: a writable demo copy and an empty config folder, made
 * before its tests and removed after them (`home`, `configHome` are set
 * once beforeAll has run).
 */
export function useDemoHome(configPrefix: string): { home: string; configHome: string } {
  const demo = { home: '', configHome: '' };
  let removeHome = (): void => {};
  beforeAll(() => {
    ({ home: demo.home, cleanup: removeHome } = demoCopy());
    demo.configHome = mkdtempSync(join(tmpdir(), configPrefix));
  });
  afterAll(() => {
    removeHome();
    rmSync(demo.configHome, { recursive: true, force: true });
  });
  return demo;
}
