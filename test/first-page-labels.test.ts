/**
 * The first frame's project headings name each project by its path, as the
 * list after the check does: the real browser source over a warm catalog
 * of the demo home, before any load (a heading read "f4f264510163bca9 (2)"
 * for a moment on every warm start, then "/home/demo/scratch (2)").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext } from '../src/app/context.js';
import { DEMO_NOW } from '../src/app/demo.js';
import { storeSource } from '../src/app/store-source.js';
import { useDemoHome } from './helpers/cli.js';

const demo = useDemoHome('sb-page-labels-');
let cacheHome: string;
beforeAll(() => void (cacheHome = mkdtempSync(join(tmpdir(), 'sb-page-labels-cache-'))));
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

const context = () =>
  buildContext({ home: demo.home, all: true, 'include-empty': true }, { ...process.env, SESSION_BROWSER_NOW: DEMO_NOW, XDG_CACHE_HOME: cacheHome, XDG_CONFIG_HOME: demo.configHome });

describe('project headings of the first frame', () => {
  it('are paths before any load, the same labels as after it', async () => {
    // A first run fills the catalog and learns every label.
    const first = storeSource(context());
    const sessions = await first.loadSessions('all');
    const projects = [...new Set(sessions.map((s) => s.projectId))];
    expect(projects.length).toBeGreaterThan(1);
    const after = new Map(projects.map((id) => [id, first.projectLabel(id)]));
    for (const label of after.values()) expect(label).not.toMatch(/^[0-9a-f]{16}$/);
    // A new run (warm): the page and the stored list come before any load.
    const next = storeSource(context());
    const page = next.storedPage!('all', { rows: 300, pinned: [] });
    expect(page?.sessions.length).toBeGreaterThan(0);
    for (const id of new Set(page!.sessions.map((s) => s.projectId))) expect(next.projectLabel(id)).toBe(after.get(id));
    await next.storedSessions!('all');
    for (const id of projects) expect(next.projectLabel(id)).toBe(after.get(id));
  });
});
