/**
 * Issue 6, the gaps its first implementation left: the browser's empty
 * states name the home and project (and never suggest --demo in the demo),
 * skipped (symlinked) project folders are noted in the browser, exports
 * stream, the library's delete refuses an active session, one shell-quoting
 * rule, the terminal width wins over $COLUMNS, a stable order for the same id
 * in two projects, counts that agree in number, and the library exports.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import React from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app/App.js';
import { buildContext } from '../src/app/context.js';
import { outputColumns } from '../src/app/io.js';
import { storeSource } from '../src/app/store-source.js';
import { tableWidth } from '../src/app/commands/session-table.js';
import { costViewLines } from '../src/components/CostView.js';
import { buildCostModel } from '../src/components/cost-model.js';
import { resumeRows } from '../src/components/ResumePreview.js';
import { countNoun } from '../src/format/numbers.js';
import { transcriptToMarkdown } from '../src/format/markdown.js';
import { shellCommand } from '../src/format/shell-quote.js';
import { ActiveSessionError } from '../src/store/actions/activity.js';
import { byRecency } from '../src/store/catalog/catalog.js';
import { projectIdOf } from '../src/store/project.js';
import type { ResumePlan } from '../src/store/types.js';
import { SessionStore } from '../src/store/writer/index.js';
import * as library from '../src/index.js';
import { ROOT, runCli } from './helpers/cli.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, frameLines, renderSized } from './helpers/render.js';
import { spawnPty } from './helpers/pty.js';
import { displayWidth } from '../src/format/width.js';

afterEach(cleanup);

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sb-gaps-'));
  // buildContext reads the user's config from process.env: never the real one.
  vi.stubEnv('XDG_CONFIG_HOME', join(tmp, 'no-config'));
  return () => {
    vi.unstubAllEnvs();
    rmSync(tmp, { recursive: true, force: true });
  };
});

/** A `store` session with a title, `prompt` and an answer, last updated `at`. */
function storeLines(id: string, title: string, at = '2026-11-20T09:40:00Z'): string {
  const lines = [
    { type: 'meta', id, created_at: '2026-11-20T09:00:00Z', updated_at: at, title, model: 'claude-sonnet-4.6' },
    { type: 'message', timestamp: '2026-11-20T09:00:05Z', message: { role: 'user', content: title } },
    { type: 'message', timestamp: at, message: { role: 'assistant', content: `Done: ${title}` } },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

function writeSession(dir: string, id: string, title: string, at?: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, storeLines(id, title, at));
  return path;
}

const ENV = { SESSION_BROWSER_NOW: '2026-11-21T12:00:00Z', SESSION_BROWSER_CACHE: '0' };

describe('gap 1: the browser\'s "no sessions" names where it looked, and never suggests --demo in the demo', () => {
  it('names the home and the project, and what to try next', async () => {
    const source = fakeSource({ sessions: [], home: '/srv/agent-home', project: { id: 'p1', root: '/work/shop' } });
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 100, rows: 20 });
    const frame = await ui.waitFor('No sessions for project /work/shop under /srv/agent-home yet.');
    expect(frame).toContain('a shows all projects; --demo shows an example.');
    const all = await ui.press('a', 'No sessions in any project under /srv/agent-home yet.');
    expect(all).toContain('--demo shows an example.');
  });

  it('in the demo, says no word of --demo', async () => {
    const source = fakeSource({ sessions: [], home: '/tmp/demo-copy', demo: true });
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 100, rows: 20 });
    const frame = await ui.waitFor('under /tmp/demo-copy yet.');
    expect(frame).not.toContain('--demo');
    expect(await ui.press('a', 'No sessions in any project under /tmp/demo-copy yet.')).not.toContain('--demo');
  });

  it('shows a hostile home path as visible markers', async () => {
    const source = fakeSource({ sessions: [], home: '/h/\u001b[2Jevil' });
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 120, rows: 20 });
    const frame = await ui.waitFor('under /h/␛[2Jevil yet.');
    expect(frame).not.toContain('\u001b[2J');
  });

  it('the real source hands the home and the demo flag to the browser', () => {
    const home = join(tmp, 'home');
    mkdirSync(home);
    const source = storeSource(buildContext({ home, project: ROOT }, { ...process.env, ...ENV }));
    expect(source.home).toBe(home);
    expect(source.demo).toBe(false);
  });
});

