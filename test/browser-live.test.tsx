/**
 * The browser paints the catalog's last view at once, checks every file
 * with a progress line, slots new sessions in without moving the selection,
 * follows changes on disk, and refreshes on `r` (issue 7 items 4 and 5).
 */
import { tmpdir } from 'node:os';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserExit, BrowserSource, ScanProgress, Scope } from '../src/app/source.js';
import type { SessionSummary, TranscriptEntry } from '../src/store/types.js';
import { appSummary, fakeSource, manySummaries, NOW } from './helpers/fake-source.js';
import { byRecency } from '../src/store/recency.js';
import { cleanup, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const OLD = [
  appSummary({ id: 'sess-a', title: 'Alpha work', updatedAt: hoursAgo(1) }),
  appSummary({ id: 'sess-b', title: 'Beta work', updatedAt: hoursAgo(2) }),
];
const NEW = appSummary({ id: 'sess-n', title: 'New session appeared', updatedAt: hoursAgo(0.1) });

/** A source whose loads answer only when the test says so, with progress reports in between. */
function controlledSource(stored: SessionSummary[]) {
  const base = fakeSource({ sessions: OLD });
  const pending: { resolve: (s: SessionSummary[]) => void; progress?: (p: ScanProgress) => void }[] = [];
  let onChange: (() => void) | null = null;
  const source: BrowserSource = {
    ...base,
    storedSessions: () => stored,
    loadSessions: (_scope: Scope, opts) =>
      new Promise<SessionSummary[]>((resolve) => pending.push({ resolve, progress: opts?.onProgress })),
    watch: (_scope, cb) => {
      onChange = cb;
      return () => (onChange = null);
    },
  };
  return { source, pending, change: () => onChange?.(), watching: () => onChange !== null };
}

describe('first frame from the catalog, then the check', () => {
  it('draws the stored sessions before any load answers, with a progress line while files are read', async () => {
    const { source, pending } = controlledSource(OLD);
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    const first = await ui.waitFor('Alpha work');
    expect(first).toContain('Beta work');
    expect(first).toContain('checking…');
    // The check starts once the first frame had its chance to be drawn.
    await waitUntil(() => pending.length === 1);
    pending[0]!.progress?.({ files: 500, totalFiles: 2000, bytes: 30 * 1024 * 1024, totalBytes: 120 * 1024 * 1024, elapsedMs: 2000 });
    const reading = await ui.waitFor('reading 500/2,000 files');
    expect(reading).toMatch(/30 MB of 120 MB · 15 MB\/s · ~6\.0s left/);
    pending[0]!.resolve([NEW, ...OLD]);
    const fresh = await ui.waitFor('New session appeared');
    expect(fresh).not.toContain('checking…');
    expect(fresh).not.toContain('reading');
    expect(fresh).toContain('3 sessions');
  });

  it('keeps the selected session selected when a new one slots in above it', async () => {
    const { source, pending } = controlledSource(OLD);
    const exits: BrowserExit[] = [];
    const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns: 100, rows: 24 });
    await ui.waitFor('Alpha work');
    ui.write('j'); // Beta, the second row
    await waitUntil(() => pending.length === 1);
    pending[0]!.resolve([NEW, ...OLD]);
    await ui.waitFor('New session appeared');
    ui.write(KEYS.enter); // resumes the selection
    await waitUntil(() => exits.length === 1);
    expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'sess-b' } });
  });

  it('keeps the first row selected by session, not by position, when nothing was moved', async () => {
    const { source, pending } = controlledSource(OLD);
    const exits: BrowserExit[] = [];
    const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns: 100, rows: 24 });
    await ui.waitFor('Alpha work');
    await waitUntil(() => pending.length === 1);
    pending[0]!.resolve([NEW, ...OLD]);
    await ui.waitFor('New session appeared');
    ui.write(KEYS.enter);
    await waitUntil(() => exits.length === 1);
    expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'sess-a' } });
  });
});

