import { describe, expect, it } from 'vitest';
import {
  clampView,
  initialSessionView,
  sessionViewReducer as reduce,
  type SessionViewAction,
  type SessionViewState,
} from '../src/components/session-view-reducer.js';

const vp = { lineCount: 100, page: 10 };

function run(actions: SessionViewAction[], from: SessionViewState = initialSessionView()): SessionViewState {
  return actions.reduce(reduce, from);
}

describe('scrolling', () => {
  it('moves the cursor by line and keeps it inside the viewport', () => {
    const s = run(Array.from({ length: 12 }, () => ({ type: 'move', delta: 1, ...vp }) as const));
    expect(s.cursor).toBe(12);
    expect(s.scroll).toBe(3); // cursor on the last visible row
  });

  it('clamps at the top and at the bottom', () => {
    expect(run([{ type: 'move', delta: -1, ...vp }])).toMatchObject({ cursor: 0, scroll: 0 });
    const bottom = run([{ type: 'bottom', ...vp }, { type: 'move', delta: 5, ...vp }]);
    expect(bottom).toMatchObject({ cursor: 99, scroll: 90 });
    const paged = run(Array.from({ length: 30 }, () => ({ type: 'page', direction: 1, ...vp }) as const));
    expect(paged).toMatchObject({ cursor: 99, scroll: 90 });
    expect(run([{ type: 'top' }], paged)).toMatchObject({ cursor: 0, scroll: 0 });
  });

  it('pages move the window with the cursor', () => {
    const s = run([{ type: 'move', delta: 3, ...vp }, { type: 'page', direction: 1, ...vp }]);
    expect(s).toMatchObject({ cursor: 13, scroll: 10 });
    expect(run([{ type: 'page', direction: -1, half: true, ...vp }], s)).toMatchObject({ cursor: 8, scroll: 5 });
    expect(run([{ type: 'page', direction: -1, ...vp }], s)).toMatchObject({ cursor: 3, scroll: 0 });
    expect(run([{ type: 'page', direction: 1, ...vp }, { type: 'page', direction: 1, ...vp }], initialSessionView())).toMatchObject({ cursor: 20, scroll: 20 });
  });

  it('clampView pulls a cursor back when the lines shrink (after folding)', () => {
    const s = run([{ type: 'bottom', ...vp }]);
    expect(clampView(s, { lineCount: 20, page: 10 })).toMatchObject({ cursor: 19, scroll: 10 });
    expect(clampView(s, { lineCount: 0, page: 10 })).toMatchObject({ cursor: 0, scroll: 0 });
  });
});

describe('transcript search', () => {
  it('confirm takes the box as the query; a match shown is counted and unfolds what hides it', () => {
    const s = run([
      { type: 'searchOpen' },
      { type: 'searchEdit', draft: ' auth ' },
      { type: 'searchConfirm' },
    ]);
    expect(s.search).toEqual({ editing: false, draft: 'auth', cursor: 4, query: 'auth', current: -1 });
    const shown = run([{ type: 'showMatch', index: 2, line: 40, reveal: { entry: 7, open: true, whole: false }, ...vp }], s);
    // Off the screen: it comes a third of the way down, what leads to it above.
    expect(shown).toMatchObject({ cursor: 40, scroll: 37, search: { current: 2 } });
    // On the screen: the view stays.
    expect(run([{ type: 'showMatch', index: 3, line: 44, ...vp }], shown)).toMatchObject({ cursor: 44, scroll: 37 });
    expect([...shown.expanded]).toEqual([7]);
    expect(shown.full.size).toBe(0);
  });

  it('folding keeps the match shown last; a new mode forgets it', () => {
    const shown = run([{ type: 'searchEdit', draft: 'auth' }, { type: 'searchConfirm' }, { type: 'showMatch', index: 4, line: 12, ...vp }]);
    expect(run([{ type: 'toggleExpand', entry: 3 }], shown).search.current).toBe(4);
    expect(run([{ type: 'toggleFromCheckpoint' }], shown).search.current).toBe(-1);
  });

  it('reopening selects the last query: a letter replaces it, a cursor key keeps it; closing drops the selection', () => {
    const searched = run([{ type: 'searchOpen' }, { type: 'searchEdit', draft: 'auth' }, { type: 'searchConfirm' }]);
    const reopened = run([{ type: 'searchOpen' }], searched);
    expect(reopened.search).toEqual({ editing: true, draft: 'auth', cursor: 4, selected: true, query: 'auth', current: -1 });
    expect(run([{ type: 'searchKey', edit: { type: 'insert', text: 'c' } }], reopened).search).toMatchObject({ draft: 'c', cursor: 1 });
    const kept = run([{ type: 'searchKey', edit: { type: 'left' } }, { type: 'searchKey', edit: { type: 'insert', text: 'x' } }], reopened);
    expect(kept.search).toEqual({ editing: true, draft: 'autxh', cursor: 4, query: 'auth', current: -1 });
    expect(run([{ type: 'searchCancel' }], reopened).search.selected).toBeUndefined();
    expect(run([{ type: 'searchConfirm' }], reopened).search.selected).toBeUndefined();
  });

  it('cancel keeps the previous query, clear removes it', () => {
    const s = run([
      { type: 'searchOpen' },
      { type: 'searchEdit', draft: 'one' },
      { type: 'searchConfirm' },
      { type: 'searchOpen' },
      { type: 'searchEdit', draft: 'two' },
      { type: 'searchCancel' },
    ]);
    expect(s.search).toEqual({ editing: false, draft: 'one', cursor: 3, query: 'one', current: -1 });
    expect(run([{ type: 'searchClear' }], s).search.query).toBe('');
  });
});

