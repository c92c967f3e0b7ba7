/**
 * A new user's report: in an agent's folder, a session file that is a
 * symbolic link, or a `.jsonl` file whose name the source cannot take as a
 * session (`with space.jsonl`), was skipped without a word by `list`,
 * `doctor` and the browser, while the same files in a native home are named
 * ("skipped …: session file is a symbolic link"). The Claude, Codex and
 * Gemini locations now name them the same way, through the same skipped
 * entries (a linked subagent transcript too: never read); files that are no sessions (Claude's
 * `sessions/<pid>.json`, Gemini's `logs.json`, Codex's `session_index.jsonl`
 * and `.jsonl.zst` copies) are still passed over in silence.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.js';
import { buildContext } from '../src/app/context.js';
import { storeSource } from '../src/app/store-source.js';
import { claudeLocation } from '../src/store/sources/claude/location.js';
import { codexLocation, NOT_A_ROLLOUT_NAME } from '../src/store/sources/codex/location.js';
import { geminiLocation, NOT_A_CHAT_NAME } from '../src/store/sources/gemini/location.js';
import { projectIdOfCwd } from '../src/store/sources/common/project-scope.js';
import { NOT_A_SESSION_NAME, SYMLINKED_SESSION } from '../src/store/sources/common/refused.js';
import { AGENTS, runCli } from './helpers/cli.js';
import { cleanup, renderSized } from './helpers/render.js';

afterEach(cleanup);

const ENV = { SESSION_BROWSER_NOW: '2026-11-21T12:00:00Z', SESSION_BROWSER_CACHE: '0' };
const LINKED = '66666666-6666-6666-6666-666666666666';

let tmp: string;
let home: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sb-agent-refused-'));
  home = join(tmp, 'home');
  mkdirSync(home);
  vi.stubEnv('XDG_CONFIG_HOME', join(tmp, 'no-config'));
  return () => {
    vi.unstubAllEnvs();
    rmSync(tmp, { recursive: true, force: true });
  };
});

/** A Claude line of a session in `cwd`. */
const claudeLine = (cwd: string, sessionId: string): string =>
  `${JSON.stringify({ type: 'user', cwd, sessionId, uuid: 'u1', timestamp: '2026-11-01T10:00:00Z', message: { role: 'user', content: 'hi' } })}\n`;

/**
 * A Claude folder made from the fixtures' `/work/app` project, with the
 * report's two odd files in it and, for the silence checks, files that are
 * no sessions. Returns the paths that must be named.
 */
function claudeTree(): { dir: string; linked: string; spaced: string; lone: string; linkedParts: string[] } {
  const dir = join(tmp, 'claude');
  cpSync(join(AGENTS, 'claude'), dir, { recursive: true });
  const app = join(dir, 'projects', '-work-app');
  const real = readdirSync(app).find((n) => n.endsWith('.jsonl'))!;
  cpSync(join(app, real), join(tmp, 'outside.jsonl'));
  const linked = join(app, `${LINKED}.jsonl`);
  symlinkSync(join(tmp, 'outside.jsonl'), linked);
  const spaced = join(app, 'with space.jsonl');
  cpSync(join(app, real), spaced);
  // Parts that are links (an older subagent file beside the sessions, a subagent transcript): not read, named.
  const linkedParts = [join(app, real.replace('.jsonl', ''), 'subagents', 'agent-zz.jsonl'), join(app, 'agent-linked.jsonl')];
  symlinkSync(join(tmp, 'outside.jsonl'), linkedParts[1]!);
  mkdirSync(join(app, real.replace('.jsonl', ''), 'subagents'), { recursive: true });
  symlinkSync(join(tmp, 'outside.jsonl'), linkedParts[0]!);
  // No session: a live-session marker.
  mkdirSync(join(dir, 'sessions'));
  writeFileSync(join(dir, 'sessions', '4242.json'), '{"sessionId":"x","pid":4242}');
  // Another project's folder: its odd file is not this project's business.
  const other = join(dir, 'projects', '-work-other');
  mkdirSync(other);
  writeFileSync(join(other, '77777777-7777-4777-8777-777777777777.jsonl'), claudeLine('/work/other', '77777777-7777-4777-8777-777777777777'));
  symlinkSync(join(tmp, 'outside.jsonl'), join(other, '88888888-8888-4888-8888-888888888888.jsonl'));
  // A folder holding nothing but a link: whose it is cannot be read, so it is named in every scope.
  const loneDir = join(dir, 'projects', '-work-lone');
  mkdirSync(loneDir);
  const lone = join(loneDir, '99999999-9999-4999-8999-999999999999.jsonl');
  symlinkSync(join(tmp, 'outside.jsonl'), lone);
  return { dir, linked, spaced, lone, linkedParts };
}

