/**
 * One session id held by several files (a copied log, a Codex rollout
 * written again, a Claude session found in two of its project folders): a
 * new user's tryout found the real session hidden (Codex kept one file per
 * id, its usage gone) or never openable ("is in 2 projects; pass --project"
 * when both are in the same project). Every file is listed and counted;
 * the commands that read pick the newest and say so; delete refuses and
 * names the files.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

let dir: string;
const ID = '0b0b0b0b-0000-4000-8000-000000000002';
const THREAD = '019c0000-1111-7111-8111-111111111111';
const OTHER = '0c0c0c0c-0000-4000-8000-000000000003';

const claudeLine = (type: string, text: string, ts: string): string =>
  JSON.stringify({ type, sessionId: ID, cwd: '/work/app', uuid: `${type}-${ts}`, timestamp: ts, message: { role: type, content: text, ...(type === 'assistant' ? { id: `m-${ts}`, model: 'claude-sonnet-4-5', usage: { input_tokens: 10, output_tokens: 5 } } : {}) }, requestId: `r-${ts}` });

function codexRollout(day: string, prompt: string, total: number): string {
  const at = `2026-11-${day}T09:00:00.000Z`;
  return [
    { timestamp: at, type: 'session_meta', payload: { id: THREAD, timestamp: at, cwd: '/work/app', originator: 'codex_cli_rs', cli_version: '0.47.0', source: 'cli' } },
    { timestamp: at, type: 'turn_context', payload: { cwd: '/work/app', model: 'gpt-5-codex' } },
    { timestamp: at, type: 'event_msg', payload: { type: 'user_message', message: prompt } },
    { timestamp: at, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: total, cached_input_tokens: 0, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: total + 10 } } } },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n') + '\n';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-same-id-'));
  // Claude: one session id in two project folders whose recorded cwd is the same project.
  for (const [folder, title, ts] of [['-work-app', 'Older copy', '2026-11-20T09:00:00.000Z'], ['-work-app-moved', 'Newer copy', '2026-11-21T09:00:00.000Z']] as const) {
    mkdirSync(join(dir, 'claude', 'projects', folder), { recursive: true });
    const path = join(dir, 'claude', 'projects', folder, `${ID}.jsonl`);
    writeFileSync(path, `${claudeLine('user', title, ts)}\n${claudeLine('assistant', 'ok', ts)}\n`);
    const t = Date.parse(ts) / 1000;
    utimesSync(path, t, t);
  }
  // Another id in two projects (two recorded cwds).
  for (const [folder, cwd] of [['-work-app', '/work/app'], ['-elsewhere', '/elsewhere']] as const) {
    mkdirSync(join(dir, 'claude', 'projects', folder), { recursive: true });
    writeFileSync(join(dir, 'claude', 'projects', folder, `${OTHER}.jsonl`), `${claudeLine('user', `In ${cwd}`, '2026-11-22T09:00:00.000Z').replaceAll(ID, OTHER).replaceAll('/work/app', cwd)}\n`);
  }
  // Codex: two live rollouts of one thread (1,000 then 2,000 input tokens), and an archived copy of the first.
  const day = join(dir, 'codex', 'sessions', '2026', '11', '20');
  mkdirSync(day, { recursive: true });
  for (const [name, d, prompt, total] of [['2026-11-20T09-00-00', '20', 'First rollout', 1000], ['2026-11-21T09-00-00', '21', 'Second rollout', 2000]] as const) {
    const path = join(day, `rollout-${name}-${THREAD}.jsonl`);
    writeFileSync(path, codexRollout(d, prompt, total));
    const t = Date.parse(`2026-11-${d}T09:00:00Z`) / 1000;
    utimesSync(path, t, t);
  }
  mkdirSync(join(dir, 'codex', 'archived_sessions'), { recursive: true });
  writeFileSync(join(dir, 'codex', 'archived_sessions', `rollout-2026-11-20T09-00-00-${THREAD}.jsonl`), codexRollout('20', 'First rollout', 1000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli([...args, '--all', '--claude-dir', join(dir, 'claude'), '--codex-dir', join(dir, 'codex'), '--source', 'claude,codex'], { env: { XDG_CACHE_HOME: join(dir, 'cache') } });

describe('one id, several files', () => {
  it('lists and counts every live file (an archived copy of a live rollout is not counted again)', () => {
    const list = cli(['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const sessions = (JSON.parse(list.stdout) as { sessions: { id: string; title: string; tokens: { input: number } }[] }).sessions;
    const codex = sessions.filter((s) => s.id === THREAD).map((s) => [s.title, s.tokens.input]).sort();
    expect(codex).toEqual([['First rollout', 1000], ['Second rollout', 2000]]);
    expect(sessions.filter((s) => s.id === ID).map((s) => s.title).sort()).toEqual(['Newer copy', 'Older copy']);
    // Four Claude files, two live rollouts; the archived copy is not a session file of its own.
    expect(cli(['doctor']).stdout).toContain('6 session files checked');
  });

  it('show, replay and export read the newest file of the project and say so; the prefix is enough', () => {
    const show = cli(['show', ID.slice(0, 6)]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/title\s+Newer copy/);
    expect(show.stderr).toContain(`session ${ID} has 2 files in project`);
    expect(show.stderr).toContain(join('-work-app', `${ID}.jsonl`));
    const replay = cli(['replay', ID]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain('Newer copy');
  });

  it('a Codex thread with two rollouts in one project is read from the newest', () => {
    const show = cli(['show', THREAD.slice(0, 8)]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/title\s+Second rollout/);
  });

  it('one id in two projects asks for --project, naming the whole id when a prefix was given', () => {
    const show = cli(['show', OTHER.slice(0, 6)]);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain(`session ${OTHER} is in 2 projects; pass --project DIR to pick one`);
  });

  it('an archived copy is told from a live rollout below the Codex folder, even when that folder\'s own path holds /sessions/', () => {
    const home = join(dir, 'sessions', 'codex-home');
    const day = join(home, 'sessions', '2026', '11', '20');
    mkdirSync(day, { recursive: true });
    mkdirSync(join(home, 'archived_sessions'), { recursive: true });
    writeFileSync(join(day, `rollout-2026-11-20T09-00-00-${THREAD}.jsonl`), codexRollout('20', 'Live rollout', 1000));
    writeFileSync(join(home, 'archived_sessions', `rollout-2026-11-20T09-00-00-${THREAD}.jsonl`), codexRollout('20', 'Archived copy', 1000));
    const r = runCli(['list', '--json', '--all', '--codex-dir', home, '--source', 'codex'], { env: { XDG_CACHE_HOME: join(dir, 'cache-home') } });
    expect((JSON.parse(r.stdout) as { sessions: { title: string }[] }).sessions.map((s) => s.title)).toEqual(['Live rollout']);
  });

  it('counts projects, not files, when an id is copied in one project and also in another', () => {
    const third = join(dir, 'claude', 'projects', '-work-app-again');
    mkdirSync(third, { recursive: true });
    writeFileSync(join(third, `${OTHER}.jsonl`), `${claudeLine('user', 'Copy in /work/app', '2026-11-23T09:00:00.000Z').replaceAll(ID, OTHER)}\n`);
    try {
      const show = cli(['show', OTHER]);
      expect(show.code).toBe(2);
      expect(show.stderr).toContain(`session ${OTHER} is in 2 projects (3 files); pass --project DIR to pick one`);
    } finally {
      rmSync(third, { recursive: true, force: true });
    }
  });
});