describe('gap 2: a symlinked project folder is noted in the browser, in one line', () => {
  it('the fake source\'s skipped folder shows as a dim one-line note, within the frame', async () => {
    const source = fakeSource({
      sessions: [appSummary({ id: 's1', title: 'Real work' })],
      skipped: [{ path: '/h/projects/abcdef0123456789', projectFolder: true, reason: 'project folder is a symbolic link' }],
    });
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 100, rows: 12 });
    const frame = await ui.waitFor('Real work');
    expect(frame).toContain('1 project folder skipped: /h/projects/abcdef0123456789 is a symbolic link');
    expect(frameLines(frame).length).toBeLessThanOrEqual(11);
  });

  it('the real browser, all projects (a) and the project view: the note names the link, never a stack', async () => {
    const root = join(tmp, 'app');
    mkdirSync(join(root, '.git'), { recursive: true });
    const home = join(tmp, 'home');
    writeSession(join(home, 'projects', 'aaaaaaaaaaaaaaaa'), 'inside', 'A session inside the home');
    writeSession(join(tmp, 'outside'), 'outside-secret', 'A session outside the home');
    const linkPath = join(home, 'projects', projectIdOf(root));
    symlinkSync(join(tmp, 'outside'), linkPath, 'dir');

    const source = storeSource(buildContext({ home, project: root }, { ...process.env, ...ENV }));
    const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns: 200, rows: 20 });
    const project = await ui.waitFor('project folder skipped');
    expect(project).toContain(`1 project folder skipped: ${linkPath} is a symbolic link`);
    const all = await ui.press('a', 'A session inside the home');
    expect(all).toContain(`1 project folder skipped: ${linkPath} is a symbolic link`);
    expect(all).not.toContain('outside the home');
    expect(all).not.toMatch(/\n\s+at /);
  });
});

/** A Writable that records the size of every chunk it is handed. */
function chunkRecorder(): { stream: Writable; chunks: number[]; text(): string } {
  const parts: string[] = [];
  const chunks: number[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.length);
      parts.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, chunks, text: () => parts.join('') };
}

describe('gap 3: exports stream (no output built as one string)', () => {
  it('SessionStore.exportMarkdown writes a big session in chunks, each far smaller than the whole', async () => {
    const root = join(tmp, 'app');
    mkdirSync(join(root, '.git'), { recursive: true });
    const store = new SessionStore({ home: join(tmp, 'home'), projectRoot: root, sessionId: 'big-one', now: () => NOW });
    store.appendMeta({ title: 'A big session' });
    const tool = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 40; i++) {
      store.appendMessage({ role: 'user', content: `question ${i}` }, '2026-03-10T09:00:00Z');
      store.appendMessage({ role: 'assistant', content: `answer ${i} ${tool}` }, '2026-03-10T09:00:01Z');
    }
    const out = chunkRecorder();
    await store.exportMarkdown(out.stream);
    const total = out.chunks.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(40 * 64 * 1024);
    expect(out.chunks.length).toBeGreaterThan(10);
    expect(Math.max(...out.chunks)).toBeLessThan(total / 10);
    // Same text as the one-string form.
    expect(out.text()).toBe(transcriptToMarkdown(await store.transcript()));
    // To a path: a private file.
    const file = join(tmp, 'big.md');
    await store.exportMarkdown(file);
    expect(readFileSync(file, 'utf8')).toBe(out.text());
  });

  it('the browser\'s e export never loads the whole transcript, and writes the same Markdown', async () => {
    const root = join(tmp, 'app');
    mkdirSync(join(root, '.git'), { recursive: true });
    const home = join(tmp, 'home');
    writeSession(join(home, 'projects', projectIdOf(root)), 'exported', 'Export me please');
    const ctx = buildContext({ home, project: root }, { ...process.env, ...ENV });
    const source = storeSource(ctx);
    const [s] = await source.loadSessions('project');
    const whole = transcriptToMarkdown(await ctx.catalog.transcript(s!), { tz: ctx.tz });
    ctx.catalog.transcript = () => Promise.reject(new Error('the export loaded the whole transcript'));
    const path = await source.exportMarkdown(s!);
    expect(readFileSync(path, 'utf8')).toBe(whole);
  });
});

