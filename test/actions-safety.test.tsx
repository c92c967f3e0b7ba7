/**
 * Issue 6 item 4: actions are safe and undoable, verbatim. `cleanup` and
 * `delete` never move an active session (running, or its last record or
 * file changed in the last 10 minutes); every follow-up command we print
 * runs as pasted; `restore` alone lists the trash; the browser asks before
 * touching an active session.
 */
import React from 'react';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserExit, BrowserSource } from '../src/app/source.js';
import { sessionActivity, ACTIVE_WINDOW_MS } from '../src/store/actions/activity.js';
import { projectIdOf } from '../src/store/project.js';
import { shellQuote } from '../src/format/shell-quote.js';
import { useTempProject } from './helpers/temp-project.js';
import { runCli } from './helpers/cli.js';
import { appSummary, fakeSource } from './helpers/fake-source.js';
import { cleanup as unmountAll, KEYS, renderSized } from './helpers/render.js';
import { printedCommand, runVerbatim } from './helpers/verbatim.js';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

let tmp: string;
let home: string;
let root: string;
let dir: string;
let cache: string;

/** A `turns` session whose records are `recordsAgoMs` old; its file's mtime is `mtimeAgoMs` old (default: just written). */
function session(id: string, recordsAgoMs: number, mtimeAgoMs?: number): string {
  const t = Date.now() - recordsAgoMs;
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(
    path,
    `${JSON.stringify({ type: 'user', content: `Task ${id}`, timestamp: iso(t - 60_000) })}\n${JSON.stringify({ type: 'assistant', content: 'Done.', timestamp: iso(t) })}\n`,
  );
  if (mtimeAgoMs !== undefined) utimesSync(path, (Date.now() - mtimeAgoMs) / 1000, (Date.now() - mtimeAgoMs) / 1000);
  return path;
}

/** Real clock (no SESSION_BROWSER_NOW): "seconds ago" must mean seconds ago. Cache in our own folder. */
const env = () => ({ XDG_CACHE_HOME: cache });
const cli = (args: string[]) => runCli(args, { env: env(), cwd: tmpdir() });

// Spaces and a quote in every path: the printed commands must quote them.
useTempProject("sb act 'q' ", (d) => {
  ({ tmp, home, root } = d);
  dir = join(home, 'projects', projectIdOf(root));
  mkdirSync(dir, { recursive: true });
  cache = join(tmp, 'cache');
});

describe('the activity rule (store/actions/activity.ts)', () => {
  it('counts the newer of the last record and the file mtime, and the running status', () => {
    const now = Date.now();
    const appended = session('appended', 40 * DAY);
    expect(sessionActivity({ status: 'unknown', updatedAt: iso(now - 40 * DAY), path: appended }, now)).toMatchObject({ active: true, running: false });
    const old = session('old', 40 * DAY, 40 * DAY);
    expect(sessionActivity({ status: 'unknown', updatedAt: iso(now - 40 * DAY), path: old }, now)).toMatchObject({ active: false, reason: null });
    expect(sessionActivity({ status: 'unknown', updatedAt: iso(now - ACTIVE_WINDOW_MS + 5_000), path: old }, now).active).toBe(true);
    expect(sessionActivity({ status: 'running', updatedAt: iso(now - 40 * DAY), path: old }, now)).toMatchObject({ active: true, running: true, reason: 'it is running' });
  });
});

describe('cleanup', () => {
  it('never moves a session appended to seconds ago, even with 40-day-old records; the dry run says why and its command runs verbatim', () => {
    const appended = session('appended-now', 40 * DAY);
    const old = session('really-old', 40 * DAY, 40 * DAY);
    const dry = cli(['cleanup', '--older-than', '30d', '--home', home, '--project', root]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('really-old');
    expect(dry.stdout).toMatch(/Skipped appended-now: it changed less than a minute ago/);
    expect(dry.stdout).toMatch(/1 active one would be skipped/);
    const todo = printedCommand(dry.stdout, 'To do it, run: ');
    expect(todo).toContain(shellQuote(home));

    const real = runVerbatim(todo, { env: env() });
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Skipped appended-now/);
    expect(existsSync(appended)).toBe(true);
    expect(existsSync(old)).toBe(false);
    // What it printed to look at the trash runs too, and lists what moved.
    const listed = runVerbatim(printedCommand(real.stdout, 'See them with: '), { env: env() });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('really-old');
  });
});

