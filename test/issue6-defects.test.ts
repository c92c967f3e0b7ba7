/**
 * Defects a tester found after issue 6 was implemented; each test names the
 * kind it guards. CLI tests run the built binary (dist/cli.js).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContext } from '../src/app/context.js';
import { buildReplayLines } from '../src/format/replay-lines.js';
import { relativeTime } from '../src/format/time.js';
import { displayWidth } from '../src/format/width.js';
import { projectIdOf } from '../src/store/project.js';
import { CLI, DEMO, ROOT, runCli } from './helpers/cli.js';
import { spawnPty } from './helpers/pty.js';
import { printedCommand, runVerbatim } from './helpers/verbatim.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sb-defects-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(path: string, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${path}`);
    await sleep(25);
  }
}

describe('defect 1: signals while a resumed agent runs', () => {
  /**
   * A stand-in agent: records its context path, catches SIGINT (an agent
   * interrupting a turn) and SIGTERM, and exits with its own code.
   */
  function agent(): { stub: string; record: string; ready: string } {
    const stub = join(tmp, 'agent.mjs');
    const record = join(tmp, 'record.json');
    const ready = join(tmp, 'ready');
    writeFileSync(
      stub,
      `import { writeFileSync } from 'node:fs';
const seen = { context: process.argv[2], signals: [] };
const save = () => writeFileSync(${JSON.stringify(record)}, JSON.stringify(seen));
process.on('SIGINT', () => { seen.signals.push('SIGINT'); save(); setTimeout(() => process.exit(7), 300); });
process.on('SIGTERM', () => { seen.signals.push('SIGTERM'); save(); process.exit(9); });
save();
writeFileSync(${JSON.stringify(ready)}, '');
setTimeout(() => process.exit(3), 6000);
`,
    );
    return { stub, record, ready };
  }

  function startResume(stub: string) {
    const child = spawn(process.execPath, [CLI, '--demo', 'resume', 'fix-login-test', '--force', '--resume-cmd', `${process.execPath} ${stub} {context}`], {
      cwd: ROOT,
      detached: true, // its own process group, as a terminal's foreground job
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', NO_COLOR: '1', XDG_CACHE_HOME: join(tmp, 'cache'), XDG_CONFIG_HOME: join(tmp, 'cfg') },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    return { child, exited, stderr: () => stderr };
  }

  it('Ctrl+C (SIGINT to the whole process group) reaches the agent only: we wait, return its code and delete the temp context', async () => {
    const { stub, record, ready } = agent();
    const run = startResume(stub);
    await waitFor(ready);
    process.kill(-run.child.pid!, 'SIGINT');
    const code = await run.exited;
    const seen = JSON.parse(readFileSync(record, 'utf8')) as { context: string; signals: string[] };
    expect(seen.signals).toEqual(['SIGINT']);
    expect(code, run.stderr()).toBe(7);
    expect(seen.context).toMatch(/context\.jsonl$/);
    expect(existsSync(seen.context)).toBe(false);
  }, 20_000);

  it('SIGTERM to us is forwarded to the agent, and the temp context is deleted', async () => {
    const { stub, record, ready } = agent();
    const run = startResume(stub);
    await waitFor(ready);
    process.kill(run.child.pid!, 'SIGTERM');
    const code = await run.exited;
    const seen = JSON.parse(readFileSync(record, 'utf8')) as { context: string; signals: string[] };
    expect(seen.signals).toEqual(['SIGTERM']);
    expect(code, run.stderr()).toBe(9);
    expect(existsSync(seen.context)).toBe(false);
  }, 20_000);
});