describe('the Claude location names what it refuses', () => {
  it('a linked session file or part and a name that is no session id, as the native home words them; other files in silence', async () => {
    const { dir, linked, spaced, lone, linkedParts } = claudeTree();
    const scan = await claudeLocation({ dir, named: true }).scan(home, null);
    expect(scan.files.map((f) => f.id)).not.toContain(LINKED);
    // A linked part is never read, as a linked session file is not.
    expect(scan.files.flatMap((f) => f.parts ?? [])).not.toEqual(expect.arrayContaining([linkedParts[0]]));
    expect(scan.skipped).toEqual([
      { path: linkedParts[0], error: SYMLINKED_SESSION },
      { path: linked, error: SYMLINKED_SESSION },
      { path: linkedParts[1], error: SYMLINKED_SESSION },
      { path: spaced, error: NOT_A_SESSION_NAME },
      { path: lone, error: SYMLINKED_SESSION },
      { path: join(dir, 'projects', '-work-other', '88888888-8888-4888-8888-888888888888.jsonl'), error: SYMLINKED_SESSION },
    ]);
    // One project: its folder's odd files and the lone link, not another project's.
    const one = await claudeLocation({ dir, named: true }).scan(home, [projectIdOfCwd('/work/app')]);
    expect(one.skipped.map((s) => s.path)).toEqual([linkedParts[0], linked, linkedParts[1], spaced, lone]);
  });

  it('list, doctor and show say so on stderr with the native wording; doctor counts them', { timeout: 60_000 }, () => {
    const { dir, linked, spaced, linkedParts } = claudeTree();
    const args = ['--home', home, '--source', 'claude', '--claude-dir', dir, '--all'];
    const list = runCli([...args, 'list'], { env: ENV });
    expect(list.code).toBe(0);
    expect(list.stderr).toContain(`session-browser: skipped ${linked}: session file is a symbolic link`);
    expect(list.stderr).toContain(`session-browser: skipped ${spaced}: its name is not a session id (letters, digits, '.', '_', '-'; up to 128 characters): not read`);
    expect(list.stderr).toContain(`session-browser: skipped ${linkedParts[1]}: session file is a symbolic link`);
    expect(list.stderr).not.toMatch(/4242/);
    const doctor = runCli([...args, 'doctor'], { env: ENV });
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toContain(`skipped ${linked}: session file is a symbolic link`);
    expect(doctor.stdout).toContain('6 paths skipped (see above)');
    const json = JSON.parse(runCli([...args, 'doctor', '--json'], { env: ENV }).stdout) as { skipped: { path: string; error: string }[] };
    expect(json.skipped).toContainEqual({ path: spaced, error: NOT_A_SESSION_NAME });
    const show = runCli([...args, 'show', LINKED.slice(0, 8)], { env: ENV });
    expect(show.code).toBe(1);
    expect(show.stderr).toContain(`; skipped ${linked}: session file is a symbolic link`);
  });

  it('the browser shows the note under its header, in a project (the lone link) and in all projects', async () => {
    const { dir, linked, lone } = claudeTree();
    const ctx = buildContext({ home, project: home, source: 'claude', 'claude-dir': dir }, { ...process.env, ...ENV });
    const ui = renderSized(<App source={storeSource(ctx)} onExit={() => undefined} />, { columns: 300, rows: 20 });
    expect(await ui.waitFor('1 file skipped')).toContain(`1 file skipped: ${lone}: session file is a symbolic link`);
    const frame = await ui.press('a', '6 files skipped');
    expect(frame).toContain('session file is a symbolic link (and 5 more)');
  });
});

