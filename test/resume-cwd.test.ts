/**
 * Issue 6 item 5: resume runs where the session lives — the recorded
 * workspace, else the project root (project.json, else the git root of the
 * project in scope), else a clear refusal; `{workspace}` is never ''. A
 * running session needs --force. Item 4: the temporary context file is
 * private and removed once the program exits; `--context FILE` is kept.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectIdOf } from '../src/store/project.js';
import { runCli } from './helpers/cli.js';
import { useTempProject } from './helpers/temp-project.js';
import { printedCommand, runVerbatim } from './helpers/verbatim.js';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

let tmp: string;
let home: string;
let root: string;
let dir: string;
let stub: string;
let record: string;

interface Seen {
  argv: string[];
  cwd: string;
  context?: { mode: number; dirMode: number; text: string };
}
const seen = (): Seen => JSON.parse(readFileSync(record, 'utf8')) as Seen;
const env = () => ({ XDG_CACHE_HOME: join(tmp, 'cache') });
/** Run from /tmp (not the project): the cwd must come from the session, not from where we stand. */
const cli = (args: string[]) => runCli(['--home', home, ...args], { env: env(), cwd: tmpdir() });
const stubCmd = (rest: string) => `${process.execPath} ${stub} ${rest}`;

useTempProject('sb-resume-cwd-', (d) => ({ tmp, home, root } = d));

beforeEach(() => {
  dir = join(home, 'projects', projectIdOf(root));
  mkdirSync(dir, { recursive: true });
  record = join(tmp, 'seen.json');
  stub = join(tmp, 'stub.mjs');
  // Records argv, cwd, and (for --ctx PATH) the context file's modes while it runs.
  writeFileSync(
    stub,
    `import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
const argv = process.argv.slice(2);
const i = argv.indexOf('--ctx');
const context = i >= 0 ? { mode: statSync(argv[i + 1]).mode & 0o777, dirMode: statSync(dirname(argv[i + 1])).mode & 0o777, text: readFileSync(argv[i + 1], 'utf8') } : undefined;
writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv, cwd: process.cwd(), context }));
`,
  );
});

/** A `turns` session: no workspace is ever recorded. Days old, so it is idle. */
function turnsSession(id: string, projectDir = dir): void {
  const t = Date.now() - 2 * DAY;
  writeFileSync(
    join(projectDir, `${id}.jsonl`),
    `${JSON.stringify({ type: 'user', content: 'Summarise the changelog', timestamp: iso(t) })}\n${JSON.stringify({ type: 'assistant', content: 'Sure.', timestamp: iso(t + 1000) })}\n`,
  );
}

/** A store-dialect session recording `workspace`. */
function storeSession(id: string, workspace: string): void {
  const t = Date.now() - 2 * DAY;
  writeFileSync(
    join(dir, `${id}.jsonl`),
    `${JSON.stringify({ type: 'meta', id, title: 'Store session', workspace, created_at: iso(t), updated_at: iso(t) })}\n${JSON.stringify({ type: 'message', timestamp: iso(t), message: { role: 'user', content: 'hello' } })}\n`,
  );
}

describe('the folder a resume runs in', () => {
  it('a turns session (no workspace) run from /tmp resumes in the git root of its project, and {workspace} is that root', () => {
    turnsSession('t1');
    const res = cli(['resume', 't1', '--project', root, '--resume-cmd', stubCmd('--cwd {workspace}')]);
    expect(res.code).toBe(0);
    expect(seen()).toMatchObject({ argv: ['--cwd', root], cwd: root });
    // Nothing vanished: no warning, only the plan printed before it runs.
    expect(res.stderr).toMatch(/^session-browser: running \[.*\] in \S+\n$/);
  });

  it('project.json names the root when the session is not in the current project', () => {
    turnsSession('t2');
    writeFileSync(join(dir, 'project.json'), JSON.stringify({ root }));
    const res = cli(['resume', 't2', '--resume-cmd', stubCmd('--cwd {workspace}')]);
    expect(res.code).toBe(0);
    expect(seen()).toMatchObject({ argv: ['--cwd', root], cwd: root });
  });

  it('the recorded workspace wins when it exists; when it vanished, one warning line and the project root', () => {
    const ws = join(tmp, 'ws');
    mkdirSync(ws);
    storeSession('s1', ws);
    expect(cli(['resume', 's1', '--project', root, '--resume-cmd', stubCmd('{workspace}')]).code).toBe(0);
    expect(seen()).toMatchObject({ argv: [ws], cwd: ws });
    rmSync(ws, { recursive: true });
    const res = cli(['resume', 's1', '--project', root, '--resume-cmd', stubCmd('{workspace}')]);
    expect(res.code).toBe(0);
    expect(seen()).toMatchObject({ argv: [root], cwd: root });
    expect(res.stderr.trim().split('\n').filter((l) => !l.startsWith('session-browser: running '))).toEqual([`session-browser: the workspace ${ws} no longer exists; resuming in the project root ${root}`]);
  });

  it('refuses, spawning nothing, when neither the workspace nor the project root exists', () => {
    storeSession('s2', join(tmp, 'gone'));
    const res = cli(['resume', 's2', '--resume-cmd', stubCmd('{workspace}')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cannot resume s2 in its own folder: its workspace .*gone does not exist and its project root is unknown/);
    expect(existsSync(record)).toBe(false);
  });
});

describe('resuming a running session', () => {
  it('needs --force; the printed command (with its --resume-cmd) runs verbatim', () => {
    // An events run with no session.end, written just now: status running (the ● badge).
    const t = Date.now() - 60_000;
    writeFileSync(
      join(dir, 'live-run.jsonl'),
      `${JSON.stringify({ session_id: 'live-run', seq: 0, type: 'session.start', timestamp: iso(t), data: { provider: 'openai', model: 'gpt-5', work_dir: root, prompt: 'Keep going' } })}\n`,
    );
    const res = cli(['resume', 'live-run', '--resume-cmd', stubCmd("--id {id} --note 'it''s live'")]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/not resuming live-run: it is running/);
    expect(existsSync(record)).toBe(false);
    const again = printedCommand(res.stderr, 'If it has stopped, run: ');
    expect(again).toContain('--force');
    expect(runVerbatim(again, { env: env() }).code).toBe(0);
    expect(seen().argv).toEqual(['--id', 'live-run', '--note', 'its live']);
  });
});

describe('the resume context file', () => {
  it('is private (0600 in a 0700 folder) while the program runs and gone after it exits', () => {
    turnsSession('c1');
    const res = cli(['resume', 'c1', '--project', root, '--resume-cmd', stubCmd('--ctx {context}')]);
    expect(res.code).toBe(0);
    const s = seen();
    expect(s.context).toMatchObject({ mode: 0o600, dirMode: 0o700 });
    expect(s.context!.text).toContain('Summarise the changelog');
    const path = s.argv[1]!;
    expect(existsSync(path)).toBe(false);
    expect(existsSync(dirname(path))).toBe(false);
  });

  it('is kept when the user named it with --context FILE', () => {
    turnsSession('c2');
    const file = join(tmp, 'mine.jsonl');
    expect(cli(['resume', 'c2', '--project', root, '--context', file, '--resume-cmd', stubCmd('--ctx {context}')]).code).toBe(0);
    expect(seen().argv).toEqual(['--ctx', file]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('Summarise the changelog');
  });
});
