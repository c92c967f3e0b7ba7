/**
 * Issue 6 item 11: exit codes and messages a script can trust: doctor's exit
 * code, `help`, a named home that does not exist, "no sessions" messages
 * that say where they looked, `--since` durations and blanks, messages that
 * do not repeat their prefix, unknown config keys.
 */
import { parseCommandLine } from '../src/app/cli-args.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSince, parseWindowOption, WindowSpecError } from '../src/store/usage/window.js';
import { runCli } from './helpers/cli.js';
import { useTempProject } from './helpers/temp-project.js';

const NOW = '2026-11-21T12:00:00Z';
const NOW_MS = Date.parse(NOW);

let home: string;
let root: string;
let tmp: string;
useTempProject('sb-exit-', (d) => ({ home, root, tmp } = d));

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: root, env: { SESSION_BROWSER_NOW: NOW, ...env } });

function writeSession(id: string, extraLines: string[] = []): void {
  const dir = join(home, 'projects', 'aaaaaaaaaaaaaaaa');
  mkdirSync(dir, { recursive: true });
  const lines = [
    JSON.stringify({ type: 'meta', id, created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T09:40:00Z', title: 'A session' }),
    JSON.stringify({ type: 'message', timestamp: '2026-11-20T09:00:05Z', message: { role: 'user', content: 'Hello' } }),
    ...extraLines,
  ];
  writeFileSync(join(dir, `${id}.jsonl`), lines.join('\n') + '\n');
}

describe('doctor exit code', () => {
  it('is 0 on a clean home and 1 when it finds problems, in text and JSON', { timeout: 90_000 }, () => {
    writeSession('clean');
    expect(cli(['doctor', '--all', '--home', home]).code).toBe(0);
    expect(cli(['doctor', '--all', '--json', '--home', home]).code).toBe(0);
    writeSession('broken', ['{not json', JSON.stringify({ type: 'message', timestamp: '2026-11-20T09:01:00Z', message: { role: 'assistant', content: 'ok' } })]);
    const text = cli(['doctor', '--all', '--home', home]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/1 with problems/);
    expect(text.stdout).toMatch(/broken\s+store/);
    // Only the kinds of problem found get a column, so the table fits 80 columns with its headers whole.
    const header = text.stdout.split('\n').find((l) => l.startsWith('ID'))!;
    expect(header.split(/\s{2,}/)).toEqual(['ID', 'DIALECT', 'LINES', 'MALFORMED']);
    const json = cli(['doctor', '--all', '--json', '--home', home]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).problems).toBe(1);
  });
});

describe('help', () => {
  it('`help` prints the usage and exits 0; `help COMMAND` and `COMMAND --help` print that command', { timeout: 90_000 }, () => {
    const all = cli(['help']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Usage:/);
    expect(all.stdout).toContain('session-browser doctor');
    for (const args of [['help', 'show'], ['show', '--help']]) {
      const one = cli(args);
      expect(one.code).toBe(0);
      expect(one.stdout).toContain('session-browser show    ID [--json]');
      expect(one.stdout).not.toContain('session-browser doctor');
    }
    const bad = cli(['help', 'frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('the session home', () => {
  it('named with --home or $SESSION_BROWSER_HOME must exist (exit 1, naming it)', { timeout: 90_000 }, () => {
    const missing = join(tmp, 'no-such-home');
    for (const res of [cli(['list', '--home', missing]), cli(['list'], { SESSION_BROWSER_HOME: missing }), cli(['usage', '--home', missing])]) {
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`the session home ${missing}`);
      expect(res.stderr).toMatch(/does not exist/);
      expect(res.stdout).toBe('');
    }
  });

  it('may be missing when it is the default (a new user): "no sessions" names the home and project', { timeout: 90_000 }, () => {
    const data = join(tmp, 'xdg-data');
    const res = cli(['list'], { XDG_DATA_HOME: data });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(join(data, 'session-browser'));
    expect(res.stdout).toContain(root);
    expect(res.stdout).toContain('--demo shows an example');
  });
});

describe('"no sessions" messages say where they looked', () => {
  it('names the home and the project (list, list --all, resume --last)', { timeout: 90_000 }, () => {
    mkdirSync(home);
    const list = cli(['list', '--home', home]);
    expect(list.stdout).toContain(`for project ${root} under ${home}`);
    const all = cli(['list', '--all', '--home', home]);
    expect(all.stdout).toContain(`in any project under ${home}`);
    const last = cli(['resume', '--last', '--home', home]);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain(home);
    expect(last.stderr).toContain(root);
  });

  it('never suggests --demo while in the demo', { timeout: 90_000 }, () => {
    const res = cli(['list', '--demo', '--query', 'qqqzzzxxxnothing']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^No sessions match/);
    expect(res.stdout).not.toContain('--demo');
  });
});

describe('--since', () => {
  it('accepts durations: whole days count like Nd, finer ones are the last span of that length', { timeout: 90_000 }, () => {
    expect(parseSince('2w', NOW_MS)).toEqual(parseSince('14d', NOW_MS));
    expect(parseSince('1w3d', NOW_MS)).toEqual(parseSince('10d', NOW_MS));
    expect(parseSince('12h', NOW_MS)).toEqual({ start: '2026-11-21T00:00:00.000Z', end: '2026-11-22T00:00:00.000Z' });
    expect(parseSince('36h', NOW_MS).start).toBe('2026-11-20T00:00:00.000Z');
    expect(() => parseSince('0w', NOW_MS)).toThrow(WindowSpecError);
  });

  it('on the command line: 2w works, an empty value is refused, and the message says "bad --since" once', { timeout: 90_000 }, () => {
    const two = cli(['usage', '--demo', '--json', '--since', '2w']);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout).window).toEqual(JSON.parse(cli(['usage', '--demo', '--json', '--since', '14d']).stdout).window);
    const empty = cli(['usage', '--demo', '--since', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/bad --since "": it is empty/);
    expect(() => parseWindowOption('', NOW_MS)).toThrow(WindowSpecError);
    const bad = cli(['usage', '--demo', '--since', 'last tuesday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.match(/bad --since/g)).toHaveLength(1);
  });
});

describe('the config file', () => {
  it('warns once on stderr about each unknown key, naming it, and still runs', { timeout: 90_000 }, () => {
    const config = join(tmp, 'config');
    mkdirSync(join(config, 'session-browser'), { recursive: true });
    writeFileSync(join(config, 'session-browser', 'config.json'), JSON.stringify({ timezone: 'Asia/Tokyo', resumeCommand: 'agent {id}' }));
    const res = cli(['list', '--demo'], { XDG_CONFIG_HOME: config });
    expect(res.code).toBe(0);
    const warnings = res.stderr.split('\n').filter((l) => l.includes('unknown key'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^session-browser: config .*config\.json: unknown key "timezone" ignored/);
    expect(warnings[0]).toContain('timeZone');
  });
});

describe('messages that name what went wrong in words', () => {
  it("an unknown id names every place looked in: the home and the agents' folders read", () => {
    const claude = join(tmp, 'claude');
    mkdirSync(join(claude, 'projects'), { recursive: true });
    mkdirSync(home, { recursive: true });
    const r = cli(['show', 'zzz', '--all', '--home', home, '--source', 'native,claude', '--claude-dir', claude]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no session zzz under ${home} and the claude folder`);
  });

  it('a --project folder that does not exist is "no such folder", not an lstat error', () => {
    const r = cli(['list', '--project', join(tmp, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot use project folder ${join(tmp, 'nowhere')}: no such folder`);
    expect(r.stderr).not.toMatch(/ENOENT|lstat/);
  });

  it("an option given a value that starts with '-' says how to write one", () => {
    const r = cli(['list', '--limit', '-3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--limit needs a value, and one that starts with '-' is written --limit=VALUE");
    expect(r.stderr).not.toContain('XYZ');
    const short = cli(['list', '-q', '-x']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("--query needs a value, and one that starts with '-' is written --query=VALUE");
  });

  it("takes a value that starts with '-' written --name=VALUE, and after a value or '--' reads on as usual", () => {
    expect(parseCommandLine(['list', '--query=-x']).options.query).toBe('-x');
    // The value of --query is 'fix', whatever follows it; after '--' nothing is an option.
    expect(parseCommandLine(['list', '--query', 'fix', '--limit=3']).options).toMatchObject({ query: 'fix', limit: '3' });
    expect(parseCommandLine(['show', '--', '-x']).positionals).toEqual(['-x']);
    expect(() => parseCommandLine(['list', '--json', '--limit', '--all'])).toThrow(/--limit needs a value/);
  });
});
