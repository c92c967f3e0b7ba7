import { describe, expect, it } from 'vitest';
import { browserReducer, initialBrowserState, type BrowserAction, type BrowserState } from '../src/app/browser-reducer.js';
import { buildLayout, pageIndex, resolveIndex, resolveScroll, type ListLayout } from '../src/components/list-layout.js';
import { manySummaries } from './helpers/fake-source.js';

/** A flat layout of `ids`, one line each. */
function flat(ids: string[], viewport: number): ListLayout {
  return buildLayout(ids.map((id) => ({ id, height: 1, header: false })), viewport);
}

const ids = Array.from({ length: 50 }, (_, i) => `s${i}`);
const layout = flat(ids, 10);

function run(state: BrowserState, ...actions: BrowserAction[]): BrowserState {
  return actions.reduce(browserReducer, state);
}

function loaded(): BrowserState {
  return run(initialBrowserState(), { type: 'loaded', scope: 'project', sessions: manySummaries(3) });
}

/** The index and first visible line the user would see. */
function seen(s: BrowserState, l: ListLayout = layout): { index: number; scroll: number } {
  const index = resolveIndex(l, s.selectedId, s.selectedIndex);
  return { index, scroll: resolveScroll(l, index, s.scroll) };
}

describe('the selection when the query changes', () => {
  it('goes to the best match, at the top, from wherever it was; a cleared query keeps the selected session', () => {
    const atEnd = run(loaded(), { type: 'jump', to: 'bottom', layout }, { type: 'focus-search' }, { type: 'type', text: 'c' });
    expect(seen(atEnd)).toEqual({ index: 0, scroll: 0 });
    const moved = run(atEnd, { type: 'type', text: 'o' }, { type: 'move', delta: 1, layout }, { type: 'move', delta: 1, layout });
    expect(moved.selectedId).toBe('s2');
    // Moving the cursor in the box changes no text: the selection stays.
    expect(run(moved, { type: 'edit', edit: { type: 'left' } }).selectedId).toBe('s2');
    const cleared = run(moved, { type: 'set-query', query: '' });
    expect(cleared.selectedId).toBe('s2');
    expect(run(moved, { type: 'set-query', query: 'co ' }).selectedId).toBe('s2');
    expect(run(moved, { type: 'set-query', query: 'con' }).selectedId).toBeNull();
  });
});

describe('navigation', () => {
  it('j/k move one row and clamp at both ends', () => {
    const s0 = loaded();
    expect(seen(run(s0, { type: 'move', delta: -1, layout })).index).toBe(0);
    const s2 = run(s0, { type: 'move', delta: 1, layout }, { type: 'move', delta: 1, layout });
    expect(s2.selectedId).toBe('s2');
    const end = run(s0, { type: 'jump', to: 'bottom', layout }, { type: 'move', delta: 1, layout });
    expect(end.selectedId).toBe('s49');
  });

  it('g/G jump to the ends and scroll just enough to show the selection', () => {
    const bottom = run(loaded(), { type: 'jump', to: 'bottom', layout });
    expect(seen(bottom)).toEqual({ index: 49, scroll: 40 });
    const top = run(bottom, { type: 'jump', to: 'top', layout });
    expect(seen(top)).toEqual({ index: 0, scroll: 0 });
  });

  it('scrolls by one line when moving past the bottom edge, not by a page', () => {
    let s = loaded();
    for (let i = 0; i < 10; i++) s = run(s, { type: 'move', delta: 1, layout });
    expect(seen(s)).toEqual({ index: 10, scroll: 1 });
    s = run(s, { type: 'move', delta: -1, layout });
    expect(seen(s)).toEqual({ index: 9, scroll: 1 }); // still visible: no jump back
  });

  it('PgDn/PgUp move about a screen and clamp', () => {
    const down = run(loaded(), { type: 'page', direction: 1, layout });
    expect(down.selectedId).toBe('s9');
    const far = run(down, ...Array.from({ length: 10 }, () => ({ type: 'page', direction: 1, layout }) as const));
    expect(far.selectedId).toBe('s49');
    const up = run(far, { type: 'page', direction: -1, layout });
    expect(up.selectedId).toBe('s40');
  });

  it('on an empty list navigation selects nothing and does not throw', () => {
    const empty = flat([], 10);
    const s = run(loaded(), { type: 'move', delta: 1, layout: empty }, { type: 'jump', to: 'bottom', layout: empty });
    expect(resolveIndex(empty, s.selectedId, s.selectedIndex)).toBe(-1);
  });
});