describe('the search made ready in the background', () => {
  it('prepares the checked list once every file was checked, not the stored one, and a new list again', async () => {
    const { source, pending, change } = controlledSource(OLD);
    const warmed: string[][] = [];
    const finished: string[][] = [];
    source.warmSearch = function* (sessions) {
      warmed.push(sessions.map((s) => s.id));
      yield;
      yield;
      finished.push(sessions.map((s) => s.id));
    };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('Alpha work');
    await waitUntil(() => pending.length === 1);
    // The stored list is shown while files are checked: what a search would run over is not final yet.
    await new Promise((r) => setTimeout(r, 400));
    expect(warmed).toEqual([]);
    pending[0]!.resolve([NEW, ...OLD]);
    await waitUntil(() => finished.length === 1);
    expect(finished[0]).toEqual(['sess-n', 'sess-a', 'sess-b']);
    // A change on disk gives a new list: it is prepared in turn.
    change();
    await waitUntil(() => pending.length === 2);
    pending[1]!.resolve([...OLD]);
    await waitUntil(() => finished.length === 2);
    expect(finished[1]).toEqual(['sess-a', 'sess-b']);
    // The search still answers from the list on screen.
    ui.write('/');
    ui.write('beta');
    const found = await ui.waitFor('1 match for');
    expect(found).toContain('Beta work');
  });
});

describe('a refresh in the all-projects view', () => {
  it('keeps the selected row on its screen line when a new session moves another project to the top', async () => {
    const mine = Array.from({ length: 30 }, (_, i) => appSummary({ id: `p1-${i}`, projectId: 'p1', title: `Mine ${i}`, updatedAt: hoursAgo(1 + i) }));
    const theirs = Array.from({ length: 30 }, (_, i) => appSummary({ id: `p2-${i}`, projectId: 'p2', title: `Theirs ${i}`, updatedAt: hoursAgo(20 + i) }));
    const fresh = appSummary({ id: 'p2-new', projectId: 'p2', title: 'Theirs brand new', updatedAt: hoursAgo(0.1) });
    let sessions = [...mine, ...theirs];
    let changed: (() => void) | null = null;
    const source: BrowserSource = { ...fakeSource({ sessions }), loadSessions: async () => sessions, watch: (_s, cb) => ((changed = cb), () => {}) };
    const ui = renderSized(<App source={source} initialScope="all" onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('Mine 0');
    ui.write('jj'); // Mine 2
    const lineOf = (frame: string, text: string) => frame.split('\n').findIndex((l) => l.includes(text));
    const before = await ui.waitFor((f) => /› Mine 2/.test(f));
    sessions = [fresh, ...theirs, ...mine];
    changed!();
    const after = await ui.waitFor((f) => !f.includes('› Mine 0') && f.includes("61 sessions"));
    expect(after).toMatch(/› Mine 2/);
    expect(lineOf(after, '› Mine 2')).toBe(lineOf(before, '› Mine 2'));
    // The newcomer is above, one key away.
    expect(await ui.press('g', 'Theirs brand new')).toMatch(/› Theirs brand new/);
  });
});

describe('sessions that slot in above the first row', () => {
  it('stay in sight when the list is at its top: the selected session moves down with the rows, still selected', async () => {
    const mine = Array.from({ length: 10 }, (_, i) => appSummary({ id: `p1-${i}`, projectId: 'p1', title: `Mine ${i}`, updatedAt: hoursAgo(1 + i) }));
    const theirs = Array.from({ length: 10 }, (_, i) => appSummary({ id: `p2-${i}`, projectId: 'p2', title: `Theirs ${i}`, updatedAt: hoursAgo(20 + i) }));
    const fresh = appSummary({ id: 'p2-new', projectId: 'p2', title: 'Theirs brand new', updatedAt: hoursAgo(0.1) });
    let sessions = [...mine, ...theirs];
    let changed: (() => void) | null = null;
    const exits: BrowserExit[] = [];
    const source: BrowserSource = { ...fakeSource({ sessions }), loadSessions: async () => sessions, watch: (_s, cb) => ((changed = cb), () => {}) };
    const ui = renderSized(<App source={source} initialScope="all" onExit={(e) => exits.push(e)} />, { columns: 100, rows: 24 });
    await ui.waitFor((f) => /› Mine 0/.test(f));
    // Another project's session becomes the newest: its group goes to the top.
    sessions = [fresh, ...theirs, ...mine];
    changed!();
    const after = await ui.waitFor((f) => f.includes('21 sessions'));
    expect(after).toContain('Theirs brand new');
    expect(after).toMatch(/› Mine 0/);
    ui.write(KEYS.enter);
    await waitUntil(() => exits.length === 1);
    expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'p1-0' } });
  });
});

