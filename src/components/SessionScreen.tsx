/**
 * One opened session: a header, the Replay · Usage · Resume tabs, and a help
 * line. It owns the keyboard while `isActive`; the transcript is loaded on
 * mount through the injected `load` (so tests need no module mocks) and its
 * display lines are built once per (transcript, width, unfolded entries,
 * mode) and then only sliced, so scrolling stays instant on long sessions.
 */
import React, { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useInput, type Key } from 'ink';
import TextInput from 'ink-text-input';
import type { ResumePlan, SessionSummary, Transcript } from '../store/types.js';
import { searchTranscriptLines } from '../store/search/transcript.js';
import { sanitize } from '../format/sanitize.js';
import { relativeTime } from '../format/time.js';
import { displayWidth, padEnd, truncate } from '../format/width.js';
import { buildReplayLines, isFoldable } from '../format/replay-lines.js';
import { Replay } from './Replay.js';
import { UsagePanel } from './UsagePanel.js';
import { ResumePreview } from './ResumePreview.js';
import { Tabs } from './Tabs.js';
import { clampView, initialSessionView, sessionViewReducer, SESSION_TABS, type SessionTab } from './session-view-reducer.js';
import { lineStyles, theme } from './theme.js';

export interface SessionScreenProps {
  /** The session being shown (header, Usage tab). */
  summary: SessionSummary;
  /** Loads the full transcript; called once on mount. */
  load: () => Promise<Transcript>;
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
  /** Whether this screen owns the keyboard. */
  isActive: boolean;
  /** ← or Esc (once no search is open). */
  onBack: () => void;
  /** Enter. */
  onResume: () => void;
}

const TAB_ITEMS: ReadonlyArray<{ id: SessionTab; label: string }> = [
  { id: 'replay', label: 'Replay' }, { id: 'usage', label: 'Usage' }, { id: 'resume', label: 'Resume' },
];

/** Most useful first: a narrow terminal cuts the end. */
const HELP: Record<SessionTab, string> = {
  replay: '↑↓ scroll · Space fold · v all of a huge entry · / search · n/N · f from checkpoint · Tab tabs · Enter resume · ← back · PgUp/PgDn ^U/^D · g/G',
  usage: 'Tab/1-3 tabs · / search · Enter resume · ←/Esc back',
  resume: 'Tab/1-3 tabs · / search · Enter resume · ←/Esc back',
};

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; transcript: Transcript };

/**
 * Loads the transcript once per session. Keyed on the session, not on `load`:
 * the shell may pass a new closure on every render, which must not reload.
 */
function useTranscript(summary: SessionSummary, load: () => Promise<Transcript>): LoadState {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (transcript) => live && setState({ status: 'ready', transcript }),
      (err: unknown) => live && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [summary.id, summary.path]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}

/**
 * useInput with one stable subscription that always calls the latest handler.
 * Ink re-subscribes whenever the handler changes, in a passive effect: a key
 * that arrives between a render and that effect would reach the previous
 * render's handler and act on stale state (fast typing, pasted keys).
 */
function useLatestInput(handler: (input: string, key: Key) => void, isActive: boolean): void {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  const stable = useCallback((input: string, key: Key) => ref.current(input, key), []);
  useInput(stable, { isActive });
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
  const rest = [s.id, s.dialect, s.model, relativeTime(s.updatedAt, nowMs)].filter(Boolean).map((p) => sanitize(p, { singleLine: true }));
  const tail = ` · ${rest.join(' · ')}`;
  // The title keeps at least half the width; the details give way first.
  const title = truncate(sanitize(s.title, { singleLine: true }), Math.max(Math.floor(width / 2), width - displayWidth(tail)));
  return [title, truncate(tail, Math.max(0, width - displayWidth(title)))];
}