describe('selection follows the session, not the position', () => {
  it('stays on the same session when the filter reorders the list', () => {
    const s = run(loaded(), { type: 'move', delta: 3, layout });
    expect(s.selectedId).toBe('s3');
    const filtered = flat(['s7', 's3', 's9'], 10);
    expect(seen(s, filtered).index).toBe(1);
  });

  it('clamps to the last row when the selected session is filtered out', () => {
    const s = run(loaded(), { type: 'move', delta: 20, layout });
    const filtered = flat(['s1', 's2'], 10);
    expect(seen(s, filtered).index).toBe(1);
  });

  it('a delete selects the neighbour that takes its place', () => {
    let s = run(loaded(), { type: 'move', delta: 2, layout });
    s = run(s, { type: 'ask-delete', id: 's2', index: 1 }, { type: 'deleted', id: 's2', message: 'Deleted' });
    expect(s.view).toBe('list');
    expect(s.flash).toBe('Deleted');
    expect(s.reloadSeq).toBe(1);
    expect(s.selectedId).toBeNull();
    expect(seen(s, flat(['s1', 's3'], 10)).index).toBe(1);
  });
});

describe('search box Esc semantics', () => {
  it('first Esc leaves the box keeping the filter, the second clears it', () => {
    let s = run(loaded(), { type: 'focus-search' }, { type: 'set-query', query: 'fix bug' });
    expect(s.searchFocused).toBe(true);
    s = run(s, { type: 'escape' });
    expect(s).toMatchObject({ searchFocused: false, query: 'fix bug' });
    s = run(s, { type: 'escape' });
    expect(s).toMatchObject({ searchFocused: false, query: '' });
  });
});

describe('editing the query', () => {
  it('types text (controls become spaces) and backspaces whole code points', () => {
    let s = run(loaded(), { type: 'focus-search' }, { type: 'type', text: 'fix' }, { type: 'type', text: '\tbug\r\n' });
    expect(s.query).toBe('fix bug ');
    s = run(initialBrowserState(), { type: 'type', text: 'a😀' }, { type: 'backspace' });
    expect(s.query).toBe('a');
    expect(run(s, { type: 'backspace' }, { type: 'backspace' }).query).toBe('');
  });
});

describe('scope, views and messages', () => {
  it('toggling the scope loads the other one while the list on screen stays, selection and all, until it answers', () => {
    const start = loaded();
    const before = run(start, { type: 'move', delta: 2, layout: flat(start.sessions.map((x) => x.id), 10) });
    expect(before.selectedId).toBe(start.sessions[2]!.id);
    const s = run(before, { type: 'toggle-scope' });
    expect(s).toMatchObject({ scope: 'all', listScope: 'project', loading: true, loadedSeq: -1, selectedId: before.selectedId });
    expect(s.sessions).toBe(before.sessions);
    // The new scope's answer replaces it; the selected session stays selected when it is there.
    const all = [...manySummaries(2, 'p0'), ...before.sessions];
    const after = run(s, { type: 'loaded', scope: 'all', sessions: all, seq: 0 });
    expect(after).toMatchObject({ listScope: 'all', loading: false, selectedId: before.selectedId });
    expect(after.sessions).toBe(all);
  });

  it('a failed load of the new scope takes the old list off screen with it', () => {
    const s = run(loaded(), { type: 'toggle-scope' }, { type: 'load-failed', scope: 'all', message: 'EACCES' });
    expect(s).toMatchObject({ listScope: 'all', sessions: [], error: 'EACCES', selectedId: null });
  });

  it('ignores a load answer for a scope the user already left', () => {
    const s = run(initialBrowserState(), { type: 'toggle-scope' }, { type: 'loaded', scope: 'project', sessions: manySummaries(2) });
    expect(s.loading).toBe(true);
    expect(s.sessions).toEqual([]);
    const failed = run(s, { type: 'load-failed', scope: 'all', message: 'EACCES' });
    expect(failed).toMatchObject({ loading: false, error: 'EACCES' });
  });

  it('c toggles the cost view and w cycles its window', () => {
    let s = run(loaded(), { type: 'toggle-cost' });
    expect(s.view).toBe('cost');
    const windows = [1, 2, 3, 4].map(() => (s = run(s, { type: 'cycle-cost-window' })).costWindow);
    expect(windows).toEqual(['30d', 'all', 'today', '7d']);
    expect(run(s, { type: 'toggle-cost' }).view).toBe('list');
  });

  it('opening a session and closing it returns to the list', () => {
    const s = run(loaded(), { type: 'open-session', id: 's1' });
    expect(s).toMatchObject({ view: 'session', target: 's1', selectedId: 's1' });
    expect(run(s, { type: 'close' })).toMatchObject({ view: 'list', target: null });
  });

  it('a flash message lasts until the next key', () => {
    const s = run(loaded(), { type: 'flash', message: 'Exported to /tmp/x.md' });
    expect(s.flash).toBe('Exported to /tmp/x.md');
    expect(run(s, { type: 'loaded', scope: 'project', sessions: [] }).flash).toBe('Exported to /tmp/x.md');
    expect(run(s, { type: 'move', delta: 1, layout }).flash).toBeNull();
  });
});

