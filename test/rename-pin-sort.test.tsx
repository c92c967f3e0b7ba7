/**
 * Issue 10 item 6 (part): `R` renames a session (kept by us in a small file
 * in the session home, never in the agent's log), the name is shown,
 * searched and exported; `p` pins a session to the top of its project; `s`
 * cycles relevance / last activity / cost / messages. Screens read at 80x24
 * and 160x50.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { readLabels, labelsPath, writeLabel } from '../src/store/labels.js';
import { buildItems, labeled } from '../src/app/list-model.js';
import { transcriptToMarkdown } from '../src/format/markdown.js';

import { appSummary, fakeSource, NOW, searchOf } from './helpers/fake-source.js';
import type { SessionSummary } from '../src/store/types.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: hoursAgo(1), costMicros: 10_000, messageCount: 4 }),
  appSummary({ id: 'sess-dark', title: 'Add dark mode', updatedAt: hoursAgo(2), costMicros: 90_000, messageCount: 2 }),
  appSummary({ id: 'sess-parse', title: 'Refactor parser', updatedAt: hoursAgo(3), costMicros: 50_000, messageCount: 30 }),
];

/** Titles of the list rows, top to bottom. */
const rowTitles = (f: string): string[] =>
  frameLines(f)
    .filter((l) => /^[›\s] \S/.test(l) && /(Fix login|Add dark|Refactor|Auth flow)/.test(l))
    .map((l) => l.slice(2).split('  ')[0]!.trim());

