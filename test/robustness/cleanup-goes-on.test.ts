/**
 * Hostile case "cleanup stops halfway" (issue 9): when one session's id is
 * already in the trash, `cleanup` used to exit at that session and leave the
 * rest. It goes on: both copies are kept (the one moved now under a unique
 * name in the trash), every other old session moves, a summary says what
 * moved and what did not, and `restore` brings back the copy moved last.
 */
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { listTrash, moveToTrash, restoreFromTrash } from '../../src/store/actions/trash.js';
import { SessionStore } from '../../src/store/writer/session-store.js';
import { runCli } from '../helpers/cli.js';
import { PROJECT_ID, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

// A file system that fails to move one named file (as a disk error or a
// permission would): every other call goes through to the real one.
const failing = vi.hoisted(() => ({ name: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (failing.name && String(from).endsWith(`/${failing.name}`)) throw Object.assign(new Error(`EIO: i/o error, rename '${String(from)}'`), { code: 'EIO' });
    fs.renameSync(from, to);
  };
  return { ...fs, default: { ...fs, renameSync }, renameSync };
});

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
    expect(moved.keptAs).toBe('dup~2');
    // Both are copies of the session dup: restore brings back the one deleted last, as dup.
    expect(listTrash(t.home).map((e) => [e.id, e.copy])).toEqual([['dup', 2], ['dup', 1]]);
    expect(restoreFromTrash(t.home, 'dup').olderCopies).toBe(1);
    expect(readFileSync(join(t.dir, 'dup.jsonl'), 'utf8')).toContain('second');
    expect(() => restoreFromTrash(t.home, 'dup')).toThrow(/cannot restore dup: .*dup\.jsonl exists/);
    expect(readFileSync(join(t.home, '.trash', PROJECT_ID, 'dup.jsonl'), 'utf8')).toContain('first');
  });

  it('library: cleanupOlderThan goes on past a session whose move fails and past a name clash, and reports each', async () => {
    for (const id of ['a', 'b', 'c', 'dup']) oldSession(id, `new ${id}`);
    mkdirSync(join(t.home, '.trash', PROJECT_ID), { recursive: true });
    writeFileSync(join(t.home, '.trash', PROJECT_ID, 'dup.jsonl'), 'older dup\n');
    failing.name = 'b.jsonl';
    try {
      const report = await SessionStore.cleanupOlderThan(t.home, PROJECT_ID, 30 * 86_400_000);
      expect(report.moved.map((m) => m.id).sort()).toEqual(['a', 'c', 'dup']);
      expect(report.moved.find((m) => m.id === 'dup')?.keptAs).toBe('dup~2');
      expect(report.failed).toEqual([{ projectId: PROJECT_ID, id: 'b', reason: expect.stringContaining('EIO') }]);
      expect(report.skipped).toEqual([]);
    } finally {
      failing.name = '';
    }
    // b is where it was; both copies of dup are in the trash.
    expect(existsSync(join(t.dir, 'b.jsonl'))).toBe(true);
    expect(readFileSync(join(t.home, '.trash', PROJECT_ID, 'dup.jsonl'), 'utf8')).toBe('older dup\n');
    expect(readFileSync(join(t.home, '.trash', PROJECT_ID, 'dup~2.jsonl'), 'utf8')).toContain('new dup');
  });

  it('CLI: a project whose sessions cannot move, between two that can, leaves the others moved', () => {
    const other = 'fedcba9876543210';
    const day = (d: number) => Date.parse(`2020-01-0${d}T00:00:00Z`) / 1000;
    const write = (projectId: string, id: string, d: number) => {
      const dir = join(t.home, 'projects', projectId);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${id}.jsonl`);
      writeFileSync(path, `${JSON.stringify({ type: 'message', timestamp: new Date(day(d) * 1000).toISOString(), message: { role: 'user', content: id } })}\n`);
      utimesSync(path, day(d), day(d));
    };
    write(PROJECT_ID, 'newest', 3);
    write(other, 'middle', 2);
    write(PROJECT_ID, 'oldest', 1);
    // The other project's trash folder is a file: its session cannot move there.
    mkdirSync(join(t.home, '.trash'), { recursive: true });
    writeFileSync(join(t.home, '.trash', other), 'not a folder');
    const res = runCli(['--home', t.home, 'cleanup', '--older-than', '30d', '--all', '--yes']);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Could not move middle: /)]);
    expect(res.stdout).toContain('Moved 2 sessions');
    expect(res.stdout).toContain('1 session could not move');
    expect(existsSync(join(t.dir, 'newest.jsonl'))).toBe(false);
    expect(existsSync(join(t.dir, 'oldest.jsonl'))).toBe(false);
    expect(existsSync(join(t.home, 'projects', other, 'middle.jsonl'))).toBe(true);
  });

  it('CLI: cleanup moves every old session past the duplicate, sums up, and restore brings both back', () => {
    // The first copy of "b" is already in the trash.
    mkdirSync(join(t.home, '.trash', PROJECT_ID), { recursive: true });
    writeFileSync(join(t.home, '.trash', PROJECT_ID, 'b.jsonl'), `${JSON.stringify({ type: 'message', timestamp: OLD, message: { role: 'user', content: 'older b' } })}\n`);
    for (const id of ['a', 'b', 'c']) oldSession(id, `new ${id}`);
    const res = runCli(['--home', t.home, 'cleanup', '--older-than', '30d', '--all', '--yes']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Kept both copies of b: one was already in the trash, this one is there as b~2 (restore b brings it back).');
    expect(res.stdout).toMatch(/Moved 3 sessions to .*\.trash\./);
    for (const id of ['a', 'b', 'c']) expect(existsSync(join(t.dir, `${id}.jsonl`))).toBe(false);
    const restored = runCli(['--home', t.home, 'restore', 'b', '--all']);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toContain('1 other copy of it is still in the trash');
    expect(readFileSync(join(t.dir, 'b.jsonl'), 'utf8')).toContain('new b');
    expect(readFileSync(join(t.home, '.trash', PROJECT_ID, 'b.jsonl'), 'utf8')).toContain('older b');
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
