/**
 * One opened session: a header, the Replay · Usage · Resume tabs, and a help
 * line. It reads no keys itself: the app's one keypress owner resolves them
 * through its key table and hands the commands to `ref.run` (a handle, so
 * the screen keeps its own state and derived lines). The transcript is loaded on
 * mount through the injected `load` (so tests need no module mocks) as a
 * windowed view (TranscriptView: big texts stay in the log until drawn); its
 * display lines are counted once per (transcript, width, unfolded entries,
 * mode) and only the visible window is built (format/replay-window.ts), so
 * scrolling stays instant and memory bounded on sessions of any size. The
 * `/` search and its n/N jumps are use-replay-search.ts.
 */
import React, { useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ResumeFrom, ResumePlan, SessionSummary, Transcript, TranscriptView } from '../store/types.js';
import { memoryView, type TranscriptLive, type TranscriptProgress } from '../store/scan/transcript-index.js';
import { transcriptProgressLine } from '../format/progress.js';
import type { TranscriptHits } from '../store/search/transcript-find.js';
import { sanitize } from '../format/sanitize.js';
import { relativeTime } from '../format/time.js';
import { displayWidth, padEnd, truncate } from '../format/width.js';
import { isFoldable } from '../format/replay-lines.js';
import { ReplayLines } from '../format/replay-window.js';
import { useRewrapAnchor } from './use-rewrap-anchor.js';
import { Replay } from './Replay.js';
import { UsagePanel, usageLines } from './UsagePanel.js';
import { ResumePreview, resumeLines } from './ResumePreview.js';
import { scrollWindow } from './scroll-window.js';
import { Tabs } from './Tabs.js';
import { clampView, initialSessionView, sessionViewReducer, type SessionCommand, type SessionTab } from './session-view-reducer.js';
import { editOf } from './line-editor.js';
import { LineInput } from './LineInput.js';
import { helpBarText, type HelpBarEntry } from './HelpBar.js';
import { useReplaySearch } from './use-replay-search.js';
import { useSyncReducer } from './use-sync-reducer.js';
import { lineStyles, theme } from './theme.js';

/** What the keypress owner drives the screen through. */
export interface SessionScreenHandle {
  /** True while the transcript search box has the keyboard (key-table mode 'find'). */
  searching(): boolean;
  /**
   * Carry out one command of the key table (`input`: the typed text of a
   * 'type'); false when it does not apply here, so the key goes on (to the
   * next binding, then the global keys).
   */
  run(cmd: SessionCommand | string, input: string): boolean;
}

export interface SessionScreenProps {
  /** The session being shown (header, Usage tab). */
  summary: SessionSummary;
  /**
   * Loads the transcript (windowed, or whole in memory); called once on
   * mount. `live` hears how far a big one has come, with a view of the
   * entries so far (drawn meanwhile), and aborts the read when the screen goes.
   */
  load: (live?: TranscriptLive) => Promise<TranscriptView | Transcript>;
  /** What Enter will do (Resume tab). */
  plan: ResumePlan;
  /** Columns available. */
  width: number;
  /** Rows available: the screen never renders more lines than this. */
  height: number;
  /** "Now" in epoch ms, for ages and the cache countdown. */
  nowMs: number;
  /** IANA zone of the replay's clock times and the checkpoint time (FORMAT.md §3); 'UTC' when omitted. */
  timeZone?: string;
  /** Whether this screen is in front (shows the replay cursor). */
  isActive: boolean;
  /**
   * The help line's entries, from the app's key table: on the Replay tab,
   * while the search box is open, on the other tabs (`other`), and on the
   * Resume tab of a session with checkpoints (`choice`); the last two fall
   * back to `session`.
   */
  help?: { session: readonly HelpBarEntry[]; find: readonly HelpBarEntry[]; other?: readonly HelpBarEntry[]; choice?: readonly HelpBarEntry[] };
  /** Where the keypress owner sends commands. */
  ref?: React.Ref<SessionScreenHandle>;
  /** ← or Esc (once no search is open). */
  onBack: () => void;
  /** Enter; `from`: the Resume tab's choice, for a session with checkpoints. */
  onResume: (from?: ResumeFrom) => void;
  /** @internal Tests: how long a search may run in the turn that asks for it before it goes on in slices (replay-hits.ts SEARCH_NOW_MS). */
  searchNowMs?: number;
}

const TAB_ITEMS: ReadonlyArray<{ id: SessionTab; label: string }> = [
  { id: 'replay', label: 'Replay' }, { id: 'usage', label: 'Usage' }, { id: 'resume', label: 'Resume' },
];

