/**
 * Issue 6 item 1: ids are whole everywhere, and every command that takes an
 * id accepts a unique prefix (git-style) but never picks silently among
 * several matches (an ambiguous prefix, the same id in two projects).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/format/width.js';
import { projectIdOf } from '../src/store/project.js';
import { runCli } from './helpers/cli.js';
import { useTempProject } from './helpers/temp-project.js';

const NOW = '2026-11-21T12:00:00Z';
const UUID_A = 'f0f0f0f0-6666-4777-8888-e99999999999';
const UUID_B = 'f0f0f0f0-6666-4777-8888-a11111111111';
const UUID_C = '0a0a0a0a-1111-4222-8333-444444444444';
/** Under the title cap (60): cut at 80 columns, whole with room. */
const LONG_TITLE = 'Work out why the nightly export job drops rows at night';

/** A store-dialect session (FORMAT.md §2.1) a week old, with a user message and a workspace. */
function writeSession(home: string, projectId: string, id: string, title: string, workspace: string, extra: (object | string)[] = []): string {
  const dir = join(home, 'projects', projectId);
  mkdirSync(dir, { recursive: true });
  const lines = [
    { type: 'meta', id, created_at: '2026-11-14T09:00:00Z', updated_at: '2026-11-14T09:40:00Z', title, workspace, model: 'claude-sonnet-4.6', vendor: 'anthropic' },
    { type: 'message', timestamp: '2026-11-14T09:00:05Z', message: { role: 'user', content: title } },
    { type: 'message', timestamp: '2026-11-14T09:00:09Z', message: { role: 'assistant', content: 'On it.' } },
    ...extra,
  ];
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

let home: string;
let root: string;
let tmp: string;
useTempProject('sb-ids-', (d) => ({ home, root, tmp } = d));

/** The project of `root` (the cwd of every run) holds three UUID sessions. */
function uuidHome(): string {
  const pid = projectIdOf(root);
  writeSession(home, pid, UUID_A, LONG_TITLE, root);
  writeSession(home, pid, UUID_B, 'Second session', root);
  writeSession(home, pid, UUID_C, 'Third session', root);
  writeFileSync(join(home, 'projects', pid, 'project.json'), JSON.stringify({ root }));
  return pid;
}

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli([...args, '--home', home], { cwd: root, env: { SESSION_BROWSER_NOW: NOW, ...env } });

/** `list | awk '{print $1}'` without the header and rule lines. */
const firstWords = (stdout: string): string[] =>
  stdout
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter(Boolean);

/** Each test spawns the CLI several times: allow for a loaded machine. */
const SLOW = { timeout: 90_000 };

describe('ids are printed whole', () => {
  it.each([
    ['COLUMNS unset (80)', ''],
    ['COLUMNS=80', '80'],
    ['COLUMNS=40', '40'],
  ])('the first word of each list row (awk) is an id that show accepts, %s', SLOW, (_label, columns) => {
    uuidHome();
    const list = cli(['list'], { COLUMNS: columns });
    expect(list.code).toBe(0);
    const ids = firstWords(list.stdout);
    expect(ids.sort()).toEqual([UUID_A, UUID_B, UUID_C].sort());
    for (const id of ids) {
      const show = cli(['show', id, '--json']);
      expect(show.code).toBe(0);
      expect(JSON.parse(show.stdout).id).toBe(id);
    }
  });

  it('fits 80 columns by cutting the title, never the id', SLOW, () => {
    uuidHome();
    const lines = cli(['list'], { COLUMNS: '' }).stdout.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    const row = lines.find((l) => l.startsWith(UUID_A))!;
    expect(row).toContain('…');
    expect(row).not.toContain(LONG_TITLE);
    // With room, the title is shown in full.
    expect(cli(['list'], { COLUMNS: '250' }).stdout).toContain(LONG_TITLE);
  });

  it('keeps ids whole in the all-projects list, the cleanup dry run, usage --by session and doctor', SLOW, () => {
    const pid = uuidHome();
    // An id of 100 characters: longer than any column cap the tables had.
    const long = `${'x'.repeat(90)}-123456789`;
    writeSession(home, pid, long, 'A long id', root, ['not json at all']);
    const narrow = { COLUMNS: '60' };
    const all = cli(['list', '--all'], narrow).stdout;
    const cleanup = cli(['cleanup', '--older-than', '1d', '--dry-run'], narrow).stdout;
    const usage = cli(['usage', '--by', 'session'], narrow).stdout;
    const doctor = cli(['doctor'], narrow);
    for (const out of [all, cleanup, usage]) {
      for (const id of [UUID_A, UUID_B, UUID_C, long]) expect(out).toContain(id);
    }
    expect(doctor.stdout).toContain(long);
  });
});

describe('an id may be a unique prefix', () => {
  it('works for show, replay, export, resume --dry-run, delete and restore, which all act on the whole id', SLOW, () => {
    const pid = uuidHome();
    expect(JSON.parse(cli(['show', '0a0a', '--json']).stdout).id).toBe(UUID_C);
    expect(cli(['replay', '0a0a']).stdout).toContain('Third session');
    const exported = JSON.parse(cli(['export', '0a0a', '--format', 'json']).stdout);
    expect(exported.summary.id).toBe(UUID_C);
    const resume = cli(['resume', '0a0a', '--dry-run', '--resume-cmd', 'agent --resume {id}']);
    expect(resume.code).toBe(0);
    expect(JSON.parse(resume.stdout)).toEqual(['agent', '--resume', UUID_C]);

    const del = cli(['delete', 'f0f0f0f0-6666-4777-8888-e', '--yes']);
    expect(del.code).toBe(0);
    expect(del.stderr).toContain(UUID_A);
    expect(existsSync(join(home, 'projects', pid, `${UUID_A}.jsonl`))).toBe(false);
    expect(existsSync(join(home, '.trash', pid, `${UUID_A}.jsonl`))).toBe(true);

    const restore = cli(['restore', 'f0f0']);
    expect(restore.code).toBe(0);
    expect(restore.stderr).toContain(UUID_A);
    expect(existsSync(join(home, 'projects', pid, `${UUID_A}.jsonl`))).toBe(true);
  });

  it('refuses an ambiguous prefix with exit 2, listing each candidate with its project and title', SLOW, () => {
    uuidHome();
    for (const args of [['show', 'f0f0'], ['replay', 'f0f0'], ['export', 'f0f0'], ['resume', 'f0f0', '--dry-run', '--resume-cmd', 'agent {id}'], ['delete', 'f0f0', '--yes']]) {
      const res = cli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toMatch(/prefix f0f0 matches 2 sessions/);
      expect(res.stderr).toContain(UUID_A);
      expect(res.stderr).toContain(UUID_B);
      expect(res.stderr).toContain(root);
      expect(res.stderr).toContain('Second session');
    }
    // Nothing was deleted.
    expect(JSON.parse(cli(['list', '--json']).stdout).sessions).toHaveLength(3);
  });

  it('prefers a whole id over a longer id it is a prefix of', SLOW, () => {
    const pid = uuidHome();
    writeSession(home, pid, 'fix', 'Short id', root);
    writeSession(home, pid, 'fix-login', 'Longer id', root);
    expect(JSON.parse(cli(['show', 'fix', '--json']).stdout).id).toBe('fix');
    expect(JSON.parse(cli(['show', 'fix-', '--json']).stdout).id).toBe('fix-login');
  });

  it('validates a prefix like an id before touching the filesystem', SLOW, () => {
    uuidHome();
    const res = cli(['show', '../f0f0']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/invalid session id/);
  });
});

describe('an id in two projects is never picked silently', () => {
  it('is refused with both listed, even when one copy is in the current project; --project picks one', SLOW, () => {
    const mine = uuidHome();
    const otherRoot = join(tmp, 'other');
    mkdirSync(otherRoot);
    const other = projectIdOf(otherRoot);
    writeSession(home, other, UUID_C, 'The copy elsewhere', otherRoot);
    writeFileSync(join(home, 'projects', other, 'project.json'), JSON.stringify({ root: otherRoot }));

    for (const args of [[UUID_C], ['0a0a', '--all']]) {
      const res = cli(['show', ...args]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(root);
      expect(res.stderr).toContain(otherRoot);
      expect(res.stderr).toContain('Third session');
      expect(res.stderr).toContain('The copy elsewhere');
      if (args[0] === UUID_C) expect(res.stderr).toMatch(/is in 2 projects; pass --project DIR/);
    }
    expect(cli(['delete', UUID_C, '--yes']).code).toBe(2);
    expect(existsSync(join(home, 'projects', mine, `${UUID_C}.jsonl`))).toBe(true);

    const here = JSON.parse(cli(['show', UUID_C, '--json', '--project', root]).stdout);
    expect(here).toMatchObject({ id: UUID_C, projectId: mine, title: 'Third session' });
    const there = JSON.parse(cli(['show', '0a0a', '--json', '--project', otherRoot]).stdout);
    expect(there).toMatchObject({ id: UUID_C, projectId: other, title: 'The copy elsewhere' });
  });

  it('refuses restore of an id deleted in two projects, and --project picks one', SLOW, () => {
    const mine = uuidHome();
    const otherRoot = join(tmp, 'other');
    mkdirSync(otherRoot);
    const other = projectIdOf(otherRoot);
    writeSession(home, other, UUID_C, 'The copy elsewhere', otherRoot);
    expect(cli(['delete', UUID_C, '--yes', '--project', root]).code).toBe(0);
    expect(cli(['delete', UUID_C, '--yes', '--project', otherRoot]).code).toBe(0);
    const res = cli(['restore', '0a0a']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(root);
    expect(cli(['restore', '0a0a', '--project', otherRoot]).code).toBe(0);
    expect(existsSync(join(home, 'projects', other, `${UUID_C}.jsonl`))).toBe(true);
    expect(existsSync(join(home, 'projects', mine, `${UUID_C}.jsonl`))).toBe(false);
  });
});