describe('defect 2: a browser delete prints its whole restore command at exit', () => {
  it('at 100x30 with a long --home holding spaces: the screen says it is printed at exit, and stderr has it verbatim after quitting', async () => {
    const home = join(tmp, 'a rather long folder name with spaces', 'and another long one for good measure', 'session home');
    mkdirSync(home, { recursive: true });
    cpSync(DEMO, home, { recursive: true });
    const env = { XDG_CACHE_HOME: join(tmp, 'cache') };
    const app = spawnPty(['--home', home, '--all'], { cols: 100, rows: 30, env });
    try {
      await app.waitFor('›');
      app.mark();
      app.write('d');
      await app.waitFor(/restore command printed at exit/i);
      app.mark();
      app.write('y');
      await app.waitFor(/Deleted .*restore command printed at exit/);
      app.mark();
      app.write('q');
      expect(await app.exited).toBe(130);
    } finally {
      app.kill();
    }
    const after = app.sinceMark();
    const m = /session-browser: deleted (\S+); restore with: (.*)/.exec(after);
    expect(m, after).not.toBeNull();
    const [, id, command] = m!;
    expect(command!.trim()).toBe(`session-browser --home '${home}' restore ${id}`);
    const listed = () => JSON.parse(runCli(['--home', home, 'list', '--all', '--json'], { env }).stdout).sessions.map((s: { id: string }) => s.id);
    expect(listed()).not.toContain(id);
    expect(runVerbatim(command!.trim(), { env }).code).toBe(0);
    expect(listed()).toContain(id);
  }, 30_000);
});

