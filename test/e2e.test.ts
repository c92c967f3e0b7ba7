/**
 * End to end, in a real pty, on the demo fixtures: what a person sees and
 * does. A stub resume command records its argv and cwd.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MAIN_ROOT, DEMO_NOW, DEMO_PROJECT_IDS } from '../fixtures/demo-constants.js';
import { projectIdOf } from '../src/store/project.js';
import { DEMO } from './helpers/cli.js';
import { KEYS, spawnPty } from './helpers/pty.js';

let base: string;
let home: string;
let project: string;
let workspace: string;
let stub: string;
let record: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-')));
  home = join(base, 'home');
  project = join(base, 'webapp');
  workspace = join(base, 'workspace');
  mkdirSync(join(project, '.git'), { recursive: true });
  mkdirSync(workspace);
  cpSync(DEMO, home, { recursive: true });
  // The demo's main project, re-homed under a real folder we can --project into.
  const from = join(home, 'projects', DEMO_PROJECT_IDS[DEMO_MAIN_ROOT]);
  const to = join(home, 'projects', projectIdOf(project));
  cpSync(from, to, { recursive: true });
  rmSync(from, { recursive: true });
  writeFileSync(join(to, 'project.json'), JSON.stringify({ root: project }));
  // The session the search finds records a workspace that exists here.
  const file = join(to, 'migrate-db-schema.jsonl');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll(DEMO_MAIN_ROOT, workspace));
  record = join(base, 'resume.json');
  stub = join(base, 'stub.mjs');
  writeFileSync(stub, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));\nprocess.exit(7);\n`);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const start = (extra: string[] = [], size = { cols: 100, rows: 30 }) =>
  spawnPty(['--home', home, '--project', project, ...extra], { ...size, env: { SESSION_BROWSER_NOW: DEMO_NOW } });

describe('the browser in a real terminal', () => {
  it('finds a session by a word said only inside a message and resumes it with the right argv and cwd', async () => {
    const app = start(['--resume-cmd', `${process.execPath} ${stub} --resume {id} --path {path}`]);
    try {
      await app.waitFor('Refactor the router into feature modules');
      app.mark();
      app.write('/');
      for (const ch of 'zanzibar') app.write(ch);
      // The word is found once the session's text is indexed (in the background, after the list is up).
      await app.waitFor(/1 match for “zanzibar”[\s\S]*Migrate the users table/);
      app.write(KEYS.enter);
      expect(await app.exited).toBe(7);
      const seen = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string };
      expect(seen.argv.slice(0, 2)).toEqual(['--resume', 'migrate-db-schema']);
      expect(seen.argv[3]).toMatch(/migrate-db-schema\.jsonl$/);
      expect(seen.cwd).toBe(workspace);
    } finally {
      app.kill();
    }
  });

  it('shows the cost view, another project, the replay with its checkpoint divider, and quits with 130 (cancelled)', async () => {
    const app = start();
    try {
      await app.waitFor('修复登录测试');
      app.mark();
      app.write('c');
      await app.waitFor(/Cost/);
      app.mark();
      app.write('c');
      await app.waitFor('修复登录测试');

      app.mark();
      app.write('a');
      await app.waitFor('Speed up the parquet export job');
      app.mark();
      app.write('a');
      // The project's own count: its rows are on the all-projects screen too, and keys sent
      // while the project's list is still loading act on no rows.
      await app.waitFor(/webapp +14 sessions/);

      // Open the session with two checkpoints (third row: newest first).
      app.mark();
      app.write('g');
      app.write(KEYS.down);
      app.write(KEYS.down);
      app.write('o');
      await app.waitFor(/──── checkpoint · 4\.2k tokens/);
      app.mark();
      app.write(KEYS.escape);
      await app.waitFor('Refactor the router into feature modules');
      app.write('q');
      expect(await app.exited).toBe(130); // q cancels the picker (issue 6 item 6)
    } finally {
      app.kill();
    }
  });

  it('draws interactively even when the shell exports CI=true', async () => {
    const app = spawnPty(['--home', home, '--project', project], { env: { SESSION_BROWSER_NOW: DEMO_NOW, CI: 'true' } });
    try {
      await app.waitFor('Refactor the router into feature modules');
      app.mark();
      app.write('j');
      await app.waitFor('› Investigate the memory leak');
      app.write('q');
      expect(await app.exited).toBe(130); // q cancels the picker (issue 6 item 6)
    } finally {
      app.kill();
    }
  });

  it('prints the chosen id with no resume command configured', async () => {
    const app = start();
    try {
      await app.waitFor('Refactor the router into feature modules');
      app.mark();
      app.write(KEYS.enter);
      expect(await app.exited).toBe(0);
      expect(app.sinceMark()).toContain('cache-warm-refactor');
    } finally {
      app.kill();
    }
    expect(existsSync(home)).toBe(true);
  });
});
