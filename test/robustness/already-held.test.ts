/**
 * The hostile cases issue 9 found already held, named here so they keep
 * holding (issue 9, deliver 3): escape payloads in log text, invalid UTF-8,
 * BOMs and CRLF, NUL and oversized lines, files deleted or truncated
 * under the catalog, symlinked session files (refused, issue 6) and FIFOs. Each runs the built
 * CLI on a home of its own, as a user would. (Random corruptions,
 * SIGKILLed and concurrent writers, torn records and deep nesting have
 * files of their own in this folder.)
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { runCli } from '../helpers/cli.js';
import { readOpts } from '../helpers/session-files.js';

const PROJECT = '0123456789abcdef';
let home: string;
let cache: string;
let dir: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'sb-held-'));
  cache = mkdtempSync(join(tmpdir(), 'sb-held-cache-'));
  dir = join(home, 'projects', PROJECT);
  mkdirSync(dir, { recursive: true });
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const msg = (role: string, content: string, s = 0) => JSON.stringify({ type: 'message', timestamp: `2026-11-20T09:00:${String(s).padStart(2, '0')}Z`, message: { role, content } });
const cli = (...args: string[]) => runCli([...args, '--home', home], { env: { XDG_CACHE_HOME: cache, SESSION_BROWSER_NOW: '2026-11-21T12:00:00Z' } });
/** What a terminal would act on: ESC, BEL, 8-bit CSI and OSC, and the bidi controls. */
const CONTROLS = /[\u001b\u0007\u009b\u009d\u202a-\u202e\u2066-\u2069]/u;

describe('hostile cases that already held (issue 9)', () => {
  it('escape payloads in log text (OSC 52, OSC 0, OSC 8, CSI, DCS, APC, 8-bit C1, bidi, an unterminated OSC) reach no output as controls', () => {
    const payload = [
      '\u001b]52;c;cHduZWQ=\u0007',
      '\u001b]0;title\u0007',
      '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\',
      '\u001b[2J\u001b[31m',
      '\u001bPdcs\u001b\\',
      '\u001b_apc\u001b\\',
      '\u009b31m\u009d0;c1\u0007',
      '\u202eevil\u202c',
      '\u001b]0;never ended',
    ].join(' ');
    writeFileSync(join(dir, 'esc.jsonl'), `${msg('user', `Deploy ${payload}`)}\n${msg('assistant', `Done ${payload}`, 1)}\n`);
    for (const args of [['list', '--all'], ['list', '--all', '--json'], ['show', 'esc'], ['show', 'esc', '--json'], ['replay', 'esc'], ['usage', '--all'], ['doctor', '--all']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(CONTROLS);
      expect(r.stderr, args.join(' ')).not.toMatch(CONTROLS);
    }
    expect(cli('list', '--all').stdout).toContain('Deploy');
  });

  it('invalid UTF-8, a BOM and CRLF line endings: every record is read, none is malformed', () => {
    const bad = Buffer.concat([Buffer.from('{"type":"message","timestamp":"2026-11-20T09:00:02Z","message":{"role":"user","content":"bytes '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' here"}}\r\n')]);
    writeFileSync(join(dir, 'utf.jsonl'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${msg('user', 'first')}\r\n${msg('assistant', 'second', 1)}\r\n`), bad]));
    const [s] = JSON.parse(cli('list', '--all', '--json').stdout).sessions;
    expect(s).toMatchObject({ id: 'utf', title: 'first', userMessages: 2, assistantMessages: 1, malformedLines: 0 });
  });

  it('a line of NUL bytes is counted malformed and skipped; a line over the size cap is counted oversized and skipped; the rest is read', async () => {
    const path = join(dir, 'nul.jsonl');
    writeFileSync(path, Buffer.concat([Buffer.from(`${msg('user', 'before')}\n`), Buffer.alloc(64), Buffer.from(`\n${msg('user', 'x'.repeat(5000), 1)}\n${msg('assistant', 'after', 2)}\n`)]));
    const { summary } = await readSummary(path, readOpts({ maxLineBytes: 1024 }));
    expect(summary).toMatchObject({ userMessages: 1, assistantMessages: 1, malformedLines: 1, oversizedLines: 1 });
    const [listed] = JSON.parse(cli('list', '--all', '--json').stdout).sessions;
    expect(listed).toMatchObject({ userMessages: 2, assistantMessages: 1, malformedLines: 1 });
  });

  it('a file truncated or deleted after the catalog listed it: the next listing says what is there now, and show refuses the gone one with a clear error', () => {
    const keep = join(dir, 'keep.jsonl');
    writeFileSync(keep, [msg('user', 'one'), msg('assistant', 'two', 1), msg('user', 'three', 2)].join('\n') + '\n');
    writeFileSync(join(dir, 'gone.jsonl'), `${msg('user', 'soon gone')}\n`);
    expect(JSON.parse(cli('list', '--all', '--json').stdout).sessions).toHaveLength(2);
    truncateSync(keep, msg('user', 'one').length + 1);
    unlinkSync(join(dir, 'gone.jsonl'));
    const sessions = JSON.parse(cli('list', '--all', '--json').stdout).sessions;
    expect(sessions.map((s: { id: string }) => s.id)).toEqual(['keep']);
    expect(sessions[0]).toMatchObject({ userMessages: 1, assistantMessages: 0 });
    const gone = cli('show', 'gone');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/no session gone/);
    expect(gone.stderr).not.toMatch(/\n\s+at /); // no stack
  });

  it('a session file that is a symlink is refused by every view with a one-line note naming it, never followed out of the home', () => {
    const outside = mkdtempSync(join(tmpdir(), 'sb-held-target-'));
    try {
      writeFileSync(join(outside, 'real.jsonl'), `${msg('user', 'a secret outside the home')}\n`);
      symlinkSync(join(outside, 'real.jsonl'), join(dir, 'link.jsonl'));
      writeFileSync(join(dir, 'plain.jsonl'), `${msg('user', 'a plain session')}\n`);
      const listed = cli('list', '--all', '--json');
      expect(JSON.parse(listed.stdout).sessions.map((s: { id: string }) => s.id)).toEqual(['plain']);
      expect(listed.stderr).toContain('link.jsonl: session file is a symbolic link');
      const shown = cli('show', 'link');
      expect(shown.code).not.toBe(0);
      expect(shown.stdout + shown.stderr).not.toContain('a secret outside the home');
      expect(cli('replay', 'link').stdout).not.toContain('a secret outside the home');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a FIFO named like a session file is skipped, never opened (a read would wait forever)', () => {
    writeFileSync(join(dir, 'real.jsonl'), `${msg('user', 'beside a fifo')}\n`);
    const fifo = join(dir, 'pipe.jsonl');
    execFileSync('mkfifo', [fifo]); // Node has no mkfifo of its own
    expect(statSync(fifo).isFIFO()).toBe(true);
    for (const args of [['list', '--all', '--json'], ['doctor', '--all']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
    }
    expect(JSON.parse(cli('list', '--all', '--json').stdout).sessions.map((s: { id: string }) => s.id)).toEqual(['real']);
  });
});