describe('labels.json', () => {
  it('keeps names and pins by id in the home, atomically, and reads a damaged file as none', () => {
    const home = mkdtempSync(join(tmpdir(), 'sb-labels-'));
    try {
      expect(readLabels(home).size).toBe(0);
      writeLabel(home, 'a', { name: '  Auth flow  ' });
      writeLabel(home, 'a', { pinned: true });
      writeLabel(home, 'b', { pinned: true });
      writeLabel(home, 'b', { pinned: false });
      expect(Object.fromEntries(readLabels(home))).toEqual({ a: { name: 'Auth flow', pinned: true } });
      expect(JSON.parse(readFileSync(labelsPath(home), 'utf8'))).toEqual({ version: 1, sessions: { a: { name: 'Auth flow', pinned: true } } });
      writeLabel(home, 'a', { name: '' });
      expect(Object.fromEntries(readLabels(home))).toEqual({ a: { pinned: true } });
      writeFileSync(labelsPath(home), '{not json');
      expect(readLabels(home).size).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a home that does not exist yet is made private (0700) for the first name, whatever the umask', () => {
    const parent = mkdtempSync(join(tmpdir(), 'sb-labels-mode-'));
    const old = process.umask(0o022);
    try {
      const home = join(parent, '.local', 'share', 'session-browser');
      writeLabel(home, 'a', { name: 'Auth flow' });
      expect(statSync(home).mode & 0o777).toBe(0o700);
      expect(statSync(labelsPath(home)).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('the export is headed by the name and keeps the agent\'s title', () => {
    const s = labeled(SESSIONS[0]!, { name: 'Auth flow' });
    const md = transcriptToMarkdown({ summary: s, entries: [], resumeContext: [], lastCheckpointIndex: -1 }, { tz: 'UTC' });
    expect(md).toMatch(/^# Auth flow$/m);
    expect(md).toContain("**Agent's title:** Fix login bug");
  });

  it('pinned sessions lead their project in the all-projects list', () => {
    const other = appSummary({ id: 'o1', projectId: 'p2', title: 'Other', updatedAt: hoursAgo(0.5) });
    const items = buildItems([other, ...SESSIONS.map((s) => labeled(s, s.id === 'sess-parse' ? { pinned: true } : undefined))], null, 'all', (id) => id);
    expect(items.map((i) => i.summary.id)).toEqual(['o1', 'sess-parse', 'sess-login', 'sess-dark']);
    expect(items[1]?.group?.label).toBe('p1');
  });
});

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`in the browser at ${columns}x${rows}`, () => {
    it('R renames (one burst, editing keys included), the name is shown, badged and searched', async () => {
      const source = fakeSource({ sessions: SESSIONS });
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => f.includes('rename: Fix login bug'));
      await ui.press('\u0015Auth flaw\u007f\u007fow', (f) => f.includes('rename: Auth flow'));
      // Enter apart here; in the same write it saves too (burst-input.test.tsx).
      const renamed = await ui.press(KEYS.enter, (f) => f.includes('Renamed to “Auth flow”'));
      expectFits(renamed, columns, rows);
      expect(renamed).toMatch(/› Auth flow .*✎/);
      expect(source.labels?.().get('sess-login')).toEqual({ name: 'Auth flow' });
      const found = await ui.press('/auth flow', (f) => f.includes('1 match'));
      expect(found).toContain('Auth flow');
      expect(found).not.toContain('Add dark mode');
    });

    it('a session named with R comes first among the matches of its name, even when its text matched too', async () => {
      // Both hold "deploy" in their messages; the older one is then named "Deploy checklist".
      const sessions = [
        appSummary({ id: 'sess-new', title: 'Newer work', updatedAt: '2026-11-20T12:00:00Z' }),
        appSummary({ id: 'sess-old', title: 'Older work', updatedAt: '2026-11-10T12:00:00Z' }),
      ];
      const texts = { 'sess-new': 'we talked about the deploy', 'sess-old': 'the deploy failed twice' };
      // As in the catalog, the index knows the agents' titles, not our names.
      const source = { ...fakeSource({ sessions, texts, labelsById: { 'sess-old': { name: 'Deploy checklist' } } }), search: (q: string, listed: readonly SessionSummary[]) => searchOf(sessions, texts).search(q, listed) };
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Deploy checklist');
      const found = await ui.press('/deploy', (f) => f.includes('2 matches'));
      const lines = frameLines(found);
      const named = lines.findIndex((l) => l.includes('Deploy checklist'));
      const other = lines.findIndex((l) => l.includes('Newer work'));
      expect(named).toBeGreaterThan(-1);
      expect(named).toBeLessThan(other);
    });

    it('the header says the order for as long as it holds, with a long filter and inside the search box', async () => {
      const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      const header = (f: string) => frameLines(f)[0] ?? '';
      // A filter long enough to fill the search line at 80 columns: the order is not said there.
      let f = await ui.press('/e the of a an in on at to for with by', (x) => x.includes('search: e the of'));
      f = await ui.press(KEYS.escape, (x) => x.includes('filter: e the'));
      f = await ui.press(KEYS.escape, (x) => x.includes('/ to search'));
      f = await ui.press('s', (x) => header(x).includes('sorted by last activity'));
      expect(f).toContain('Sorted by last activity (newest first) · s: cost next');
      expectFits(f, columns, rows);
      f = await ui.press('/', (x) => x.includes('search: '));
      expect(header(f)).toContain('sorted by last activity'); // the box has the keys; the header still says it
      f = await ui.press('dark', (x) => x.includes('search: dark'));
      expect(header(f)).toMatch(/1 match .*· sorted by last activity/);
      await ui.press(KEYS.escape, (x) => x.includes('filter: dark'));
      f = await ui.press('sss', (x) => x.includes('Sorted by relevance'));
      expect(header(f)).not.toContain('sorted by');
      expectFits(f, columns, rows);
    });

    it('in an opened session s and v say on the tab line what they switched', async () => {
      // One huge message (cut at 1,000 lines until v) and nothing secret in it: neither key changes a line on screen.
      const text = Array.from({ length: 1_500 }, (_, i) => `line ${i}`).join('\n');
      const base = fakeSource({ sessions: SESSIONS });
      const source = { ...base, loadTranscript: async (s: SessionSummary) => ({ summary: s, entries: [{ kind: 'message' as const, timestamp: hoursAgo(1), role: 'user' as const, text }], resumeContext: [], lastCheckpointIndex: -1 }) };
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      const total = (x: string) => Number(/line \d+\/(\d+)/.exec(x)?.[1] ?? 0);
      let f = await ui.press(KEYS.right, (x) => x.includes('[1 Replay]') && total(x) > 0);
      expect(f).not.toContain('secrets shown');
      const cut = total(f);
      f = await ui.press('s', (x) => x.includes('[1 Replay]') && x.includes('secrets shown (s)'));
      f = await ui.press('v', (x) => x.includes('1 entry whole (v)'));
      await ui.waitFor((x) => total(x) > cut); // and the entry is whole
      expectFits(f, columns, rows);
      f = await ui.press('s', (x) => !x.includes('secrets shown') && x.includes('1 entry whole (v)'));
      f = await ui.press('2', (x) => x.includes('[2 Usage]'));
      expect(f).not.toContain('whole (v)'); // the Usage tab is not the replay
    });

    it('v opens only an entry that was cut short: on a short one it changes nothing and counts nothing', async () => {
      const text = Array.from({ length: 1_500 }, (_, i) => `line ${i}`).join('\n');
      const base = fakeSource({ sessions: SESSIONS });
      const entries = [
        { kind: 'message' as const, timestamp: hoursAgo(2), role: 'user' as const, text: 'a short question' },
        { kind: 'message' as const, timestamp: hoursAgo(1), role: 'assistant' as const, text },
      ];
      const source = { ...base, loadTranscript: async (s: SessionSummary) => ({ summary: s, entries, resumeContext: [], lastCheckpointIndex: -1 }) };
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      const total = (x: string) => Number(/line \d+\/(\d+)/.exec(x)?.[1] ?? 0);
      let f = await ui.press(KEYS.right, (x) => x.includes('[1 Replay]') && x.includes('a short question'));
      const cut = total(f);
      // On the short message (the replay opens on it): nothing to show whole. The next key's frame proves v was read.
      f = await ui.press('v', () => true);
      f = await ui.press('s', (x) => x.includes('secrets shown (s)'));
      expect(f).not.toContain('whole (v)');
      expect(total(f)).toBe(cut);
      // At the end, on the huge reply's "… more" line: v shows all of it, and says so.
      f = await ui.press('G', (x) => x.includes('press v to show all'));
      f = await ui.press('v', (x) => x.includes('1 entry whole (v)'));
      await ui.waitFor((x) => total(x) > cut);
      expectFits(f, columns, rows);
    });

    it('v on a folded tool output cut short unfolds it whole, so the key shows what it counts', async () => {
      const text = Array.from({ length: 1_500 }, (_, i) => `out ${i}`).join('\n');
      const base = fakeSource({ sessions: SESSIONS });
      const entries = [
        { kind: 'message' as const, timestamp: hoursAgo(2), role: 'user' as const, text: 'run the tests' },
        { kind: 'tool_result' as const, timestamp: hoursAgo(1), id: 'call_1', name: 'bash', text },
      ];
      const source = { ...base, loadTranscript: async (s: SessionSummary) => ({ summary: s, entries, resumeContext: [], lastCheckpointIndex: -1 }) };
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      const total = (x: string) => Number(/line \d+\/(\d+)/.exec(x)?.[1] ?? 0);
      let f = await ui.press(KEYS.right, (x) => x.includes('[1 Replay]') && x.includes('run the tests'));
      // Folded, the output is one line of head: the whole replay fits on the screen.
      f = await ui.press('G', () => true);
      expect(f).not.toContain('out 1499');
      f = await ui.press('v', (x) => x.includes('1 entry whole (v)'));
      f = await ui.waitFor((x) => total(x) > 1_400);
      f = await ui.press('G', (x) => x.includes('out 1499'));
      expectFits(f, columns, rows);
    });

    it('p pins a session to the top, s cycles the order and says which', async () => {
      const source = fakeSource({ sessions: SESSIONS });
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      let f = await ui.waitFor('Fix login bug');
      expect(rowTitles(f)).toEqual(['Fix login bug', 'Add dark mode', 'Refactor parser']);
      f = await ui.press('jjp', (x) => x.includes('Pinned “Refactor parser”'));
      expect(rowTitles(f)).toEqual(['Refactor parser', 'Fix login bug', 'Add dark mode']);
      expect(f).toMatch(/Refactor parser .*⚑/);
      f = await ui.press('s', (x) => x.includes('sorted by last activity'));
      f = await ui.press('s', (x) => x.includes('sorted by cost'));
      expect(rowTitles(f)).toEqual(['Refactor parser', 'Add dark mode', 'Fix login bug']);
      f = await ui.press('s', (x) => x.includes('sorted by messages'));
      expect(rowTitles(f)).toEqual(['Refactor parser', 'Fix login bug', 'Add dark mode']);
      f = await ui.press('p', (x) => x.includes('Unpinned “Refactor parser”'));
      expect(rowTitles(f)).toEqual(['Refactor parser', 'Fix login bug', 'Add dark mode']); // 30 messages leads anyway
      f = await ui.press('s', (x) => !x.includes('sorted by'));
      expectFits(f, columns, rows);
    });
  });
}
