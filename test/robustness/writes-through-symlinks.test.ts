/**
 * Hostile case "writes through symlinks" (issue 9): an export whose target,
 * or the home's `exports` folder, is a symlink must not overwrite a file
 * outside the home; no write we make (export from the CLI and the browser,
 * the resume context file, delete and restore, the writer) follows a symlink
 * or lands outside the folder it names. Each is refused with a message that
 * says which part is a link.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContext } from '../../src/app/context.js';
import { storeSource } from '../../src/app/store-source.js';
import { writeContextFile } from '../../src/store/actions/resume.js';
import { UnsafePathError } from '../../src/store/actions/safe-path.js';
import { fileSink } from '../../src/store/actions/text-sink.js';
import { moveToTrash, restoreFromTrash, TrashError } from '../../src/store/actions/trash.js';
import { projectIdOf } from '../../src/store/project.js';
import { SessionStore } from '../../src/store/writer/session-store.js';
import { TurnLogger } from '../../src/store/writer/turn-logger.js';
import { runCli } from '../helpers/cli.js';
import { PROJECT_ID, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));
let outside: string;
let precious: string;
beforeEach(() => {
  outside = mkdtempSync(join(tmpdir(), 'sb-outside-'));
  precious = join(outside, 'precious.txt');
  writeFileSync(precious, 'precious\n');
});
afterEach(() => rmSync(outside, { recursive: true, force: true }));

const T = '2026-11-20T09:00:00Z';
const session = (id = 's1'): string => t.write(id, [{ type: 'message', timestamp: T, message: { role: 'user', content: 'hello' } }]);
const untouched = (): void => expect(readFileSync(precious, 'utf8')).toBe('precious\n');

describe('robustness: writes through symlinks', () => {
  it('CLI export -o to a symlink is refused and the file it points to is untouched', () => {
    session();
    const link = join(t.home, 'out.md');
    symlinkSync(precious, link);
    const res = runCli(['--home', t.home, 'export', 's1', '--all', '-o', link]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(`refusing to write ${link}: it is a symbolic link`);
    untouched();
    // A dangling link would otherwise create the file outside.
    const dangling = join(t.home, 'dangling.md');
    symlinkSync(join(outside, 'new.md'), dangling);
    expect(runCli(['--home', t.home, 'export', 's1', '--all', '-o', dangling]).code).not.toBe(0);
    expect(existsSync(join(outside, 'new.md'))).toBe(false);
  });

  it('an export target with another hard link is refused (writing it would change the other name)', () => {
    const path = session();
    const hard = join(t.home, 'hard.md');
    linkSync(precious, hard);
    expect(() => fileSink(hard, 0o600, path)).toThrow(UnsafePathError);
    untouched();
    // The session log itself (a hard link to it) keeps its own, clearer refusal.
    const same = join(t.home, 'same.jsonl');
    linkSync(path, same);
    expect(() => fileSink(same, 0o600, path)).toThrow(/it is the session log being read/);
  });

  it("the browser's export refuses a symlinked exports folder and a symlinked export file", async () => {
    session();
    const ctx = buildContext({ home: t.home, all: true });
    const source = storeSource(ctx);
    const [s] = await source.loadSessions('all');
    symlinkSync(outside, join(t.home, 'exports'));
    await expect(source.exportMarkdown(s!)).rejects.toThrow(/exports is a symbolic link/);
    expect(existsSync(join(outside, 's1.md'))).toBe(false);
    rmSync(join(t.home, 'exports'));
    mkdirSync(join(t.home, 'exports'));
    symlinkSync(precious, join(t.home, 'exports', 's1.md'));
    await expect(source.exportMarkdown(s!)).rejects.toThrow(/s1\.md: it is a symbolic link/);
    untouched();
    rmSync(join(t.home, 'exports', 's1.md'));
    expect(readFileSync(await source.exportMarkdown(s!), 'utf8')).toContain('hello');
  });

  it('the resume context file is never written through a symlink', () => {
    const link = join(t.home, 'context.jsonl');
    symlinkSync(precious, link);
    expect(() => writeContextFile([{ role: 'user', content: 'x' }], link)).toThrow(UnsafePathError);
    untouched();
  });

  it('delete and restore refuse a symlinked trash or project folder', () => {
    session();
    symlinkSync(outside, join(t.home, '.trash'));
    expect(() => moveToTrash(t.home, PROJECT_ID, 's1')).toThrow(TrashError);
    expect(existsSync(join(t.dir, 's1.jsonl'))).toBe(true);
    rmSync(join(t.home, '.trash'));
    moveToTrash(t.home, PROJECT_ID, 's1');
    rmSync(t.dir, { recursive: true });
    symlinkSync(outside, t.dir);
    expect(() => restoreFromTrash(t.home, 's1')).toThrow(/is a symbolic link/);
    expect(existsSync(join(outside, 's1.jsonl'))).toBe(false);
  });

  it('the writer refuses a symlinked project folder (new sessions and resumed ones)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sb-root-'));
    try {
      const store = new SessionStore({ home: t.home, projectRoot: root, sessionId: 'w1' });
      mkdirSync(join(t.home, 'projects'), { recursive: true });
      symlinkSync(outside, join(t.home, 'projects', store.projectId));
      expect(() => store.appendMessage({ role: 'user', content: 'x' })).toThrow(/is a symbolic link/);
      expect(existsSync(join(outside, 'w1.jsonl'))).toBe(false);
      writeFileSync(join(outside, 't1.jsonl'), '');
      const logger = new TurnLogger({ home: t.home, projectRoot: root });
      expect(projectIdOf(logger.projectRoot)).toBe(store.projectId);
      expect(() => logger.resumeSession('t1')).toThrow(UnsafePathError);
      expect(readFileSync(join(outside, 't1.jsonl'), 'utf8')).toBe('');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
