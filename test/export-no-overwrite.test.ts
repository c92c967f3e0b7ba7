/**
 * `export -o FILE` never destroys data it was not asked to: an existing file
 * is replaced only with `--force`, and a session log (another session's, one
 * in the trash, an agent's) never, even with `--force`. Refused: one line on
 * stderr naming the file and what to do, exit 1, the file as it was.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExistingFileError } from '../src/store/actions/safe-path.js';
import { fileSink } from '../src/store/actions/text-sink.js';
import { demoCopy, runCli } from './helpers/cli.js';

const PROJECT = '39c612fb0b294124';

let tmp: string;
let demo: { home: string; cleanup: () => void };
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sb-export-'));
  demo = demoCopy();
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
  demo.cleanup();
});

const exportTo = (out: string, ...extra: string[]) => runCli(['--home', demo.home, '--all', 'export', 'fix-login-test', '-o', out, ...extra]);
const log = (id: string) => join(demo.home, 'projects', PROJECT, `${id}.jsonl`);

describe('export -o: an existing file', () => {
  it('is left as it was without --force, and the message says what to do', () => {
    const keep = join(tmp, 'keep.md');
    writeFileSync(keep, 'precious\n');
    const res = exportTo(keep);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([`session-browser: refusing to replace ${keep}: the file exists; pass --force to replace it, or choose another path`]);
    expect(readFileSync(keep, 'utf8')).toBe('precious\n');
  });

  it('is replaced with --force', () => {
    const keep = join(tmp, 'keep.md');
    writeFileSync(keep, 'precious\n');
    const res = exportTo(keep, '--force');
    expect(res.code).toBe(0);
    expect(readFileSync(keep, 'utf8')).toMatch(/^# /);
    expect(readFileSync(keep, 'utf8')).not.toContain('precious');
  });

  it('a new file is written as before, and /dev/null is not an existing file to refuse', () => {
    const out = join(tmp, 'new.md');
    expect(exportTo(out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('fix-login-test');
    expect(exportTo('/dev/null').code).toBe(0);
  });
});

describe('export -o: a session log is never written, even with --force', () => {
  it("another session's log stays whole", () => {
    const other = log('migrate-db-schema');
    const before = readFileSync(other, 'utf8');
    for (const force of [[], ['--force']]) {
      const res = exportTo(other, ...force);
      expect(res.code).toBe(1);
      expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^session-browser: refusing to write .*migrate-db-schema\.jsonl: .* session logs, never written, even with --force; choose another path$/)]);
    }
    expect(readFileSync(other, 'utf8')).toBe(before);
    // The session is still there, as it was.
    const show = runCli(['--home', demo.home, '--all', 'show', 'migrate-db-schema']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Migrate the users table');
  });

  it('the session being exported keeps its own refusal', () => {
    const res = exportTo(log('fix-login-test'), '--force');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/refusing to write .*fix-login-test\.jsonl: it is the session log being read/);
  });

  it('nor a new .jsonl among the sessions, a log in the trash, or one reached through a symlinked folder', () => {
    const fresh = log('not-a-session');
    expect(exportTo(fresh, '--force').code).toBe(1);
    expect(() => readFileSync(fresh)).toThrow();
    const trashed = join(demo.home, '.trash', PROJECT, 'old.jsonl');
    mkdirSync(dirname(trashed), { recursive: true });
    writeFileSync(trashed, 'deleted session\n');
    expect(exportTo(trashed, '--force').code).toBe(1);
    expect(readFileSync(trashed, 'utf8')).toBe('deleted session\n');
    const link = join(tmp, 'link');
    symlinkSync(join(demo.home, 'projects', PROJECT), link);
    const before = readFileSync(log('migrate-db-schema'), 'utf8');
    expect(exportTo(join(link, 'migrate-db-schema.jsonl'), '--force').code).toBe(1);
    expect(readFileSync(log('migrate-db-schema'), 'utf8')).toBe(before);
    // `link/..` is the link target's parent to the kernel, not `tmp` as text would have it (a reviewer's find).
    const around = `${link}/../${PROJECT}/migrate-db-schema.jsonl`;
    const res = exportTo(around, '--force');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('session logs, never written');
    expect(readFileSync(log('migrate-db-schema'), 'utf8')).toBe(before);
    expect(exportTo(`${link}/../${PROJECT}/brand-new.jsonl`).code).toBe(1);
    expect(() => readFileSync(log('brand-new'))).toThrow();
  });

  it('a path that cannot be written is said in words, not as a raw system error', () => {
    const blocked = join(tmp, 'a-file');
    writeFileSync(blocked, 'x');
    const res = exportTo(join(blocked, 'out.md'));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^session-browser: cannot write .*out\.md/);
    expect(res.stderr).not.toMatch(/ENOTDIR: not a directory, stat/);
  });

  it("nor an agent's log, in a folder named with --claude-dir, whether or not the run reads that source", () => {
    const claude = join(tmp, 'claude');
    const session = join(claude, 'projects', '-home-me-app', 'abc.jsonl');
    mkdirSync(dirname(session), { recursive: true });
    writeFileSync(session, '{"type":"user"}\n');
    for (const source of ['native,claude', 'native']) {
      const res = runCli(['--home', demo.home, '--all', '--source', source, '--claude-dir', claude, 'export', 'fix-login-test', '-o', session, '--force']);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`under ${claude} are session logs`);
    }
    expect(readFileSync(session, 'utf8')).toBe('{"type":"user"}\n');
  });
});

describe('library: fileSink without replace', () => {
  it('refuses an existing file before writing a byte, and creates a missing one', async () => {
    const keep = join(tmp, 'keep.md');
    writeFileSync(keep, 'precious\n');
    expect(() => fileSink(keep, 0o600, undefined, { replace: false })).toThrow(ExistingFileError);
    expect(readFileSync(keep, 'utf8')).toBe('precious\n');
    const sink = fileSink(join(tmp, 'new.md'), 0o600, undefined, { replace: false });
    await sink.write('hello');
    await sink.end();
    expect(readFileSync(join(tmp, 'new.md'), 'utf8')).toBe('hello');
  });
});

describe('--help', () => {
  it('names --force for export', () => {
    expect(runCli(['help', 'export']).stdout).toContain('[-o FILE [--force]]');
  });
});

describe('resume --context FILE', () => {
  it("never writes the context (JSONL) over another session's log, nor as a new log among the sessions", () => {
    const before = readFileSync(log('migrate-db-schema'), 'utf8');
    const over = runCli(['--home', demo.home, '--all', 'resume', 'fix-login-test', '--dry-run', '--resume-cmd', 'agent --resume {id}', '--context', log('migrate-db-schema')]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('session logs, never written');
    expect(readFileSync(log('migrate-db-schema'), 'utf8')).toBe(before);
    const fresh = runCli(['--home', demo.home, '--all', 'resume', 'fix-login-test', '--dry-run', '--resume-cmd', 'agent --resume {id}', '--context', log('context-as-session')]);
    expect(fresh.code).toBe(1);
    expect(() => readFileSync(log('context-as-session'))).toThrow();
    // Anywhere else it is written as before.
    const ok = runCli(['--home', demo.home, '--all', 'resume', 'fix-login-test', '--dry-run', '--resume-cmd', 'agent --resume {id}', '--context', join(tmp, 'ctx.jsonl')]);
    // (The dry run exits 1 here only because the demo's recorded folder does not exist on this machine.)
    expect(ok.stderr).toContain('wrote the resume context');
    expect(readFileSync(join(tmp, 'ctx.jsonl'), 'utf8').length).toBeGreaterThan(0);
  });
});