/** Without the app's table (a screen on its own), the essentials. */
const DEFAULT_HELP: { session: HelpBarEntry[]; find: HelpBarEntry[] } = {
  session: [{ keys: 'enter', label: 'resume' }, { keys: '←', label: 'back' }, { keys: 'tab', label: 'tabs' }, { keys: '/', label: 'search' }],
  find: [{ keys: 'enter', label: 'find' }, { keys: 'esc', label: 'cancel' }],
};

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; transcript: TranscriptView }
  /** A big session being read: the entries so far are drawn, keys work; bytes read of the total. */
  | { status: 'partial'; transcript: TranscriptView; bytes: number; totalBytes: number };

/**
 * Loads the transcript once per session. Keyed on the session, not on `load`:
 * the shell may pass a new closure on every render, which must not reload.
 * While a big one is read, the entries so far are shown: a new view of them
 * is taken when their count has doubled since the last (each view's lines are
 * counted in full, so doubling keeps the total work within twice the final
 * count's), and the bytes read update the progress line at every report.
 */
function useTranscript(
  summary: SessionSummary,
  load: (live?: TranscriptLive) => Promise<TranscriptView | Transcript>,
  reloads: number,
): LoadState {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  // The session whose read ended whole ('' while none has): r keeps its entries on screen while it reads again.
  const readyFor = useRef('');
  useEffect(() => {
    let live = true;
    const stop = new AbortController();
    let shown = 0;
    const key = `${summary.id}\0${summary.path}`;
    // Read again (r) after a whole read of this session: the old entries stay on screen until the new read is
    // whole, never a shorter partial view. r during a first read starts it again, its progress shown as before.
    const again = reloads > 0 && readyFor.current === key;
    if (!again) readyFor.current = '';
    if (!again) setState({ status: 'loading' });
    const onProgress = (p: TranscriptProgress): void => {
      if (!live) return;
      const { bytes, totalBytes } = p;
      if (shown === 0 || p.count >= 2 * shown) {
        shown = Math.max(1, p.count);
        setState({ status: 'partial', transcript: p.snapshot(), bytes, totalBytes });
      } else setState((s) => (s.status === 'partial' ? { ...s, bytes, totalBytes } : s));
    };
    load(again ? { signal: stop.signal } : { onProgress, signal: stop.signal }).then(
      (t) => {
        if (!live) return;
        readyFor.current = key;
        setState({ status: 'ready', transcript: 'entries' in t ? memoryView(t) : t });
      },
      (err: unknown) => live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
      // Left before it was read: the read stops instead of going on through a gigabyte for nobody.
      stop.abort();
    };
  }, [summary.id, summary.path, reloads]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}

/**
 * True when the list's summary of a session knows of records that the
 * transcript's own summary (folded by the same read) does not: the file
 * grew after it was read. Only newer counts: a list drawn from the catalog
 * before its check may be older than a transcript read just now.
 */
export function listIsAhead(list: SessionSummary, read: SessionSummary): boolean {
  if (list.updatedAt !== read.updatedAt) return list.updatedAt > read.updatedAt;
  return list.messageCount > read.messageCount || list.toolCalls > read.toolCalls || list.checkpoints > read.checkpoints || list.tokens.total > read.tokens.total;
}

/** Shown in the Replay tab while the transcript loads. */
const LoadingView = (): React.JSX.Element => <Text color={theme.muted}>Loading transcript…</Text>;

/** Shown in the Replay tab when the transcript could not be read. */
function LoadErrorView({ message, width }: { message: string; width: number }): React.JSX.Element {
  return (
    <Box flexDirection="column">
      <Text color={lineStyles.error.color} wrap="truncate">{truncate(`Could not load this session: ${sanitize(message, { singleLine: true })}`, width)}</Text>
      <Text color={theme.muted}>{truncate('The Usage and Resume tabs still work. ← goes back.', width)}</Text>
    </Box>
  );
}

/** "Fix flaky auth · fix-auth · store · claude-sonnet-4.6 · 2h ago". */
function headerParts(s: SessionSummary, nowMs: number, width: number): [string, string] {
  const rest = [s.id, s.dialect, s.branch ? `branch ${s.branch}` : '', s.model, relativeTime(s.updatedAt, nowMs)].filter(Boolean).map((p) => sanitize(p, { singleLine: true }));
  const tail = ` · ${rest.join(' · ')}`;
  // The title keeps at least half the width; the details give way first.
  const title = truncate(sanitize(s.title, { singleLine: true }), Math.max(Math.floor(width / 2), width - displayWidth(tail)));
  return [title, truncate(tail, Math.max(0, width - displayWidth(title)))];
}

export function SessionScreen(props: SessionScreenProps): React.JSX.Element {
  const { summary, plan, width, height, nowMs, isActive, onBack, onResume } = props;
  const tz = props.timeZone ?? 'UTC';
  const [reloads, setReloads] = useState(0);
  const loaded = useTranscript(summary, props.load, reloads);
  // The list follows the file on disk; an opened replay is read once: say when it is behind, r reads it again.
  const stale = loaded.status === 'ready' && listIsAhead(summary, loaded.transcript.summary);
  const [state, store] = useSyncReducer(sessionViewReducer, () => initialSessionView());
  const transcript = loaded.status === 'ready' || loaded.status === 'partial' ? loaded.transcript : null;
  // "reading 312 MB of 954 MB…" under the entries drawn so far.
  const reading = loaded.status === 'partial' && state.tab === 'replay' ? transcriptProgressLine(loaded.bytes, loaded.totalBytes) : null;
  const { expanded, full, fromCheckpoint, revealSecrets, search } = state;
  const lines = useMemo(
    () => (transcript ? new ReplayLines(transcript, { width: Math.max(1, width - 1), expanded, full, fromCheckpoint, tz, moreHint: 'press v to show all', revealSecrets }) : null),
    [transcript, width, expanded, full, fromCheckpoint, tz, revealSecrets],
  );
  const lineCount = lines?.count ?? 0;
  const showSearch = state.tab === 'replay' && (search.editing || search.query !== '');
  const bodyHeight = Math.max(0, height - 3 - (showSearch ? 1 : 0) - (reading ? 1 : 0));
  const viewport = { lineCount, page: bodyHeight, stop: lines ? (line: number) => lines.isStop(line) : undefined };
  const view = clampView(state, viewport);
  useRewrapAnchor(lines, width, view, (cursor, scroll) => store.dispatch({ type: 'rewrapped', cursor, scroll, ...viewport }));
  const { hits, searching, locator, showHit } = useReplaySearch({
    transcript, lines, query: search.query, width, tz, fromCheckpoint, revealSecrets, viewport, store, searchNowMs: props.searchNowMs,
  });
  const matchSet = locator ? locator.linesIn(view.scroll, view.scroll + bodyHeight) : new Set<number>();

  // The Usage and Resume tabs scroll when taller than the body.
  const resumeFrom = summary.checkpoints > 0 ? state.resumeFrom : undefined;
  const panelCount = useMemo(
    () =>
      state.tab === 'usage'
        ? usageLines(summary, transcript, width).length
        : state.tab === 'resume'
          ? resumeLines(plan, nowMs, width, tz, resumeFrom, summary.messageCount).length
          : 0,
    [state.tab, summary, transcript, width, plan, nowMs, tz, resumeFrom],
  );
  const panel = scrollWindow(panelCount, bodyHeight, state.panelScroll);
  // Commands of a burst run before the next render: they read the latest state and lines.
  const latest = useRef({ lines, transcript, viewport, onBack, onResume, summary, panel });
  latest.current = { lines, transcript, viewport, onBack, onResume, summary, panel };
  useImperativeHandle(
    props.ref,
    () => ({
      searching: () => store.get().search.editing,
      run: (cmd, input) => runCommand(cmd, input),
    }),
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const runCommand = (cmd: string, input: string): boolean => {
    const { lines, transcript, viewport, onBack, onResume, summary, panel } = latest.current;
    const entryAt = (line: number): number => (lines && line >= 0 && line < lines.count ? lines.at(line).entry : -1);
    const lineCountNow = (): number => lines?.count ?? 0;
    const s = store.get();
    const dispatch = store.dispatch;
    if (s.search.editing) {
      const edit = editOf(cmd, input);
      if (edit) {
        // → at the end of the box has nothing to move over: consumed all the same (the box owns the keys).
        dispatch({ type: 'searchKey', edit });
        return true;
      }
      if (cmd === 'find-cancel') dispatch({ type: 'searchCancel' });
      else if (cmd === 'find-confirm') {
        dispatch({ type: 'searchConfirm' });
        showHit(s.search.draft.trim(), 'at', -1);
      } else return false;
      return true;
    }
    switch (cmd) {
      case 'back':
        onBack();
        return true;
      case 'resume':
        onResume(summary.checkpoints > 0 ? s.resumeFrom : undefined);
        return true;
      case 'resume-from':
        if (s.tab !== 'resume' || summary.checkpoints === 0) return false;
        dispatch({ type: 'toggleResumeFrom' });
        return true;
      case 'clear-find':
        if (!(s.search.query && s.tab === 'replay')) return false;
        dispatch({ type: 'searchClear' });
        return true;
      case 'next-tab':
      case 'prev-tab':
        dispatch({ type: 'cycleTab', delta: cmd === 'next-tab' ? 1 : -1 });
        return true;
      case 'tab-replay':
      case 'tab-usage':
      case 'tab-resume':
        dispatch({ type: 'setTab', tab: cmd.slice(4) as SessionTab });
        return true;
      case 'find':
        dispatch({ type: 'setTab', tab: 'replay' });
        dispatch({ type: 'searchOpen' });
        return true;
      case 'reveal-secrets':
        dispatch({ type: 'toggleSecrets' });
        return true;
      case 'reload':
        setReloads((n) => n + 1);
        return true;
    }
    if (s.tab !== 'replay') {
      const page = Math.max(1, panel.page - 1);
      const delta = ({ up: -1, down: 1, 'page-up': -page, 'page-down': page, 'half-page-up': -Math.ceil(page / 2), 'half-page-down': Math.ceil(page / 2), top: -Infinity, bottom: Infinity } as Record<string, number>)[cmd];
      if (delta === undefined) return false;
      dispatch({ type: 'panelScroll', delta, max: panel.max });
      return true;
    }
    const view = clampView(s, viewport);
    switch (cmd) {
      case 'up':
      case 'down':
        dispatch({ type: 'move', delta: cmd === 'up' ? -1 : 1, ...viewport });
        return true;
      case 'page-up':
      case 'page-down':
      case 'half-page-up':
      case 'half-page-down':
        dispatch({ type: 'page', direction: cmd.endsWith('up') ? -1 : 1, half: cmd.startsWith('half'), ...viewport });
        return true;
      case 'top':
        dispatch({ type: 'top' });
        return true;
      case 'bottom':
        dispatch({ type: 'bottom', ...viewport });
        return true;
      case 'from-checkpoint':
        dispatch({ type: 'toggleFromCheckpoint' });
        return true;
      case 'next-match':
      case 'prev-match':
        showHit(s.search.query, cmd === 'next-match' ? 'next' : 'prev', s.search.current);
        return true;
      case 'fold': {
        const entry = entryAt(view.cursor);
        if (!transcript || !lines || entry < 0 || !isFoldable(transcript.held(entry).entry)) return true;
        // Where the entry's lines will be once toggled: its first line stays where it is, its height changes.
        const height = lines.height(entry, { open: !s.expanded.has(entry), whole: s.full.has(entry) });
        const first = lines.firstLine(entry);
        dispatch({ type: 'toggleExpand', entry, lines: { first, last: first + height - 1, ...viewport, lineCount: lines.count - lines.height(entry) + height } });
        return true;
      }
      case 'show-all': {
        // On a line of no entry (the day's banner the replay opens on) v means the entry under it, not nothing.
        let entry = -1;
        for (let line = view.cursor; entry < 0 && line < Math.min(lineCountNow(), view.cursor + viewport.page); line++) entry = entryAt(line);
        // Only an entry cut short (or shown whole) changes: "n entries whole" counts what v opened, nothing else.
        if (!transcript || !lines || entry < 0 || !lines.cutsShort(entry)) return true;
        const showing = !s.full.has(entry);
        dispatch({ type: 'toggleFull', entry });
        // A folded one is unfolded too: shown whole yet folded, nothing on screen would change.
        if (showing && !s.expanded.has(entry) && isFoldable(transcript.held(entry).entry)) {
          const height = lines.height(entry, { open: true, whole: true });
          const first = lines.firstLine(entry);
          dispatch({ type: 'toggleExpand', entry, lines: { first, last: first + height - 1, ...viewport, lineCount: lines.count - lines.height(entry) + height } });
        }
        return true;
      }
      default:
        return false;
    }
  };

  const [title, tail] = headerParts(summary, nowMs, width);
  const searchStatus = `search "${sanitize(search.query, { singleLine: true })}": ${searching ? 'searching…' : searchCounter(hits, search.current)} · Esc clears`;

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>{title}</Text>
        <Text color={theme.muted}>{tail}</Text>
      </Text>
      <Tabs tabs={TAB_ITEMS} active={state.tab} width={width} note={modesNote(state.tab, revealSecrets, full.size, stale)} />
      {/* A fixed-height body keeps the help line in place, and clips anything that would spill. */}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {state.tab === 'replay' && loaded.status === 'loading' && <LoadingView />}
        {state.tab === 'replay' && loaded.status === 'error' && <LoadErrorView message={loaded.message} width={width} />}
        {state.tab === 'replay' && lines && (
          <Replay lines={lines} scroll={view.scroll} cursor={isActive && !search.editing ? view.cursor : -1} height={bodyHeight} query={highlightQuery(hits, search.query)} matches={matchSet} />
        )}
        {state.tab === 'usage' && <UsagePanel summary={summary} transcript={transcript} width={width} height={bodyHeight} scroll={state.panelScroll} />}
        {state.tab === 'resume' && (
          <ResumePreview
            plan={plan}
            nowMs={nowMs}
            timeZone={tz}
            width={width}
            height={bodyHeight}
            from={resumeFrom}
            wholeMessages={summary.messageCount}
            scroll={state.panelScroll}
          />
        )}
      </Box>
      {showSearch && search.editing && (
        <Box width={width} height={1} overflow="hidden">
          <Text color={theme.accent}>/</Text>
          <LineInput line={{ text: search.draft, cursor: search.cursor, ...(search.selected ? { selected: true } : {}) }} width={Math.max(0, width - 1)} />
        </Box>
      )}
      {showSearch && !search.editing && <Text wrap="truncate" color={theme.match}>{truncate(searchStatus, width)}</Text>}
      {reading && <Text wrap="truncate" color={theme.muted}>{truncate(reading, width)}</Text>}
      <Text wrap="truncate" color={theme.muted}>{helpLine(helpFor(props.help ?? DEFAULT_HELP, search.editing ? 'find' : state.tab, summary.checkpoints > 0), state.tab === 'replay' && lineCount > bodyHeight ? position(view.cursor, lineCount, loaded.status === 'partial') : '', width)}</Text>
    </Box>
  );
}

/**
 * "match 3/17 · n/N", "17 matches · n/N" before one is shown, "no matches";
 * with "similar: login" when the hits hold near spellings, not the words
 * as typed (as the list's search says it). The count comes first: a narrow
 * screen cuts the end of the line.
 */
export function searchCounter(hits: TranscriptHits, current: number): string {
  if (hits.count === 0) return 'no matches';
  const similar = hits.similar ? ` · similar: ${hits.similar.length > 0 ? hits.similar.join(', ') : 'near spellings'}` : '';
  const where = current >= 0 && current < hits.count ? `match ${current + 1}/${hits.count}` : `${hits.count} ${hits.count === 1 ? 'match' : 'matches'}`;
  return `${where}${similar} · n/N`;
}

/** What the replay highlights: the query's words, or the near spellings that matched instead. */
function highlightQuery(hits: TranscriptHits, query: string): string {
  return hits.similar && hits.similar.length > 0 ? hits.similar.join(' ') : query;
}

/** The hints for what has the keys: the search box, or the tab in front. */
function helpFor(help: NonNullable<SessionScreenProps['help']>, at: SessionTab | 'find', checkpoints: boolean): readonly HelpBarEntry[] {
  if (at === 'find') return help.find;
  if (at === 'replay') return help.session;
  return (at === 'resume' && checkpoints ? help.choice : help.other) ?? help.session;
}

/**
 * The replay's modes that `s` and `v` switch, said on the tab line for as
 * long as they hold (neither shows anything on a transcript with no secret
 * or no huge entry, so a key press would otherwise leave no trace), and
 * that the session's file changed since it was read (`stale`: r reads it again).
 */
export function modesNote(tab: SessionTab, revealSecrets: boolean, whole: number, stale = false): string {
  if (tab !== 'replay') return '';
  const modes = [
    stale ? 'changed on disk (r reads again)' : '',
    revealSecrets ? 'secrets shown (s)' : '',
    whole > 0 ? `${whole} ${whole === 1 ? 'entry' : 'entries'} whole (v)` : '',
  ];
  return modes.filter(Boolean).join(' · ');
}

/** "line 120/2412 (5%)": where the cursor is in a transcript longer than the screen; "line 120/2412 so far" while it is still read. */
function position(cursor: number, count: number, partial = false): string {
  return `line ${cursor + 1}/${count} ${partial ? 'so far' : `(${Math.round(((cursor + 1) / count) * 100)}%)`}`;
}

/** The hints that fit beside the position at the right edge: whole hints only, never one cut short. */
function helpLine(entries: readonly HelpBarEntry[], right: string, width: number): string {
  if (!right) return helpBarText(entries, width);
  const room = Math.max(0, width - displayWidth(right) - 2);
  return `${padEnd(helpBarText(entries, room), room)}  ${right}`;
}