describe('lines the cursor passes over', () => {
  // Line 5 is a speaker's header (part of the tool call on line 6): not a stop.
  const stops = { ...vp, stop: (line: number) => line !== 5 };

  it('j and k step over it, and a cursor at the top keeps it in sight', () => {
    const down = run(Array.from({ length: 5 }, () => ({ type: 'move', delta: 1, ...stops }) as const));
    expect(down.cursor).toBe(6);
    const up = run([{ type: 'move', delta: -1, ...stops }], down);
    expect(up.cursor).toBe(4);
    const atTop = run([{ type: 'move', delta: 6, ...stops }, { type: 'page', direction: 1, ...stops }, { type: 'move', delta: -10, ...stops }]);
    expect(atTop.cursor).toBe(6);
    expect(atTop.scroll).toBe(5);
  });

  it('unfolding scrolls the body into sight below the entry; folding brings the cursor back to it', () => {
    const at = run([{ type: 'move', delta: 9, ...vp }]);
    expect(at).toMatchObject({ cursor: 9, scroll: 0 });
    const open = run([{ type: 'toggleExpand', entry: 2, lines: { first: 9, last: 30, ...vp, lineCount: 120 } }], at);
    expect(open).toMatchObject({ cursor: 9, scroll: 9 });
    const short = run([{ type: 'toggleExpand', entry: 2, lines: { first: 9, last: 12, ...vp, lineCount: 120 } }], at);
    expect(short).toMatchObject({ cursor: 9, scroll: 3 });
    const deep = run([{ type: 'move', delta: 8, ...vp }], open);
    const folded = run([{ type: 'toggleExpand', entry: 2, lines: { first: 9, last: 9, ...vp } }], deep);
    expect(folded.cursor).toBe(9);
  });
});

describe('modes and folding', () => {
  it('toggles from-checkpoint and returns to the top', () => {
    const s = run([{ type: 'move', delta: 30, ...vp }, { type: 'toggleFromCheckpoint' }]);
    expect(s).toMatchObject({ fromCheckpoint: true, cursor: 0, scroll: 0 });
    expect(run([{ type: 'toggleFromCheckpoint' }], s).fromCheckpoint).toBe(false);
  });

  it('expands and collapses an entry without mutating the previous state', () => {
    const before = initialSessionView();
    const open = reduce(before, { type: 'toggleExpand', entry: 4 });
    expect([...open.expanded]).toEqual([4]);
    expect(before.expanded.size).toBe(0);
    expect(reduce(open, { type: 'toggleExpand', entry: 4 }).expanded.size).toBe(0);
  });

  it('cycles tabs both ways and selects one directly', () => {
    expect(run([{ type: 'cycleTab', delta: 1 }]).tab).toBe('usage');
    expect(run([{ type: 'cycleTab', delta: -1 }]).tab).toBe('resume');
    expect(run([{ type: 'setTab', tab: 'resume' }, { type: 'cycleTab', delta: 1 }]).tab).toBe('replay');
  });
});

describe('panelScroll after a resize', () => {
  it('moves from where the panel is drawn when the stored offset is past the new end', () => {
    // Scrolled to line 40 of a tall Usage tab; the terminal grew and the end is now 10.
    const scrolled = { ...initialSessionView(), tab: 'usage' as const, panelScroll: 40 };
    expect(reduce(scrolled, { type: 'panelScroll', delta: -1, max: 10 }).panelScroll).toBe(9);
  });
});