describe('live', () => {
  it('reloads when the watch reports a change, and on r', async () => {
    const { source, pending, change, watching } = controlledSource([]);
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('loading');
    pending[0]!.resolve(OLD);
    await ui.waitFor('Alpha work');
    expect(watching()).toBe(true);
    change();
    change(); // a burst: one reload
    await waitUntil(() => pending.length === 2);
    pending[1]!.resolve([NEW, ...OLD]);
    await ui.waitFor('New session appeared');
    await new Promise((r) => setTimeout(r, 400));
    expect(pending).toHaveLength(2);
    ui.write('r');
    await waitUntil(() => pending.length === 3);
    pending[2]!.resolve(OLD.slice(0, 1));
    await ui.waitFor((f) => !f.includes('Beta work') && f.includes('Alpha work'));
  });

  it('asks for one load at a time: a change during a load waits for its answer', async () => {
    const { source, pending, change } = controlledSource([]);
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('loading');
    change();
    ui.write('r');
    await new Promise((r) => setTimeout(r, 400));
    expect(pending).toHaveLength(1); // the first load is still running
    pending[0]!.resolve(OLD);
    await waitUntil(() => pending.length === 2); // then exactly one more
    pending[1]!.resolve(OLD);
    await new Promise((r) => setTimeout(r, 400));
    expect(pending).toHaveLength(2);
    ui.write(KEYS.escape);
  });
});

describe('the full-text index catching up in the background', () => {
  /** A source whose sessions' text is indexed only when the test says so (a listing left it for later). */
  function indexingSource() {
    const base = fakeSource({ sessions: OLD });
    let indexed = false;
    const runs: { resolve: (n: number) => void; progress?: (p: ScanProgress) => void; standIns?: (count: number) => void; scope: Scope }[] = [];
    const source: BrowserSource = {
      ...base,
      // "zeppelin" is said in Beta's messages; the search finds it only once Beta's text is indexed.
      search: (query, listed) => (indexed && /zeppelin/i.test(query) ? listed.filter((s) => s.id === 'sess-b').map((summary) => ({ summary, tier: 'all' as const, field: 'content' as const, similar: [], snippet: null, titleRanges: [] })) : []),
      indexText: (scope, opts) => new Promise<number>((resolve) => runs.push({ resolve, progress: opts?.onProgress, standIns: opts?.onStandIns, scope })),
    };
    return { source, runs, index: () => (indexed = true) };
  }

  it('says it is indexing, says why a search finds nothing yet, and searches again when the index has caught up', async () => {
    const { source, runs, index } = indexingSource();
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 120, rows: 24 });
    await ui.waitFor('Alpha work');
    await waitUntil(() => runs.length === 1); // started after the load answered
    runs[0]!.progress?.({ files: 1, totalFiles: 2, bytes: 1024, totalBytes: 4096, elapsedMs: 500 });
    await ui.waitFor('indexing 1/2');
    ui.write('/');
    ui.write('zeppelin');
    const waiting = await ui.waitFor('still being indexed');
    expect(waiting).toContain('No sessions match “zeppelin” yet: 1 session still being indexed.');
    index();
    runs[0]!.resolve(2);
    const found = await ui.waitFor('1 match for “zeppelin”');
    expect(found).toContain('Beta work');
    expect(found).not.toContain('indexing');
  });

  it('searches again as soon as the stand-ins of a CLI listing are written, not only when the whole index has caught up', async () => {
    const { source, runs, index } = indexingSource();
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 120, rows: 24 });
    await ui.waitFor('Alpha work');
    await waitUntil(() => runs.length === 1);
    ui.write('/');
    ui.write('zeppelin');
    await ui.waitFor('No sessions match');
    index(); // what the stand-ins make findable (a title), before any file is read
    runs[0]!.standIns?.(1);
    expect(await ui.waitFor('1 match for “zeppelin”')).toContain('Beta work');
    runs[0]!.resolve(0);
  });

  it('while the list is still being checked, a search that finds nothing says it may yet', async () => {
    const { source } = controlledSource(OLD);
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 120, rows: 24 });
    await ui.waitFor('checking…');
    ui.write('/');
    ui.write('zeppelin');
    expect(await ui.waitFor('yet:')).toContain('No sessions match “zeppelin” yet: sessions are still being read, then indexed.');
  });

  it('runs again after each fresh load, and not for the catalog\'s first frame', async () => {
    const { source, runs } = indexingSource();
    const ui = renderSized(<App source={{ ...source, storedSessions: () => OLD }} onExit={() => {}} />, { columns: 120, rows: 24 });
    await ui.waitFor('Alpha work');
    await waitUntil(() => runs.length === 1);
    runs[0]!.resolve(0);
    ui.write('r');
    await waitUntil(() => runs.length === 2);
    expect(runs.map((r) => r.scope)).toEqual(['project', 'project']);
  });
});

