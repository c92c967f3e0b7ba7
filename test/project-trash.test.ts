import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertSessionId, findProjectRoot, InvalidIdError, projectIdOf, resolveHome, sessionPath } from '../src/store/project.js';
import { moveToTrash, restoreFromTrash, TrashError } from '../src/store/actions/trash.js';
import { DEMO_PROJECT_IDS } from '../fixtures/demo-constants.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'sb-proj-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('project resolution (format §1)', () => {
  it('hashes the real path of the git root: 16 hex digits of SHA-256', () => {
    for (const [root, id] of Object.entries(DEMO_PROJECT_IDS)) expect(projectIdOf(root)).toBe(id);
  });

  it('finds the nearest ancestor with a .git folder or file, else uses the directory itself', () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'a', 'b'), { recursive: true });
    expect(findProjectRoot(join(repo, 'a', 'b'))).toBe(repo);

    const worktree = join(dir, 'wt');
    mkdirSync(join(worktree, 'src'), { recursive: true });
    writeFileSync(join(worktree, '.git'), 'gitdir: /elsewhere\n');
    expect(findProjectRoot(join(worktree, 'src'))).toBe(worktree);

    const plain = join(dir, 'plain');
    mkdirSync(plain);
    // tmpdir has no .git above it on these machines; the directory itself is the root.
    expect(findProjectRoot(plain)).toBe(plain);
  });

  it('resolves symlinks before hashing', () => {
    const repo = join(dir, 'real');
    mkdirSync(join(repo, '.git'), { recursive: true });
    symlinkSync(repo, join(dir, 'link'));
    expect(findProjectRoot(join(dir, 'link'))).toBe(repo);
  });

  it('picks the home from --home, then SESSION_BROWSER_HOME, then XDG_DATA_HOME', () => {
    expect(resolveHome('/a', { SESSION_BROWSER_HOME: '/b' })).toBe('/a');
    expect(resolveHome(undefined, { SESSION_BROWSER_HOME: '/b', XDG_DATA_HOME: '/c' })).toBe('/b');
    expect(resolveHome(undefined, { XDG_DATA_HOME: '/c' })).toBe('/c/session-browser');
    expect(resolveHome(undefined, {})).toMatch(/\.local\/share\/session-browser$/);
  });

  it('refuses bad ids before building any path', () => {
    for (const bad of ['../etc/passwd', '', '.hidden', 'a/b', 'a'.repeat(129), 'x\u0000y', '-rf']) {
      expect(() => assertSessionId(bad)).toThrow(InvalidIdError);
      expect(() => sessionPath('/h', '0123456789abcdef', bad)).toThrow(InvalidIdError);
    }
    expect(assertSessionId('2026-11-20_fix.auth-1')).toBe('2026-11-20_fix.auth-1');
  });
});

describe('trash', () => {
  const pid = '0123456789abcdef';
  const setup = (): string => {
    const home = join(dir, 'home');
    mkdirSync(join(home, 'projects', pid), { recursive: true });
    writeFileSync(join(home, 'projects', pid, 's1.jsonl'), '{"type":"meta"}\n');
    return home;
  };

  it('moves a session into <home>/.trash and restores it unchanged', () => {
    const home = setup();
    const moved = moveToTrash(home, pid, 's1');
    expect(moved.to).toBe(join(home, '.trash', pid, 's1.jsonl'));
    expect(existsSync(join(home, 'projects', pid, 's1.jsonl'))).toBe(false);
    restoreFromTrash(home, 's1');
    expect(readFileSync(join(home, 'projects', pid, 's1.jsonl'), 'utf8')).toBe('{"type":"meta"}\n');
  });

  it('never moves through a symlink', () => {
    const home = setup();
    const outside = join(dir, 'outside.jsonl');
    writeFileSync(outside, 'precious\n');
    symlinkSync(outside, join(home, 'projects', pid, 'link.jsonl'));
    expect(() => moveToTrash(home, pid, 'link')).toThrow(TrashError);
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
  });

  it('refuses a bad id and an unknown session', () => {
    const home = setup();
    expect(() => moveToTrash(home, pid, '../../x')).toThrow(InvalidIdError);
    expect(() => moveToTrash(home, pid, 'missing')).toThrow(/no session missing/);
    expect(() => restoreFromTrash(home, 'missing')).toThrow(/no deleted session/);
  });
});