describe('the Codex location names what it refuses', () => {
  it('a linked rollout and a .jsonl file not named as a rollout; the index and a .zst copy in silence', async () => {
    const dir = join(tmp, 'codex');
    cpSync(join(AGENTS, 'codex'), dir, { recursive: true });
    const day = join(dir, 'sessions', '2026', '01', '03');
    const real = readdirSync(day).find((n) => n.endsWith('.jsonl'))!;
    cpSync(join(day, real), join(tmp, 'outside.jsonl'));
    const linked = join(day, 'rollout-2026-01-03T09-00-00-019b0000-0000-7000-8000-0000000000ee.jsonl');
    symlinkSync(join(tmp, 'outside.jsonl'), linked);
    const renamed = join(day, 'my copy.jsonl');
    cpSync(join(day, real), renamed);
    cpSync(join(day, real), join(day, `${real}.zst`));
    const scan = await codexLocation({ dir, named: true }).scan(home, null);
    expect(scan.skipped).toEqual([
      { path: renamed, error: NOT_A_ROLLOUT_NAME },
      { path: linked, error: SYMLINKED_SESSION },
    ]);
    // A day folder holds every project's rollouts: named in one project's run too.
    expect((await codexLocation({ dir, named: true }).scan(home, ['0123456789abcdef'])).skipped).toHaveLength(2);
    const list = runCli(['--home', home, '--source', 'codex', '--codex-dir', dir, '--all', 'list'], { env: ENV });
    expect(list.stderr).toContain(`session-browser: skipped ${linked}: session file is a symbolic link`);
    expect(list.stderr).toContain(`session-browser: skipped ${renamed}: its name is not a Codex rollout name (rollout-<time>-<uuid>.jsonl): not read`);
  });
});

describe('the Gemini location names what it refuses', () => {
  it('a linked chat and a .json file in chats/ not named as a chat; the project folder\'s other files and subagent chats in silence', async () => {
    const dir = join(tmp, 'gemini');
    cpSync(join(AGENTS, 'gemini'), dir, { recursive: true });
    const project = join(dir, 'tmp', 'app');
    const chats = join(project, 'chats');
    const real = readdirSync(chats).find((n) => n.endsWith('.json'))!;
    cpSync(join(chats, real), join(tmp, 'outside.json'));
    const linked = join(chats, 'session-2026-01-05T09-00-dddd4444.json');
    symlinkSync(join(tmp, 'outside.json'), linked);
    const renamed = join(chats, 'backup.json');
    cpSync(join(chats, real), renamed);
    writeFileSync(join(project, 'logs.json'), '[]');
    mkdirSync(join(chats, 'aaaa1111-0000-4000-8000-000000000001'));
    writeFileSync(join(chats, 'aaaa1111-0000-4000-8000-000000000001', 'sub-1.jsonl'), '{"sessionId":"sub-1","kind":"subagent"}\n');
    const scan = await geminiLocation({ dir, named: true }).scan(home, null);
    expect(scan.skipped).toEqual([
      { path: renamed, error: NOT_A_CHAT_NAME },
      { path: linked, error: SYMLINKED_SESSION },
    ]);
    // The folder is /work/app's (.project_root): named in that project's run, not in another's.
    expect((await geminiLocation({ dir, named: true }).scan(home, [projectIdOfCwd('/work/app')])).skipped).toHaveLength(2);
    expect((await geminiLocation({ dir, named: true }).scan(home, [projectIdOfCwd('/work/elsewhere')])).skipped).toEqual([]);
    const doctor = runCli(['--home', home, '--source', 'gemini', '--gemini-dir', dir, '--all', 'doctor'], { env: ENV });
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toContain(`session-browser: skipped ${linked}: session file is a symbolic link`);
    expect(doctor.stderr).toContain(`session-browser: skipped ${renamed}: its name is not a Gemini chat name (session-<time>-<id>.jsonl or .json): not read`);
    expect(doctor.stdout).toContain('2 paths skipped');
  });
});

describe('the fixtures as shipped', () => {
  it('have nothing to refuse: no note for any agent', { timeout: 60_000 }, () => {
    const args = ['--home', home, '--all', '--source', 'claude,codex,gemini', '--claude-dir', join(AGENTS, 'claude'), '--codex-dir', join(AGENTS, 'codex'), '--gemini-dir', join(AGENTS, 'gemini')];
    const doctor = runCli([...args, 'doctor'], { env: ENV });
    expect(doctor.stderr).not.toContain('skipped');
  });
});