describe('first frame from one page of the catalog (storedPage)', () => {
  it('draws the top of the list with the counts of all of it, then the whole stored list, then checks', async () => {
    const all = [...manySummaries(30, 'p1'), ...manySummaries(12, 'p2')].sort(byRecency);
    const order: string[] = [];
    const pending: ((s: SessionSummary[]) => void)[] = [];
    const source: BrowserSource = {
      ...fakeSource({ sessions: all }),
      storedPage: (_scope, opts) => {
        order.push(`page ${opts.rows}`);
        // The top three rows only: the heading and header must still count every session.
        const top = all.filter((s) => s.projectId === all[0]!.projectId).slice(0, 3);
        return { sessions: top, total: 42, projectCounts: new Map([['p1', 30], ['p2', 12]]) };
      },
      storedSessions: () => (order.push('stored'), all),
      loadSessions: () => (order.push('load'), new Promise<SessionSummary[]>((resolve) => pending.push(resolve))),
    };
    const ui = renderSized(<App source={source} onExit={() => {}} initialScope="all" />, { columns: 100, rows: 24 });
    // The very first frame already lists sessions (no "loading…" frame before it), counted whole.
    const first = ui.frames.find((f) => f.includes('sessions')) ?? '';
    expect(first).toContain('42 sessions');
    expect(first).toContain('/work/p1 (30)');
    expect(first).toContain('Task number 2');
    expect(ui.frames.some((f) => f.includes('loading…'))).toBe(false);
    expect(order[0]).toMatch(/^page \d+$/);
    // Then the whole stored list (more rows than the page), then the check of every file.
    await waitUntil(() => order.includes('load'));
    expect(order).toEqual([order[0], 'stored', 'load']);
    expect(await ui.waitFor(all[5]!.title)).toContain('42 sessions');
    pending[0]!(all);
    await ui.waitFor((f) => !f.includes('checking…'));
  });
});

describe('a cold start filling in, with the user on a session', () => {
  it('keeps the selected session on screen when newer rows would push it out of the top', async () => {
    const all = manySummaries(40, 'p1'); // Task number 0 is the newest
    let written = 0; // the scan writes the oldest first here: each re-read's top holds newer rows
    const pending: { resolve: (s: SessionSummary[]) => void; progress?: (p: ScanProgress) => void }[] = [];
    const top = () => all.slice(40 - written, 40 - written + 5);
    const source: BrowserSource = {
      ...fakeSource({ sessions: all }),
      storedPage: () => ({ sessions: top(), total: written, projectCounts: new Map([['p1', written]]) }),
      storedSessions: () => [],
      loadSessions: (_scope: Scope, opts) => new Promise<SessionSummary[]>((resolve) => pending.push({ resolve, progress: opts?.onProgress })),
    };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await waitUntil(() => pending.length === 1);
    const report = (files: number) => pending[0]!.progress?.({ files, totalFiles: 40, bytes: files * 1e6, totalBytes: 40e6, elapsedMs: files * 100 });
    written = 10;
    report(10);
    await ui.waitFor('10 sessions');
    await ui.press('j', /› Task number 31\b/);
    written = 20;
    await new Promise((r) => setTimeout(r, 1100));
    report(20);
    const still = await ui.waitFor('reading 20/40 files');
    expect(still).toMatch(/› Task number 31\b/);
    pending[0]!.resolve(all);
    const done = await ui.waitFor('40 sessions');
    expect(done).toMatch(/› Task number 31\b/);
  });
});

/**
 * 40 sessions whose first page (5 of them) the source hands at once and whose whole stored list
 * answers when the test says (`resolveStored()` once asked); the check never answers.
 */
function pageThenStored() {
  const all = manySummaries(40, 'p1');
  let resolve: ((s: SessionSummary[]) => void) | null = null;
  const source: BrowserSource = {
    ...fakeSource({ sessions: all }),
    storedPage: () => ({ sessions: all.slice(0, 5), total: 40, projectCounts: new Map([['p1', 40]]) }),
    storedSessions: () => new Promise<SessionSummary[]>((r) => (resolve = r)),
    loadSessions: () => new Promise<SessionSummary[]>(() => {}),
  };
  return { all, source, resolveStored: () => resolve };
}

