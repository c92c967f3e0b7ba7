/**
 * Issue 6 item 8: a project folder inside `<home>/projects/` that is a
 * symbolic link is refused by every view (one project, all projects, find
 * by id, usage, doctor) with a one-line note, never followed by one view and
 * dropped by another.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { listProjectIds, listProjectSessions, listSessionFiles, scanSessionFiles } from '../src/store/sources/native/discover.js';
import { SYMLINKED_PROJECT } from '../src/store/sources/common/refused.js';
import { projectIdOf } from '../src/store/project.js';
import { runCli } from './helpers/cli.js';
import { useTempProject } from './helpers/temp-project.js';

const NOW = '2026-11-21T12:00:00Z';
const REAL = 'aaaaaaaaaaaaaaaa';

function writeSession(dir: string, id: string, title: string): void {
  mkdirSync(dir, { recursive: true });
  const lines = [
    { type: 'meta', id, created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T09:40:00Z', title, model: 'claude-sonnet-4.6' },
    { type: 'message', timestamp: '2026-11-20T09:00:05Z', message: { role: 'user', content: title } },
    { type: 'usage', entry: { timestamp: '2026-11-20T09:00:09Z', model: 'claude-sonnet-4.6', usage: { input_tokens: 100, output_tokens: 10 } } },
  ];
  writeFileSync(join(dir, `${id}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

let home: string;
let root: string;
let tmp: string;
useTempProject('sb-symlink-', (d) => ({ home, root, tmp } = d));

/**
 * A home with one real project folder and the folder of `root`'s project
 * being a symlink to a folder outside the home that holds a session.
 */
function homeWithSymlinkedProject(): { linked: string; linkPath: string } {
  writeSession(join(home, 'projects', REAL), 'inside', 'A session inside the home');
  const outside = join(tmp, 'outside');
  writeSession(outside, 'outside-secret', 'A session outside the home');
  const linked = projectIdOf(root);
  const linkPath = join(home, 'projects', linked);
  symlinkSync(outside, linkPath, 'dir');
  return { linked, linkPath };
}

describe('discovery refuses symlinked project folders', () => {
  it('leaves them out of the project ids and of one project\'s files, and reports them', async () => {
    const { linked, linkPath } = homeWithSymlinkedProject();
    expect(await listProjectIds(home)).toEqual([REAL]);
    expect(await listProjectSessions(home, linked)).toEqual([]);
    expect((await listSessionFiles(home, null)).map((f) => f.id)).toEqual(['inside']);
    for (const scope of [null, [linked]]) {
      const scan = await scanSessionFiles(home, scope);
      expect(scan.files.map((f) => f.id)).not.toContain('outside-secret');
      expect(scan.skipped).toEqual([{ path: linkPath, error: SYMLINKED_PROJECT }]);
    }
  });

  it('the catalog lists it as unreadable in both scopes and never resolves an id inside it', async () => {
    const { linked, linkPath } = homeWithSymlinkedProject();
    const catalog = new SessionCatalog({ home, now: () => Date.parse(NOW) });
    for (const scope of [null, [linked]]) {
      const { sessions, unreadable } = await catalog.summaries(scope);
      expect(sessions.map((s) => s.id)).not.toContain('outside-secret');
      expect(unreadable).toEqual([{ path: linkPath, error: SYMLINKED_PROJECT }]);
    }
    expect((await catalog.resolve('outside-secret')).kind).toBe('none');
    expect((await catalog.resolve('outside-secret', { projectId: linked })).kind).toBe('none');
  });
});

describe('every view agrees on a symlinked project folder', () => {
  const cli = (args: string[]) => runCli([...args, '--home', home], { cwd: root, env: { SESSION_BROWSER_NOW: NOW } });
  const note = (path: string) => `session-browser: skipped ${path}: project folder is a symbolic link`;

  it('list (project and --all), usage and show skip it with a one-line note', { timeout: 90_000 }, () => {
    const { linkPath } = homeWithSymlinkedProject();
    const project = cli(['list']);
    expect(project.code).toBe(0);
    expect(project.stdout).not.toContain('outside-secret');
    expect(project.stderr.trim()).toBe(note(linkPath));

    const all = cli(['list', '--all']);
    expect(all.stdout).toContain('inside');
    expect(all.stdout).not.toContain('outside-secret');
    expect(all.stderr.trim()).toBe(note(linkPath));

    const usage = JSON.parse(cli(['usage', '--all', '--json']).stdout);
    expect(usage.totals.sessions).toBe(1);
    expect(usage.totals.inputTokens).toBe(100);

    expect(cli(['show', 'outside-secret']).code).toBe(1);
  });

  it('doctor --all skips it with the same note and counts it as a problem', { timeout: 90_000 }, () => {
    const { linkPath } = homeWithSymlinkedProject();
    const doctor = cli(['doctor', '--all']);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toContain(note(linkPath));
    expect(doctor.stdout).toMatch(/1 session file checked/);
    const json = JSON.parse(cli(['doctor', '--all', '--json']).stdout);
    expect(json.skipped).toEqual([{ path: linkPath, error: SYMLINKED_PROJECT }]);
  });
});
