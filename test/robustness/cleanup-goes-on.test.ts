/**
 * Hostile case "cleanup stops halfway" (issue 9): when one session's id is
 * already in the trash, `cleanup` used to exit at that session and leave the
 * rest. It goes on: both copies are kept (the one moved now under a unique
 * id in the trash), every other old session moves, a summary says what
 * moved and what did not, and `restore` brings back both copies.
 */
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTrash, moveToTrash, restoreFromTrash } from '../../src/store/actions/trash.js';
import { runCli } from '../helpers/cli.js';
import { PROJECT_ID, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const OLD = '2020-01-01T00:00:00Z';
const OLD_S = Date.parse(OLD) / 1000;
function oldSession(id: string, content: string): string {
  const path = t.write(id, [{ type: 'message', timestamp: OLD, message: { role: 'user', content } }]);
  utimesSync(path, OLD_S, OLD_S);
  return path;
}

describe('robustness: cleanup goes on', () => {
  it('moveToTrash keeps both copies when the id is already in the trash', () => {
    oldSession('dup', 'first');
    moveToTrash(t.home, PROJECT_ID, 'dup');
    oldSession('dup', 'second');
    const moved = moveToTrash(t.home, PROJECT_ID, 'dup');
    expect(moved.keptAs).toBe('dup.2');
    expect(listTrash(t.home).map((e) => e.id).sort()).toEqual(['dup', 'dup.2']);
    restoreFromTrash(t.home, 'dup');
    restoreFromTrash(t.home, 'dup.2');
    expect(readFileSync(join(t.dir, 'dup.jsonl'), 'utf8')).toContain('first');
    expect(readFileSync(join(t.dir, 'dup.2.jsonl'), 'utf8')).toContain('second');
  });

  it('CLI: cleanup moves every old session past the duplicate, sums up, and restore brings both back', () => {
    // The first copy of "b" is already in the trash.
    mkdirSync(join(t.home, '.trash', PROJECT_ID), { recursive: true });
    writeFileSync(join(t.home, '.trash', PROJECT_ID, 'b.jsonl'), `${JSON.stringify({ type: 'message', timestamp: OLD, message: { role: 'user', content: 'older b' } })}\n`);
    for (const id of ['a', 'b', 'c']) oldSession(id, `new ${id}`);
    const res = runCli(['--home', t.home, 'cleanup', '--older-than', '30d', '--all', '--yes']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Kept both copies of b: one was already in the trash, this one is there as b.2.');
    expect(res.stdout).toMatch(/Moved 3 sessions to .*\.trash\./);
    for (const id of ['a', 'b', 'c']) expect(existsSync(join(t.dir, `${id}.jsonl`))).toBe(false);
    expect(runCli(['--home', t.home, 'restore', 'b', '--all']).code).toBe(0);
    expect(runCli(['--home', t.home, 'restore', 'b.2', '--all']).code).toBe(0);
    expect(readFileSync(join(t.dir, 'b.jsonl'), 'utf8')).toContain('older b');
    expect(readFileSync(join(t.dir, 'b.2.jsonl'), 'utf8')).toContain('new b');
  });

  it('CLI: a session that cannot move is named on stderr, every one is still tried, and the exit code says so', () => {
    for (const id of ['a', 'b']) oldSession(id, `new ${id}`);
    // A trash folder of this project that is a file: every move into it fails.
    mkdirSync(join(t.home, '.trash'), { recursive: true });
    writeFileSync(join(t.home, '.trash', PROJECT_ID), 'not a folder');
    const res = runCli(['--home', t.home, 'cleanup', '--older-than', '30d', '--all', '--yes']);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(2);
    expect(res.stderr).toContain('Could not move a:');
    expect(res.stdout).toContain('Moved 0 sessions');
    expect(res.stdout).toContain('2 sessions could not move');
  });
});