describe('the whole stored list parsed in turns (storedSessions as a promise)', () => {
  it('answers keys on the first page meanwhile, and keeps the session they selected when the list arrives', async () => {
    const all = manySummaries(40, 'p1');
    let resolveStored: ((s: SessionSummary[]) => void) | null = null;
    const order: string[] = [];
    const source: BrowserSource = {
      ...fakeSource({ sessions: all }),
      storedPage: () => ({ sessions: all.slice(0, 5), total: 40, projectCounts: new Map([['p1', 40]]) }),
      storedSessions: () => (order.push('stored'), new Promise<SessionSummary[]>((resolve) => (resolveStored = resolve))),
      loadSessions: () => (order.push('load'), new Promise<SessionSummary[]>(() => {})),
    };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('40 sessions');
    await waitUntil(() => resolveStored !== null);
    // The list is still being parsed: the keys move on the page.
    await ui.press('j', /› Task number 1\b/);
    await ui.press('j', /› Task number 2\b/);
    expect(order).toEqual(['stored']); // no check before the stored list is in
    resolveStored!(all);
    await waitUntil(() => order.includes('load'));
    // The rows past the page are drawn, and the selection is where the keys left it.
    const frame = await ui.waitFor((f) => f.includes('Task number 10') && /› Task number 2\b/.test(f));
    expect(frame).toContain('40 sessions');
    ui.write('G');
    expect(await ui.waitFor(/› Task number 39\b/)).toContain('Task number 39');
  });

  it('counts matches and costs "so far" while only the top of the list is in', async () => {
    const { all, source, resolveStored } = pageThenStored();
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 120, rows: 24 });
    await ui.waitFor('40 sessions');
    await waitUntil(() => resolveStored() !== null);
    ui.write('/');
    ui.write('task');
    expect(await ui.waitFor('5 matches for “task” so far')).toContain('40 sessions');
    ui.write(KEYS.escape); // leaves the box, keeps the filter
    await ui.waitFor('filter: task');
    const cost = await ui.press('c', 'Cost · ');
    expect(cost).toMatch(/Cost · .* · so far · window/);
    resolveStored()!(all);
    const whole = await ui.waitFor((f) => f.includes('Cost · ') && !f.includes('so far'));
    expect(whole).toContain('40 sessions');
  });

  it('takes G pressed on the first page to the end of the whole list once it is in', async () => {
    const { all, source, resolveStored } = pageThenStored();
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('40 sessions');
    await waitUntil(() => resolveStored() !== null);
    await ui.press('G', /› Task number 4\b/); // the end of what is in
    resolveStored()!(all);
    const end = await ui.waitFor(/› Task number 39\b/);
    expect(end).toContain('40 sessions');
    // A move after it is an ordinary move from there.
    expect(await ui.press('k', /› Task number 38\b/)).toContain('Task number 39');
  });
});

describe('a cold start (nothing stored yet)', () => {
  it('fills the list in from the catalog as the scan writes it, with the progress line, until the load answers', async () => {
    const all = manySummaries(40, 'p1');
    let written = 0; // sessions the scan has put in the catalog so far
    const pending: { resolve: (s: SessionSummary[]) => void; progress?: (p: ScanProgress) => void }[] = [];
    const source: BrowserSource = {
      ...fakeSource({ sessions: all }),
      storedPage: () => ({ sessions: all.slice(0, Math.min(written, 5)), total: written, projectCounts: new Map([['p1', written]]) }),
      storedSessions: () => all.slice(0, written),
      loadSessions: (_scope: Scope, opts) => new Promise<SessionSummary[]>((resolve) => pending.push({ resolve, progress: opts?.onProgress })),
    };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await waitUntil(() => pending.length === 1);
    const report = (files: number) => pending[0]!.progress?.({ files, totalFiles: 40, bytes: files * 1e6, totalBytes: 40e6, elapsedMs: files * 100 });
    report(1); // nothing written yet: still "loading", with the progress line
    expect(await ui.waitFor('reading 1/40 files')).not.toContain('Task number 0');
    written = 12;
    await new Promise((r) => setTimeout(r, 300));
    report(12);
    const filling = await ui.waitFor('12 sessions');
    expect(filling).toContain('Task number 0');
    expect(filling).toContain('reading 12/40 files');
    pending[0]!.resolve(all);
    const done = await ui.waitFor('40 sessions');
    expect(done).not.toContain('reading');
  });
});