describe('gap 4: SessionStore.delete refuses an active session unless forced', () => {
  function session(id: string, at: string) {
    const root = join(tmp, 'app');
    mkdirSync(join(root, '.git'), { recursive: true });
    const home = join(tmp, 'home');
    const store = new SessionStore({ home, projectRoot: root, sessionId: id });
    store.appendMessage({ role: 'user', content: `prompt of ${id}` }, at);
    return { home, store };
  }

  it('a session written seconds ago stays put (ActiveSessionError says why); force moves it', async () => {
    const { home, store } = session('live', new Date(Date.now() - 40 * 86_400_000).toISOString());
    const err = await SessionStore.delete(home, store.projectId, 'live').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActiveSessionError);
    expect((err as ActiveSessionError).reason).toMatch(/changed less than a minute ago/);
    expect(existsSync(store.path)).toBe(true);
    expect(await SessionStore.delete(home, store.projectId, 'live', { force: true })).toBe(true);
    expect(existsSync(store.path)).toBe(false);
  });

  it('judges by the newer of the last record and the mtime: an old file with a record of 2 min ago is active', async () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    const { home, store } = session('recent-record', new Date(now - 120_000).toISOString());
    utimesSync(store.path, (now - 86_400_000) / 1000, (now - 86_400_000) / 1000);
    await expect(SessionStore.delete(home, store.projectId, 'recent-record', { now })).rejects.toThrow(/is active: it changed 2 min ago/);
    // An hour later it is idle.
    expect(await SessionStore.delete(home, store.projectId, 'recent-record', { now: now + 3_600_000 })).toBe(true);
  });

  it('cleanupOlderThan leaves a session with old records but a file appended to seconds ago', async () => {
    const { home, store } = session('appended', new Date(Date.now() - 40 * 86_400_000).toISOString());
    const report = await SessionStore.cleanupOlderThan(home, store.projectId, 30 * 86_400_000);
    expect(report.moved).toEqual([]);
    expect(report.skipped.map((m) => m.id)).toEqual([store.sessionId]);
    expect(existsSync(store.path)).toBe(true);
  });
});