describe('delete', () => {
  it('refuses an active session without --force; the printed commands (--force, --yes, undo) each run verbatim', () => {
    const path = session('busy', 60_000);
    const refused = cli(['delete', 'busy', '--home', home, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not deleting busy: it changed less than a minute ago/);
    expect(existsSync(path)).toBe(true);

    const noYes = runVerbatim(printedCommand(refused.stderr, 'If it has stopped, run: ').replace(/ --yes$/, ''), { env: env() });
    expect(noYes.code).toBe(2); // no terminal to ask on
    const withYes = printedCommand(noYes.stderr, 'to do it, run: ');
    expect(withYes).toMatch(/--force --yes$/);
    const done = runVerbatim(withYes, { env: env() });
    expect(done.code).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(done.stderr).toContain(join(home, '.trash'));

    const undo = runVerbatim(printedCommand(done.stderr, 'Undo with: '), { env: env() });
    expect(undo.code).toBe(0);
    expect(existsSync(path)).toBe(true);
  });

  it('the undo command names the project when the same id was deleted in two projects', () => {
    const other = join(tmp, 'other');
    mkdirSync(join(other, '.git'), { recursive: true });
    const otherDir = join(home, 'projects', projectIdOf(other));
    mkdirSync(otherDir, { recursive: true });
    writeFileSync(join(otherDir, 'project.json'), JSON.stringify({ root: other }));
    session('twin', 40 * DAY, 40 * DAY);
    const twin = join(otherDir, 'twin.jsonl');
    writeFileSync(twin, `${JSON.stringify({ type: 'user', content: 'Other twin', timestamp: iso(Date.now() - 40 * DAY) })}\n`);
    utimesSync(twin, (Date.now() - 40 * DAY) / 1000, (Date.now() - 40 * DAY) / 1000);
    expect(cli(['delete', 'twin', '--home', home, '--project', root, '--yes']).code).toBe(0);
    const second = cli(['delete', 'twin', '--home', home, '--project', other, '--yes']);
    expect(second.code).toBe(0);
    const undo = printedCommand(second.stderr, 'Undo with: ');
    expect(undo).toContain(`--project ${shellQuote(other)}`);
    expect(runVerbatim(undo, { env: env() }).code).toBe(0);
    expect(existsSync(twin)).toBe(true);
    expect(existsSync(join(dir, 'twin.jsonl'))).toBe(false);
  });
});

describe('restore with no id', () => {
  it('lists the trash: id, project, when deleted, size', () => {
    expect(cli(['restore', '--home', home]).stdout).toMatch(/trash is empty/);
    const path = session('gone-soon', 40 * DAY, 40 * DAY);
    const size = statSync(path).size;
    writeFileSync(join(dir, 'project.json'), JSON.stringify({ root }));
    expect(cli(['delete', 'gone-soon', '--home', home, '--yes']).code).toBe(0);
    const res = cli(['restore', '--home', home]);
    expect(res.code).toBe(0);
    const [header, , row] = res.stdout.split('\n');
    expect(header).toMatch(/ID\s+PROJECT\s+DELETED\s+SIZE/);
    expect(row).toContain('gone-soon');
    expect(row).toContain(root);
    expect(row).toMatch(/just now/);
    expect(row).toMatch(new RegExp(`${size} B$`));
  });
});

describe('the browser asks before touching an active session', () => {
  afterEach(unmountAll);
  const busy = appSummary({ id: 'busy-run', title: 'Busy run', status: 'running' });

  function start() {
    const base = fakeSource({ sessions: [busy] });
    const forced: boolean[] = [];
    const source: BrowserSource = {
      ...base,
      activity: (s) => (s.status === 'running' ? { reason: 'it is running', running: true } : null),
      deleteSession: async (_s, opts) => {
        forced.push(opts?.force === true);
      },
    };
    const exits: BrowserExit[] = [];
    const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns: 140 });
    return { ui, exits, forced };
  }

  it('d: the dialog says it is running; y forces the delete', async () => {
    const { ui, forced } = start();
    await ui.waitFor('Busy run');
    const frame = await ui.press('d', 'Delete “Busy run” (busy-run)?');
    expect(frame).toContain('It is still active');
    expect(frame).toContain('It is running: moving it now may split it in two');
    await ui.press('y', 'Deleted Busy run');
    expect(forced).toEqual([true]);
  });

  it("d on another agent's session says at once that it is not ours to delete, and deletes nothing", async () => {
    const claude = appSummary({ id: 'claude-one', title: 'Claude session', source: 'claude' });
    const deleted: string[] = [];
    const source: BrowserSource = { ...fakeSource({ sessions: [claude] }), deleteSession: async (s) => void deleted.push(s.id) };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 140 });
    await ui.waitFor('Claude session');
    const frame = await ui.press('d', 'Not deleted: a Claude Code session');
    expect(frame).toContain('session-browser deletes only its own');
    expect(frame).not.toContain('Delete “Claude session”');
    await ui.press('y', (f) => f.includes('Claude session'));
    expect(deleted).toEqual([]);
  });

  it('Enter on a running session asks first; n keeps the browser open, y resumes', async () => {
    const { ui, exits } = start();
    await ui.waitFor('Busy run');
    const frame = await ui.press(KEYS.enter, 'Resume “Busy run” (busy-run)? It is still active.');
    expect(frame).toContain('y/enter resume anyway  n/esc cancel');
    await ui.press('n', (f) => !f.includes('Resume “'));
    expect(exits).toEqual([]);
    await ui.press(KEYS.enter, 'Resume “Busy run”');
    ui.write('y');
    await ui.waitFor(() => exits.length > 0);
    expect(exits).toEqual([{ kind: 'resume', session: busy }]);
  });
});