describe('refreshes spaced by what they cost', () => {
  it('while an agent writes all the time, refreshes take at most a third of the time (each waits twice what the last took)', async () => {
    let loads = 0;
    let changed: (() => void) | null = null;
    const source: BrowserSource = {
      ...fakeSource({ sessions: OLD }),
      // Each refresh checks every file: here 300 ms, as ~10,000 sessions take.
      loadSessions: () => new Promise<SessionSummary[]>((resolve) => setTimeout(() => (loads++, resolve(OLD)), 300)),
      watch: (_s, cb) => ((changed = cb), () => (changed = null)),
    };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('Alpha work');
    await waitUntil(() => loads === 1 && changed !== null);
    // An agent appending a line every 30 ms.
    const writing = setInterval(() => changed?.(), 30);
    try {
      await waitUntil(() => loads === 2); // the first refresh: 250 ms after the change, 300 ms long
      const from = loads;
      await new Promise((r) => setTimeout(r, 2400));
      // Spaced by 250 ms, refreshes would run back to back (~7 in 2.4 s); twice their cost apart, every ~900 ms.
      expect(loads - from).toBeLessThanOrEqual(3);
      expect(loads - from).toBeGreaterThanOrEqual(1);
    } finally {
      clearInterval(writing);
    }
  });
});

describe('the selection while a cold scan fills the list in', () => {
  it('stays on the top row when the user has not moved, as newer sessions are found', async () => {
    // The scan finds sessions in no order: first an older one, then newer ones that go above it.
    const all = manySummaries(30, 'p1');
    let found: SessionSummary[] = [];
    const pending: { resolve: (s: SessionSummary[]) => void; progress?: (p: ScanProgress) => void }[] = [];
    const exits: BrowserExit[] = [];
    const source: BrowserSource = {
      ...fakeSource({ sessions: all }),
      storedPage: () => ({ sessions: [...found].sort(byRecency).slice(0, 5), total: found.length, projectCounts: new Map([['p1', found.length]]) }),
      storedSessions: () => [...found].sort(byRecency),
      loadSessions: (_scope: Scope, opts) => new Promise<SessionSummary[]>((resolve) => pending.push({ resolve, progress: opts?.onProgress })),
    };
    const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns: 100, rows: 24 });
    await waitUntil(() => pending.length === 1);
    const report = (files: number) => pending[0]!.progress?.({ files, totalFiles: 30, bytes: files * 1e6, totalBytes: 30e6, elapsedMs: files * 100 });
    found = all.slice(20, 25);
    report(5);
    await ui.waitFor('Task number 20');
    found = all.slice(3, 25);
    await new Promise((r) => setTimeout(r, 1100));
    report(22);
    await ui.waitFor('Task number 3');
    pending[0]!.resolve(all);
    await ui.waitFor('30 sessions');
    ui.write(KEYS.enter);
    await waitUntil(() => exits.length === 1);
    expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'p1-s0' } });
  });
});

describe('a session home others can read (issue 9)', () => {
  it('says so on one line once the list is up, once per run, until the next key', async () => {
    let asked = 0;
    const source: BrowserSource = { ...fakeSource({ sessions: OLD }), storeWarning: () => (asked++, 'warning: logs readable by others (they hold secrets): chmod -R go= /h') };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    const frame = await ui.waitFor('logs readable by others');
    expect(frame).toContain('Alpha work');
    expect(frame).toContain('chmod -R go= /h');
    ui.write('j');
    await ui.waitFor((f) => !f.includes('logs readable by others'));
    ui.write('r'); // a reload does not say it again
    await new Promise((r) => setTimeout(r, 200));
    expect(asked).toBe(1);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a resume that would be refused', () => {
  it('is said in the browser, which stays open, instead of ending it with an error', async () => {
    const base = fakeSource({ sessions: OLD });
    const exits: BrowserExit[] = [];
    const source: BrowserSource = {
      ...base,
      resumePlan: (s) => ({ ...base.resumePlan(s), argv: ['gemini', '--resume', s.id], cwd: null, workspace: null, workspaceProblem: null }),
    };
    const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns: 100, rows: 24 });
    await ui.waitFor('Alpha work');
    const frame = await ui.press(KEYS.enter, 'Cannot resume sess-a here');
    expect(frame).toContain('it recorded no folder to run in');
    expect(exits).toEqual([]);
  });

  it('a command whose program is not installed is said in the browser, which stays open; an installed one resumes', async () => {
    const base = fakeSource({ sessions: OLD });
    const exits: BrowserExit[] = [];
    let program = 'no-such-agent-3f9';
    const source: BrowserSource = {
      ...base,
      resumePlan: (s) => ({ ...base.resumePlan(s), argv: [program, '--resume', s.id], cwd: tmpdir() }),
    };
    const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns: 100, rows: 24 });
    await ui.waitFor('Alpha work');
    const frame = await ui.press(KEYS.enter, 'is not installed');
    expect(frame).toContain('Cannot resume: no-such-agent-3f9 is not installed (not on PATH)');
    expect(exits).toEqual([]);
    // The same key once the program is there (an absolute path: no PATH lookup involved).
    program = process.execPath;
    await ui.press(KEYS.enter, () => exits.length > 0);
    expect(exits[0]).toMatchObject({ kind: 'resume' });
  });
});

