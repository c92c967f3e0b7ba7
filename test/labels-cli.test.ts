/**
 * A name and a pin given in the browser (R, p; labels.json in the session
 * home) show in the CLI too: a new user's tryout renamed a session, then
 * `list`, `show` and `export` still printed the agent's title.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

let dir: string;
const env = (): Record<string, string> => ({ HOME: join(dir, 'home'), XDG_CACHE_HOME: join(dir, 'cache') });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-labels-cli-'));
  // The demo's private copy is made by its first run; the browser writes labels.json into that home.
  expect(runCli(['list', '--demo'], { env: env() }).code).toBe(0);
  writeFileSync(join(dir, 'cache', 'session-browser', 'demo', 'home', 'labels.json'), JSON.stringify({ version: 1, sessions: { 'partial-write': { name: 'My leak hunt', pinned: true }, 'long-transcript': { name: 'Jest → Vitest migration', pinned: true }, 'run-add-retries': { name: 'Retry work' } } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('labels from the browser in the CLI', () => {
  it('list shows the name with its badges; --json carries the name as title and the agent\'s beside it', () => {
    const table = runCli(['list', '--demo'], { env: env() });
    expect(table.stdout).toMatch(/partial-write .*⚑ ✎.* My leak hunt/);
    const json = JSON.parse(runCli(['list', '--demo', '--json'], { env: env() }).stdout) as { sessions: { id: string; title: string; originalTitle?: string; pinned?: boolean }[] };
    expect(json.sessions.find((s) => s.id === 'partial-write')).toMatchObject({ title: 'My leak hunt', originalTitle: 'Investigate the memory leak in the worker pool', pinned: true });
    // A search finds it by the user's name.
    expect(runCli(['list', '--demo', '--query', 'leak hunt'], { env: env() }).stdout).toContain('partial-write');
  });

  it('show and export name it as the list does, the agent\'s title under it', () => {
    const show = runCli(['show', 'partial-write', '--demo'], { env: env() }).stdout;
    expect(show).toMatch(/title\s+My leak hunt/);
    expect(show).toMatch(/agent's title\s+Investigate the memory leak in the worker pool/);
    const md = runCli(['export', 'partial-write', '--demo'], { env: env() }).stdout;
    expect(md.split('\n')[0]).toBe('# My leak hunt');
    expect(md).toContain("**Agent's title:** Investigate the memory leak in the worker pool");
  });

  it('cleanup keeps a pinned session and lists the others by the names given', () => {
    const dry = runCli(['cleanup', '--older-than', '1h', '--dry-run', '--demo'], { env: env() });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Skipped long-transcript: it is pinned (p in the browser unpins it).');
    expect(dry.stdout).not.toMatch(/^long-transcript /m);
    expect(dry.stdout).toMatch(/^run-add-retries .*Retry work/m);
  });
});