describe('gap 5: the Resume tab quotes commands by the one shared rule', () => {
  it('shows exactly what shellCommand prints (the rule the CLI\'s printed commands use)', () => {
    const argv = ['agent', '--resume', "it's", '$HOME', '~/x', 'a b', '', 'plain-1.0'];
    const plan: ResumePlan = {
      sessionId: 's', checkpoint: null, messagesAfter: 1, contextMessages: 1, estimatedContextTokens: 10,
      argv, cwd: '/w', workspace: '/w', workspaceProblem: null, cwdLabel: null, commandSource: null, cacheWarmUntil: null,
    };
    const row = resumeRows(plan, NOW).find((r) => r.label === 'Enter runs');
    expect(row?.text).toBe(shellCommand(argv));
    const src = readFileSync(join(ROOT, 'src', 'components', 'ResumePreview.tsx'), 'utf8');
    expect(src).toContain("from '../format/shell-quote.js'");
    expect(src).not.toMatch(/SAFE_WORD|'\\\\''/);
  });
});

describe('gap 6: table width is the terminal\'s, else $COLUMNS, else 80', () => {
  it('orders the sources as the issue says', () => {
    expect(outputColumns({ isTTY: true, columns: 60 }, { COLUMNS: '200' })).toBe(60);
    expect(outputColumns({ isTTY: false, columns: undefined }, { COLUMNS: '120' })).toBe(120);
    expect(outputColumns({ isTTY: true, columns: 0 }, { COLUMNS: '90' })).toBe(90);
    expect(tableWidth({ columns: outputColumns({ isTTY: false }, {}) })).toBe(80);
    expect(tableWidth({ columns: outputColumns({ isTTY: false }, { COLUMNS: 'wide' }) })).toBe(80);
  });

  it('`list` in a 70-column terminal fits 70 columns even when $COLUMNS says 200', { timeout: 60_000 }, async () => {
    const root = join(tmp, 'app');
    mkdirSync(join(root, '.git'), { recursive: true });
    const home = join(tmp, 'home');
    const long = 'A very long session title that would need far more than seventy columns to show whole';
    writeSession(join(home, 'projects', projectIdOf(root)), 'f0f0f0f0-6666-4777-8888-e99999999999', long);
    const term = spawnPty(['list', '--home', home, '--project', root], { cols: 70, rows: 20, env: { COLUMNS: '200', ...ENV } });
    expect(await term.exited).toBe(0);
    const lines = term.text().split(/\r?\n/).filter((l) => l.trim() !== '');
    expect(lines.some((l) => l.startsWith('f0f0f0f0-6666-4777-8888-e99999999999'))).toBe(true);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(70);
  });
});

describe('gap 7: the same id in two projects sorts the same way every run', () => {
  it('ties on time and id are broken by project', () => {
    const a = appSummary({ id: 'same', projectId: 'aaaaaaaaaaaaaaaa', updatedAt: '2026-03-10T10:00:00Z' });
    const b = appSummary({ id: 'same', projectId: 'bbbbbbbbbbbbbbbb', updatedAt: '2026-03-10T10:00:00Z' });
    expect([b, a].sort(byRecency).map((s) => s.projectId)).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    expect([a, b].sort(byRecency).map((s) => s.projectId)).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
  });
});

describe('gap 8: counts agree in number', () => {
  it('countNoun', () => {
    expect(countNoun(0, 'session')).toBe('0 sessions');
    expect(countNoun(1, 'session')).toBe('1 session');
    expect(countNoun(1234, 'match', 'matches')).toBe('1,234 matches');
  });

  it('the cost view says "1 session" and "1 session with unknown cost"', () => {
    const one = appSummary({ id: 'only', model: 'no-such-model', costUsd: null, costMicros: null, updatedAt: new Date(NOW - 3_600_000).toISOString() });
    const lines = costViewLines(buildCostModel([one], '7d', NOW, 'UTC'), { window: '7d', width: 120, height: 30, timeZone: 'UTC', scopeLabel: 'all projects' })
      .map((l) => l.text)
      .join('\n');
    expect(lines).toMatch(/\b1 session\b(?!s)/);
    expect(lines).not.toMatch(/\b1 sessions\b/);
    expect(lines).toContain('1 session with unknown cost');
  });

  it('the CLI: doctor and the cleanup dry run say "1 session"', { timeout: 60_000 }, () => {
    const root = join(tmp, 'app');
    mkdirSync(join(root, '.git'), { recursive: true });
    const home = join(tmp, 'home');
    writeSession(join(home, 'projects', projectIdOf(root)), 'lonely', 'Only one', '2026-09-01T09:40:00Z');
    const env = { ...ENV, XDG_CACHE_HOME: join(tmp, 'cache') };
    const doctor = runCli(['doctor', '--home', home, '--project', root], { env });
    expect(doctor.stdout).toContain('1 session file checked');
    const dry = runCli(['cleanup', '--older-than', '30d', '--home', home, '--project', root], { env });
    expect(dry.stdout).toContain('Dry run: 1 session older than 30d');
    expect(`${doctor.stdout}${dry.stdout}`).not.toMatch(/\(s\)/);
  });
});

describe('gap 9: the library exports the new public pieces', () => {
  it('streaming export, the trash and the activity check are importable from the entry', () => {
    for (const name of ['writeMarkdownExport', 'writeJsonExport', 'fileSink', 'writableSink', 'trashSession', 'listTrash', 'restoreFromTrash', 'sessionActivity', 'ActiveSessionError'] as const) {
      expect(typeof (library as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