describe('an opened session that changes on disk', () => {
  it('says so on the tab line, and r reads it again, the entries read before staying until then', async () => {
    const s0 = appSummary({ id: 'live-1', title: 'Growing session', updatedAt: hoursAgo(1), messageCount: 1 });
    let sessions = [s0];
    let changed: (() => void) | null = null;
    let entries: TranscriptEntry[] = [{ kind: 'message', timestamp: hoursAgo(1), role: 'user', text: 'the first question' }];
    let loads = 0;
    const source: BrowserSource = {
      ...fakeSource({ sessions }),
      loadSessions: async () => sessions,
      watch: (_s, cb) => ((changed = cb), () => {}),
      loadTranscript: async (s: SessionSummary) => {
        loads++;
        return { summary: s, entries: [...entries], resumeContext: [], lastCheckpointIndex: -1 };
      },
    };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('Growing session');
    let f = await ui.press(KEYS.right, (x) => x.includes('[1 Replay]') && x.includes('the first question'));
    expect(f).not.toContain('changed on disk');
    // The agent writes a reply: the list's summary of it changes (the watch reports it), the replay was read before.
    entries = [...entries, { kind: 'message' as const, timestamp: hoursAgo(0.5), role: 'assistant' as const, text: 'an answer written later' }];
    sessions = [{ ...s0, updatedAt: hoursAgo(0.5), messageCount: 2 }];
    changed!();
    f = await ui.waitFor((x) => x.includes('changed on disk (r reads again)'));
    expect(f).toContain('the first question');
    expect(f).not.toContain('an answer written later');
    f = await ui.press('r', (x) => x.includes('an answer written later'));
    expect(f).not.toContain('changed on disk');
    expect(f).toContain('the first question');
    expect(loads).toBe(2);
  });
});

describe('an opened session read after the list was drawn', () => {
  it('is not said to have changed on disk when the list catches up with what was read', async () => {
    // The list comes from the catalog (older); the replay is read now (newer); then the list's check catches up.
    const older = appSummary({ id: 'live-2', title: 'Caught up session', updatedAt: hoursAgo(1), messageCount: 1 });
    const newer = { ...older, updatedAt: hoursAgo(0.5), messageCount: 2 };
    let sessions = [older];
    let changed: (() => void) | null = null;
    const entries: TranscriptEntry[] = [
      { kind: 'message', timestamp: hoursAgo(1), role: 'user', text: 'the first question' },
      { kind: 'message', timestamp: hoursAgo(0.5), role: 'assistant', text: 'an answer already there' },
    ];
    const source: BrowserSource = {
      ...fakeSource({ sessions }),
      loadSessions: async () => sessions,
      watch: (_s, cb) => ((changed = cb), () => {}),
      loadTranscript: async () => ({ summary: newer, entries, resumeContext: [], lastCheckpointIndex: -1 }),
    };
    const ui = renderSized(<App source={source} onExit={() => {}} />, { columns: 100, rows: 24 });
    await ui.waitFor('Caught up session');
    let f = await ui.press(KEYS.right, (x) => x.includes('[1 Replay]') && x.includes('an answer already there'));
    expect(f).toContain('1h ago');
    sessions = [newer];
    changed!();
    f = await ui.waitFor((x) => x.includes('30m ago'));
    expect(f).not.toContain('changed on disk');
  });
});