describe('layout with group headers and snippet lines', () => {
  const grouped = buildLayout(
    [
      { id: 'a', height: 1, header: true },
      { id: 'b', height: 2, header: false },
      { id: 'c', height: 1, header: true },
      { id: 'd', height: 2, header: false },
    ],
    3,
  );

  it('counts header and snippet lines', () => {
    expect(Array.from(grouped.tops)).toEqual([1, 2, 5, 6]);
    expect(grouped.totalLines).toBe(8);
  });

  it('scrolls so a group header shows above the first row of its group', () => {
    expect(resolveScroll(grouped, 2, 0)).toBe(3); // c's header is line 4, c is line 5: scroll to show both
    expect(resolveScroll(grouped, 0, 5)).toBe(0);
    expect(resolveScroll(grouped, 3, 0)).toBe(5); // d spans 6..7
  });

  it('pages make progress even when items are taller than the step', () => {
    expect(pageIndex(grouped, 0, 1)).toBe(1);
    expect(pageIndex(grouped, 3, -1)).toBe(2);
  });
});

describe('a refresh after the selected session was deleted on disk', () => {
  it('selects the row shown in its place, and keeps that one when another session slots in', async () => {
    const { browserReducer, initialBrowserState } = await import('../src/app/browser-reducer.js');
    const { makeSummary } = await import('./helpers/summary.js');
    const [a, b, c, n] = ['a', 'b', 'c', 'n'].map((id) => makeSummary({ id }));
    let s = browserReducer(initialBrowserState(), { type: 'loaded', scope: 'project', sessions: [a!, b!, c!], seq: 0 });
    s = { ...s, selectedId: 'b', selectedIndex: 1 };
    // b's file is gone: the answer drops it; what was on screen was b itself, so nothing is pinned yet.
    s = browserReducer(s, { type: 'loaded', scope: 'project', sessions: [a!, c!], seq: 0, keep: { id: 'b', offset: 1 } });
    expect(s.selectedId).toBeNull();
    expect(s.selectedIndex).toBe(1); // c, in b's place
    // The screen showed c there; a new session must not move the selection off it.
    s = browserReducer(s, { type: 'loaded', scope: 'project', sessions: [n!, a!, c!], seq: 0, keep: { id: 'c', offset: 1 } });
    expect(s.selectedId).toBe('c');
  });
});

describe('the text index catching up', () => {
  const progress = (files: number, elapsedMs: number) => ({ files, totalFiles: 100, bytes: files * 1000, totalBytes: 100_000, elapsedMs });
  const run = (actions: BrowserAction[]): BrowserState => actions.reduce(browserReducer, initialBrowserState());

  it('searches again every two seconds of indexing and when it ends, and forgets a run of a scope left', () => {
    const started = run([{ type: 'text-indexing', scope: 'project', progress: progress(1, 100) }]);
    expect(started.indexing?.progress?.files).toBe(1);
    expect(started.textSeq).toBe(0);
    const same = browserReducer(started, { type: 'text-indexing', scope: 'project', progress: progress(10, 1900) });
    expect(same.textSeq).toBe(0);
    const later = browserReducer(same, { type: 'text-indexing', scope: 'project', progress: progress(40, 2100) });
    expect(later.textSeq).toBe(1);
    const done = browserReducer(later, { type: 'text-indexed', scope: 'project', count: 100 });
    expect(done.indexing).toBeNull();
    expect(done.textSeq).toBe(2);
    const nothing = browserReducer(done, { type: 'text-indexed', scope: 'project', count: 0 });
    expect(nothing.textSeq).toBe(2);
    expect(browserReducer(later, { type: 'text-indexing', scope: 'all', progress: progress(50, 2200) })).toBe(later);
    expect(browserReducer(later, { type: 'toggle-scope' }).indexing).toBeNull();
  });
});

describe('sort after a load kept the selection on its line', () => {
  it('a new order starts from its top: the kept line is dropped', () => {
    const s0 = run(initialBrowserState(), { type: 'loaded', scope: 'project', sessions: manySummaries(3) });
    const kept = run(s0, { type: 'loaded', scope: 'project', sessions: manySummaries(3), keep: { id: s0.sessions[1]!.id, offset: 1 } });
    expect(kept.anchor).not.toBeNull();
    const sorted = run(kept, { type: 'cycle-sort' });
    expect(sorted).toMatchObject({ sort: 'activity', scroll: 0, anchor: null });
  });
});