export function SessionScreen(props: SessionScreenProps): React.JSX.Element {
  const { summary, plan, width, height, nowMs, isActive, onBack, onResume } = props;
  const tz = props.timeZone ?? 'UTC';
  const loaded = useTranscript(summary, props.load);
  const [state, dispatch] = useReducer(sessionViewReducer, undefined, () => initialSessionView());
  const transcript = loaded.status === 'ready' ? loaded.transcript : null;
  const { expanded, full, fromCheckpoint, revealSecrets, search } = state;
  const lines = useMemo(
    () => (transcript ? buildReplayLines(transcript, { width: Math.max(1, width - 1), expanded, full, fromCheckpoint, tz, moreHint: 'press v to show all', revealSecrets }) : []),
    [transcript, width, expanded, full, fromCheckpoint, tz, revealSecrets],
  );
  const texts = useMemo(() => lines.map((l) => l.text), [lines]);
  const matches = useMemo(() => searchTranscriptLines(texts, search.query), [texts, search.query]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const showSearch = state.tab === 'replay' && (search.editing || search.query !== '');
  const bodyHeight = Math.max(0, height - 3 - (showSearch ? 1 : 0));
  const viewport = { lineCount: lines.length, page: bodyHeight };
  const view = clampView(state, viewport);

  const onKey = (input: string, key: Key): void => {
    if (search.editing) {
      if (key.escape) dispatch({ type: 'searchCancel' });
      return; // every other key belongs to the search box
    }
    if (Array.from(input).length > 1 && !key.ctrl && !key.meta) {
      // Keys typed faster than one read ("jjj", "/word") act one by one; once
      // "/" opens the search box, the rest of the run is its text.
      const chars = Array.from(input);
      const slash = chars.indexOf('/');
      for (const c of slash === -1 ? chars : chars.slice(0, slash)) onKey(c, key);
      if (slash === -1) return;
      dispatch({ type: 'setTab', tab: 'replay' });
      dispatch({ type: 'searchOpen' });
      return dispatch({ type: 'searchEdit', draft: chars.slice(slash + 1).join('').split(/[\r\n]/)[0] ?? '' });
    }
    if (key.escape) return search.query && state.tab === 'replay' ? dispatch({ type: 'searchClear' }) : onBack();
    if (key.leftArrow) return onBack();
    if (key.return) return onResume();
    if (key.tab) return dispatch({ type: 'cycleTab', delta: key.shift ? -1 : 1 });
    const tab = SESSION_TABS[Number(input) - 1];
    if (/^[1-3]$/.test(input) && tab) return dispatch({ type: 'setTab', tab });
    if (input === '/') {
      dispatch({ type: 'setTab', tab: 'replay' });
      return dispatch({ type: 'searchOpen' });
    }
    if (state.tab !== 'replay') return;
    const move = (delta: number): void => dispatch({ type: 'move', delta, ...viewport });
    if (key.upArrow || input === 'k') move(-1);
    else if (key.downArrow || input === 'j') move(1);
    else if (key.pageUp || key.pageDown) dispatch({ type: 'page', direction: key.pageUp ? -1 : 1, ...viewport });
    else if (key.ctrl && (input === 'u' || input === 'd')) dispatch({ type: 'page', direction: input === 'u' ? -1 : 1, half: true, ...viewport });
    else if (input === 'g' || key.home) dispatch({ type: 'top' });
    else if (input === 'G' || key.end) dispatch({ type: 'bottom', ...viewport });
    else if (input === 'f') dispatch({ type: 'toggleFromCheckpoint' });
    else if (input === 's') dispatch({ type: 'toggleSecrets' });
    else if (input === 'n' || input === 'N') dispatch({ type: 'jumpMatch', direction: input === 'n' ? 1 : -1, matches, ...viewport });
    else if (input === 'v') {
      const entry = lines[view.cursor]?.entry ?? -1;
      if (entry >= 0) dispatch({ type: 'toggleFull', entry });
    } else if (input === ' ') {
      const entry = lines[view.cursor]?.entry ?? -1;
      if (transcript && isFoldable(transcript.entries[entry])) dispatch({ type: 'toggleExpand', entry });
    }
  };
  useLatestInput(onKey, isActive);

  const [title, tail] = headerParts(summary, nowMs, width);
  const current = matches.indexOf(view.cursor);
  const searchStatus = `search "${sanitize(search.query, { singleLine: true })}": ${
    matches.length === 0 ? 'no matches' : `${current >= 0 ? `${current + 1}/` : ''}${matches.length} ${matches.length === 1 ? 'match' : 'matches'} · n/N`
  } · Esc clears`;

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>{title}</Text>
        <Text color={theme.muted}>{tail}</Text>
      </Text>
      <Tabs tabs={TAB_ITEMS} active={state.tab} width={width} />
      {/* A fixed-height body keeps the help line in place, and clips anything that would spill. */}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {state.tab === 'replay' && loaded.status === 'loading' && <LoadingView />}
        {state.tab === 'replay' && loaded.status === 'error' && <LoadErrorView message={loaded.message} width={width} />}
        {state.tab === 'replay' && transcript && (
          <Replay lines={lines} scroll={view.scroll} cursor={isActive && !search.editing ? view.cursor : -1} height={bodyHeight} query={search.query} matches={matchSet} />
        )}
        {state.tab === 'usage' && <UsagePanel summary={summary} transcript={transcript} width={width} height={bodyHeight} />}
        {state.tab === 'resume' && <ResumePreview plan={plan} nowMs={nowMs} timeZone={tz} width={width} height={bodyHeight} />}
      </Box>
      {showSearch && search.editing && (
        <Box width={width} height={1} overflow="hidden">
          <Text color={theme.accent}>/</Text>
          <TextInput
            value={search.draft}
            focus={isActive}
            onChange={(draft) => dispatch({ type: 'searchEdit', draft })}
            onSubmit={(draft) => dispatch({ type: 'searchConfirm', matches: searchTranscriptLines(texts, draft.trim()), ...viewport })}
          />
        </Box>
      )}
      {showSearch && !search.editing && <Text wrap="truncate" color={theme.match}>{truncate(searchStatus, width)}</Text>}
      <Text wrap="truncate" color={theme.muted}>{helpLine(HELP[state.tab], state.tab === 'replay' && lines.length > bodyHeight ? position(view.cursor, lines.length) : '', width)}</Text>
    </Box>
  );
}

/** "line 120/2412 (5%)": where the cursor is in a transcript longer than the screen. */
function position(cursor: number, count: number): string {
  return `line ${cursor + 1}/${count} (${Math.round(((cursor + 1) / count) * 100)}%)`;
}

/** The help text cut to leave room for the position at the right edge. */
function helpLine(help: string, right: string, width: number): string {
  if (!right) return truncate(help, width);
  const room = Math.max(0, width - displayWidth(right) - 2);
  return `${padEnd(truncate(help, room), room)}  ${right}`;
}
