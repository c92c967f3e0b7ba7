/**
 * Project scope across sources (issue 8 item 3) and resume in the agent's
 * own command (item 7), through the built CLI: a Claude session started in
 * a subfolder of the repository and one started in a linked worktree both
 * belong to the project, from the main worktree and from the linked one;
 * one started elsewhere does not.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

let root: string;
let repo: string;
let worktree: string;
let claude: string;
const ID = { sub: '2e000000-0000-4000-8000-000000000001', wt: '2e000000-0000-4000-8000-000000000002', other: '2e000000-0000-4000-8000-000000000003', gone: '2e000000-0000-4000-8000-000000000004' };

function session(id: string, cwd: string, prompt: string): void {
  const dir = join(claude, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const line = (o: object): string => `${JSON.stringify(o)}\n`;
  writeFileSync(
    join(dir, `${id}.jsonl`),
    line({ type: 'user', cwd, sessionId: id, uuid: 'u1', timestamp: '2026-01-02T10:00:00Z', message: { role: 'user', content: prompt } }) +
      line({ type: 'assistant', cwd, sessionId: id, uuid: 'a1', timestamp: '2026-01-02T10:00:01Z', requestId: 'r1', message: { id: 'm1', model: 'claude-sonnet-4-5', role: 'assistant', content: [{ type: 'text', text: 'ok' }], usage: { input_tokens: 1, output_tokens: 1 } } }),
  );
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-scope-')));
  repo = join(root, 'repo');
  worktree = join(root, 'repo-feature');
  claude = join(root, 'claude');
  mkdirSync(join(repo, 'sub'), { recursive: true });
  const git = (...args: string[]): void => void execFileSync('git', ['-C', repo, '-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { stdio: 'ignore' });
  git('init', '-q');
  writeFileSync(join(repo, 'README'), 'x');
  git('add', 'README');
  git('commit', '-qm', 'init');
  git('worktree', 'add', '-q', worktree);
  mkdirSync(join(root, 'elsewhere'));
  session(ID.sub, join(repo, 'sub'), 'Started in a subfolder');
  session(ID.wt, worktree, 'Started in the worktree');
  session(ID.other, join(root, 'elsewhere'), 'Started elsewhere');
  session(ID.gone, join(root, 'gone'), 'Started in a folder since removed'); // never made
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const list = (project: string, ...extra: string[]): { id: string; source: string; workspace: string }[] =>
  (JSON.parse(runCli(['list', '--json', '--project', project, '--source', 'claude', '--claude-dir', claude, ...extra]).stdout) as { sessions: { id: string; source: string; workspace: string }[] }).sessions;

describe('project scope of other agents sessions', () => {
  it('finds the sessions of a subfolder and of a worktree from the main worktree, not the others', () => {
    expect(list(repo).map((s) => s.id).sort()).toEqual([ID.sub, ID.wt]);
  });

  it('finds the same sessions from the linked worktree and from a subfolder', () => {
    expect(list(worktree).map((s) => s.id).sort()).toEqual([ID.sub, ID.wt]);
    expect(list(join(repo, 'sub')).map((s) => s.id).sort()).toEqual([ID.sub, ID.wt]);
  });

  it('--all lists every session, labelled by its real project path', () => {
    const res = runCli(['list', '--all', '--source', 'claude', '--claude-dir', claude]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Started elsewhere');
    expect(res.stdout).toContain(repo.slice(-12));
  });

  it('resumes with `claude --resume <id>` in the recorded cwd', () => {
    const res = runCli(['resume', ID.sub, '--dry-run', '--project', repo, '--source', 'claude', '--claude-dir', claude]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(['claude', '--resume', ID.sub]);
    expect(res.stderr).toContain(`cwd: ${join(repo, 'sub')}`);
  });

  it('a dry run of a session whose folder is gone shows the plan, says why a real resume would stop, and exits 1', () => {
    // ID.gone was recorded in <root>/gone, which does not exist: no folder to run in.
    const res = runCli(['resume', ID.gone, '--dry-run', '--all', '--source', 'claude', '--claude-dir', claude]);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toEqual(['claude', '--resume', ID.gone]);
    expect(res.stderr).toContain(`cwd: ${join(root, 'gone')}`);
    expect(res.stderr).toContain('a real resume would stop here: cannot resume');
    // Not a dry run: refused, nothing run.
    const real = runCli(['resume', ID.gone, '--all', '--source', 'claude', '--claude-dir', claude]);
    expect(real.code).not.toBe(0);
    expect(real.stderr).toContain('cannot resume');
  });

  it('a configured resume command wins over the agent’s own', () => {
    const res = runCli(['resume', ID.wt, '--dry-run', '--resume-cmd', 'my-agent {id}', '--source', 'claude', '--claude-dir', claude]);
    expect(JSON.parse(res.stdout)).toEqual(['my-agent', ID.wt]);
    expect(res.stderr).toContain(`cwd: ${worktree}`);
  });

  it('a named agent folder that is missing is a one-line note, never an error', () => {
    const res = runCli(['list', '--json', '--all', '--claude-dir', join(root, 'nope')]);
    expect(res.code).toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('no such folder');
  });
});