describe('defect 3: cleanup measures age by the newest of updatedAt and the file mtime', () => {
  const DAY = 24 * 3600 * 1000;
  const iso = (ms: number) => new Date(ms).toISOString();
  function storeFile(home: string, root: string, id: string, metaMs: number, msgMs: number, mtimeMs: number): void {
    const dir = join(home, 'projects', projectIdOf(root));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${id}.jsonl`);
    writeFileSync(
      path,
      `${JSON.stringify({ type: 'meta', id, title: `Session ${id}`, created_at: iso(metaMs), updated_at: iso(metaMs) })}\n` +
        `${JSON.stringify({ type: 'message', timestamp: iso(msgMs), message: { role: 'user', content: 'hello' } })}\n`,
    );
    utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
  }

  it('a session whose meta is 40 days old but whose file was written 2 days ago is not old; the dry run shows the real age', () => {
    const home = join(tmp, 'home');
    const root = join(tmp, 'app');
    mkdirSync(join(root, '.git'), { recursive: true });
    const now = Date.now();
    storeFile(home, root, 'written-lately', now - 40 * DAY, now - 2 * DAY, now - 2 * DAY);
    storeFile(home, root, 'stale-meta-old-file', now - 60 * DAY, now - 45 * DAY, now - 45 * DAY);
    const res = runCli(['--home', home, '--project', root, 'cleanup', '--older-than', '30d', '--dry-run'], { env: { XDG_CACHE_HOME: join(tmp, 'cache') } });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Skipped written-lately: its file changed 2d ago, within 30d.');
    expect(res.stdout.split('\n').some((l) => l.startsWith('written-lately'))).toBe(false);
    const row = res.stdout.split('\n').find((l) => l.startsWith('stale-meta-old-file'));
    expect(row, res.stdout).toBeDefined();
    // 45 days (the file), not 60 (the stale meta).
    expect(row).toContain(relativeTime(iso(now - 45 * DAY), now));
    expect(relativeTime(iso(now - 45 * DAY), now)).not.toBe(relativeTime(iso(now - 60 * DAY), now));
    expect(res.stdout).toContain('1 session older than 30d would move');
  });
});

describe('defect 4: nothing printed on stderr carries a control sequence, whatever built the message', () => {
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
  const env = () => ({ XDG_CACHE_HOME: join(tmp, 'cache') });
  it.each([
    ['--tz', ['--demo', '--tz', '\u001b]0;x\u0007', 'list']],
    ['usage --since', ['--demo', 'usage', '--since', '\u001b[2J']],
    ['an unknown option', ['--demo', 'list', '--\u001b[31mx']],
  ])('%s', (_name, args) => {
    const res = runCli(args, { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('␛');
    expect(res.stderr).not.toMatch(CONTROL);
    expect(res.stderr).toContain("\nRun 'session-browser --help' for usage."); // lines kept
  });
  it('a config timeZone', () => {
    const cfg = join(tmp, 'cfg');
    mkdirSync(join(cfg, 'session-browser'), { recursive: true });
    writeFileSync(join(cfg, 'session-browser', 'config.json'), JSON.stringify({ timeZone: '\u001b]0;pwn\u0007' }));
    const res = runCli(['--demo', 'list'], { env: { ...env(), XDG_CONFIG_HOME: cfg } });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('␛]0;pwn␇');
    expect(res.stderr).not.toMatch(CONTROL);
  });
});

describe('defect 5: resume --dry-run leaves no temporary context file behind', () => {
  it('{context} becomes a placeholder that says so, nothing is written to the temp dir, and stderr explains', () => {
    const tempDir = join(tmp, 'tmpdir');
    mkdirSync(tempDir);
    const res = runCli(['--demo', 'resume', 'fix-login-test', '--dry-run', '--resume-cmd', 'agent --resume {id} --context {context}'], {
      env: { XDG_CACHE_HOME: join(tmp, 'cache'), TMPDIR: tempDir },
    });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(['agent', '--resume', 'fix-login-test', '--context', '<temporary context file, written when the command runs>']);
    expect(readdirSync(tempDir)).toEqual([]);
    expect(res.stderr).toContain('no context file written');
    expect(res.stderr).toContain('--context FILE');
  });

  it('with --context FILE the file is written and stderr says where, and that it is kept', () => {
    const file = join(tmp, 'ctx.jsonl');
    const res = runCli(['--demo', 'resume', 'fix-login-test', '--dry-run', '--context', file, '--resume-cmd', 'agent {context}'], { env: { XDG_CACHE_HOME: join(tmp, 'cache') } });
    expect(JSON.parse(res.stdout)).toEqual(['agent', file]);
    expect(existsSync(file)).toBe(true);
    expect(res.stderr).toContain(`wrote the resume context to ${file} (kept)`);
  });
});

/** A home with one project (a git root under tmp) and store sessions written into it. */
function storeHome(): { home: string; root: string; dir: string; env: Record<string, string> } {
  const home = join(tmp, 'home');
  const root = join(tmp, 'app');
  mkdirSync(join(root, '.git'), { recursive: true });
  const dir = join(home, 'projects', projectIdOf(root));
  mkdirSync(dir, { recursive: true });
  return { home, root, dir, env: { XDG_CACHE_HOME: join(tmp, 'cache') } };
}
const record = (o: unknown) => `${JSON.stringify(o)}\n`;

describe('defect 6: the replay shows the date when it changes, and names the zone once', () => {
  it('CLI replay and the browser lines: a dim day line per calendar day in the zone, the first one naming the zone', async () => {
    const { home, root, dir, env } = storeHome();
    writeFileSync(
      join(dir, 'two-days.jsonl'),
      record({ type: 'meta', id: 'two-days', title: 'Two days', created_at: '2026-05-10T19:00:00Z', updated_at: '2026-05-12T19:00:00Z' }) +
        record({ type: 'message', timestamp: '2026-05-10T19:00:00Z', message: { role: 'user', content: 'first' } }) +
        record({ type: 'message', timestamp: '2026-05-10T19:00:30Z', message: { role: 'assistant', content: 'ok' } }) +
        record({ type: 'message', timestamp: '2026-05-12T19:00:00Z', message: { role: 'user', content: 'second' } }),
    );
    const utc = runCli(['--home', home, '--project', root, 'replay', 'two-days'], { env });
    expect(utc.code, utc.stderr).toBe(0);
    const lines = utc.stdout.split('\n');
    expect(lines[0]).toBe('── 2026-05-10 · times in UTC ──');
    expect(lines.filter((l) => l.startsWith('── 2026-'))).toEqual(['── 2026-05-10 · times in UTC ──', '── 2026-05-12 ──']);
    expect(lines[lines.indexOf('── 2026-05-12 ──') + 1]).toBe('▌ user · 19:00:00');

    const tokyo = runCli(['--home', home, '--project', root, 'replay', 'two-days', '--tz', 'Asia/Tokyo'], { env });
    expect(tokyo.stdout.split('\n').filter((l) => l.startsWith('── 2026-'))).toEqual(['── 2026-05-11 · times in Asia/Tokyo ──', '── 2026-05-13 ──']);

    // The browser's Replay builds the same lines (they share replay-lines.ts).
    const ctx = buildContext({ home, project: root, tz: 'Asia/Tokyo' }, { ...process.env, ...env });
    const [summary] = (await ctx.catalog.summaries([projectIdOf(root)])).sessions;
    const t = await ctx.catalog.transcript(summary!);
    const built = buildReplayLines(t, { width: 100, expanded: new Set(), fromCheckpoint: false, tz: 'Asia/Tokyo' });
    expect(built.filter((l) => l.text.startsWith('── 2026-')).map((l) => [l.text, l.role])).toEqual([
      ['── 2026-05-11 · times in Asia/Tokyo ──', 'usage'],
      ['── 2026-05-13 ──', 'usage'],
    ]);
  });

  it('usage --by day names the zone of its days in the heading, also for all time', () => {
    const res = runCli(['--demo', 'usage', '--by', 'day', '--tz', 'Asia/Tokyo'], { env: { XDG_CACHE_HOME: join(tmp, 'cache') } });
    expect(res.stdout.split('\n')[0]).toContain('Usage by day (days in Asia/Tokyo)');
  });
});

describe('defect 12: cosmetic labels', () => {
  const env = () => ({ XDG_CACHE_HOME: join(tmp, 'cache') });
  it('sessions with no model are "(no model)" in the CLI usage and in the usage rows the cost view reads', () => {
    const res = runCli(['--demo', 'usage', '--all'], { env: env() });
    expect(res.stdout).toMatch(/^\(no model\) /m);
    expect(res.stdout).not.toMatch(/default\/\s|\(none\)/);
    const json = JSON.parse(runCli(['--demo', 'usage', '--all', '--json'], { env: env() }).stdout) as { rows: { key: string }[] };
    expect(json.rows.map((r) => r.key)).toContain('(no model)');
  });

  it('a usage TOTAL over no sessions costs "–", not "?"', () => {
    const res = runCli(['--demo', 'usage', '--since', '2020-01-01..2020-01-02'], { env: env() });
    const total = res.stdout.split('\n').find((l) => l.startsWith('TOTAL'))!;
    expect(total).not.toContain('?');
    expect(total.split(/\s+/)[9]).toBe('–'); // TOTAL 0 – 0 0 0 0 – COST
  });
});

describe('defect 7: a session file that is a symbolic link is refused with a note in every view, and show says why', () => {
  it('list, list --all, usage, doctor name it on stderr; show x explains', () => {
    const { home, root, dir, env } = storeHome();
    writeFileSync(
      join(dir, 'real.jsonl'),
      record({ type: 'meta', id: 'real', title: 'Real one', created_at: '2026-05-10T19:00:00Z', updated_at: '2026-05-10T19:00:00Z' }) +
        record({ type: 'message', timestamp: '2026-05-10T19:00:00Z', message: { role: 'user', content: 'hi' } }),
    );
    const outside = join(tmp, 'outside.jsonl');
    writeFileSync(outside, readFileSync(join(dir, 'real.jsonl'), 'utf8').replaceAll('real', 'linked'));
    const link = join(dir, 'linked.jsonl');
    symlinkSync(outside, link);
    const note = `skipped ${link}: session file is a symbolic link`;
    for (const args of [['list'], ['list', '--all'], ['usage'], ['usage', '--all'], ['doctor']]) {
      const res = runCli(['--home', home, '--project', root, ...args], { env });
      expect(res.stderr, args.join(' ')).toContain(note);
      expect(res.stdout, args.join(' ')).not.toMatch(/^linked /m);
    }
    const show = runCli(['--home', home, '--project', root, 'show', 'linked'], { env });
    expect(show.code).toBe(1);
    expect(show.stderr).toContain(`no session linked under ${home}`);
    expect(show.stderr).toContain(note);
  });
});

describe('a .jsonl file whose name is not a session id', () => {
  it('is named as skipped, with why, in list and doctor (it was dropped silently), and the real sessions still list', () => {
    const { home, root, dir, env } = storeHome();
    const body =
      record({ type: 'meta', id: 'real', title: 'Real one', created_at: '2026-05-10T19:00:00Z', updated_at: '2026-05-10T19:00:00Z' }) +
      record({ type: 'message', timestamp: '2026-05-10T19:00:00Z', message: { role: 'user', content: 'hi' } });
    writeFileSync(join(dir, 'real.jsonl'), body);
    const odd = ['with space.jsonl', '-dash.jsonl', '.hidden.jsonl', 'émoji.jsonl'];
    for (const name of odd) writeFileSync(join(dir, name), body);
    for (const args of [['list'], ['doctor']]) {
      const res = runCli(['--home', home, '--project', root, ...args], { env });
      for (const name of odd) expect(res.stderr, `${args[0]} ${name}`).toContain(`skipped ${join(dir, name)}: its name is not a session id`);
    }
    expect(runCli(['--home', home, '--project', root, 'list'], { env }).stdout).toMatch(/^real /m);
    expect(runCli(['--home', home, '--project', root, 'doctor'], { env }).stdout).toContain('4 paths skipped');
  });
});

describe('defect 8: a follow-up printed without a TTY runs verbatim without one', () => {
  it('delete of a freshly written session (no TTY) prints a command with --force and --yes that then works', () => {
    const { home, root, dir, env } = storeHome();
    const now = new Date().toISOString();
    writeFileSync(
      join(dir, 'f0f0f0f0-fresh.jsonl'),
      record({ type: 'meta', id: 'f0f0f0f0-fresh', title: 'Fresh', created_at: now, updated_at: now }) +
        record({ type: 'message', timestamp: now, message: { role: 'user', content: 'hi' } }),
    );
    const res = runCli(['--home', home, '--project', root, 'delete', 'f0f0'], { env });
    expect(res.code).toBe(1);
    const again = printedCommand(res.stderr, 'If it has stopped, run: ');
    expect(again).toContain('--force');
    expect(again).toContain('--yes');
    const second = runVerbatim(again, { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('Deleted');
    expect(existsSync(join(dir, 'f0f0f0f0-fresh.jsonl'))).toBe(false);
  });
});

describe('defect 9: tables fit narrow terminals, and --all tells a shared id apart', () => {
  function twoProjects(): { home: string; env: Record<string, string> } {
    const home = join(tmp, 'home');
    for (const name of ['api', 'billing-web']) {
      const dir = join(home, 'projects', projectIdOf(join(tmp, name)));
      mkdirSync(dir, { recursive: true });
      const t = '2026-05-10T19:00:00Z';
      writeFileSync(
        join(dir, 'shared-id.jsonl'),
        record({ type: 'meta', id: 'shared-id', title: `Work on the ${name} with a long descriptive title`, workspace: join(tmp, name), created_at: t, updated_at: t, model: 'claude-sonnet-4.6' }) +
          record({ type: 'message', timestamp: t, message: { role: 'user', content: 'hi' } }),
      );
    }
    return { home, env: { XDG_CACHE_HOME: join(tmp, 'cache') } };
  }

  it.each([40, 60, 80])('list --all at COLUMNS=%i fits, keeps ids whole and shows which project each row is in', (cols) => {
    const { home, env } = twoProjects();
    const res = runCli(['--home', home, 'list', '--all'], { env: { ...env, COLUMNS: String(cols) } });
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(cols);
    expect(lines[0]).toContain('PROJECT');
    const rows = lines.filter((l) => l.startsWith('shared-id '));
    expect(rows).toHaveLength(2);
    expect(rows[0]).not.toBe(rows[1]);
  });

  it('usage --by session --all has a PROJECT column, so the two rows differ', () => {
    const { home, env } = twoProjects();
    const res = runCli(['--home', home, 'usage', '--by', 'session', '--all'], { env });
    const lines = res.stdout.split('\n');
    expect(lines[1]).toMatch(/^SESSION\s+PROJECT\s/);
    const rows = lines.filter((l) => l.startsWith('shared-id '));
    expect(rows).toHaveLength(2);
    expect(rows[0]).not.toBe(rows[1]);
    const json = JSON.parse(runCli(['--home', home, 'usage', '--by', 'session', '--all', '--json'], { env }).stdout) as { rows: { key: string; projectId?: string }[] };
    expect(new Set(json.rows.map((r) => r.projectId)).size).toBe(2);
  });
});

describe('defect 10: the demo clock and zone do not leak', () => {
  const env = () => ({ XDG_CACHE_HOME: join(tmp, 'cache') });
  it('--demo restore measures deletion times against the real clock', () => {
    expect(runCli(['--demo', 'delete', 'run-backfill', '--yes'], { env: env() }).code).toBe(0);
    const res = runCli(['--demo', 'restore'], { env: env() });
    const row = res.stdout.split('\n').find((l) => l.startsWith('run-backfill'))!;
    expect(row).toBeDefined();
    expect(row).toContain(`(${relativeTime(new Date().toISOString(), Date.now())})`);
    expect(row).not.toMatch(/\(in /);
  });

  it('resume --max-age names the time in the user zone', () => {
    const res = runCli(['--demo', 'resume', '--last', '--max-age', '1m', '--tz', 'Asia/Tokyo'], { env: env() });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('updated 2026-11-21 20:58 Asia/Tokyo');
    expect(res.stderr).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('--demo with --project warns once that the demo picks its own project', () => {
    const res = runCli(['--demo', 'list', '--project', '/tmp'], { env: env() });
    expect(res.code).toBe(0);
    expect(res.stderr.match(/--project ignored: --demo picks its own project/g)).toHaveLength(1);
  });

  it('--demo with --home or an agent folder warns once per flag, as --project does, and still lists the demo (they were dropped silently)', () => {
    const res = runCli(['--demo', 'list', '--home', '/nonexistent', '--claude-dir', '/nonexistent/c', '--codex-dir', '/nonexistent/x', '--gemini-dir', '/nonexistent/g'], { env: env() });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('fix-login-test');
    const copy = join(tmp, 'cache', 'session-browser', 'demo', 'home');
    for (const flag of ['--home', '--claude-dir', '--codex-dir', '--gemini-dir']) {
      expect(res.stderr.split('\n').filter((l) => l.startsWith(`session-browser: ${flag} ignored:`)), flag).toEqual([
        `session-browser: ${flag} ignored: --demo reads only the example sessions, from its private copy (${copy})`,
      ]);
    }
    // Options the demo honours are not warned about.
    const tz = runCli(['--demo', 'list', '--tz', 'Asia/Tokyo', '--source', 'native', '--all'], { env: env() });
    expect(tz.stderr).not.toContain('ignored');
  });

  it("a demo resume whose workspace is fictional says it runs in the demo's private copy", () => {
    const res = runCli(['--demo', 'resume', 'fix-login-test', '--dry-run', '--resume-cmd', 'agent {id}'], { env: env() });
    expect(res.stderr).toContain("resuming in the demo's private copy");
    expect(res.stderr).not.toContain('the project root');
  });
});

describe('defect 12: workspace and error wording', () => {
  function sessionWithWorkspace(workspace: string): { home: string; root: string; env: Record<string, string> } {
    const { home, root, dir, env } = storeHome();
    const t = '2026-05-10T19:00:00Z';
    writeFileSync(
      join(dir, 'ws.jsonl'),
      record({ type: 'meta', id: 'ws', title: 'Workspace', workspace, created_at: t, updated_at: t }) +
        record({ type: 'message', timestamp: t, message: { role: 'user', content: 'hi' } }),
    );
    return { home, root, env };
  }

  it('a blank workspace is none: it resumes in the project root without a warning', () => {
    const { home, root, env } = sessionWithWorkspace('   ');
    const res = runCli(['--home', home, '--project', root, 'resume', 'ws', '--dry-run', '--resume-cmd', 'agent {workspace}'], { env, cwd: tmpdir() });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(['agent', root]);
    expect(res.stderr).not.toContain('workspace');
  });

  it('a workspace that is a file "is not a folder"', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, '');
    const { home, root, env } = sessionWithWorkspace(file);
    const res = runCli(['--home', home, '--project', root, 'resume', 'ws', '--dry-run', '--resume-cmd', 'agent'], { env, cwd: tmpdir() });
    expect(res.stderr).toContain(`the workspace ${file} is not a folder; resuming in the project root`);
  });

  it('export -o into a missing folder, and a resume command that does not exist, say so in words', () => {
    const env = { XDG_CACHE_HOME: join(tmp, 'cache') };
    const out = join(tmp, 'nonexist', 'dir', 'x.md');
    const exp = runCli(['--demo', 'export', 'fix-login-test', '-o', out], { env });
    expect(exp.code).toBe(1);
    expect(exp.stderr.trim()).toBe(`session-browser: cannot write ${out}: no such folder`);
    const res = runCli(['--demo', 'resume', 'fix-login-test', '--force', '--resume-cmd', 'no-such-agent-xyz --resume {id}'], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('cannot run no-such-agent-xyz: command not found (resume command: no-such-agent-xyz --resume fix-login-test)');
    expect(res.stderr).not.toContain('ENOENT');
  });
});
