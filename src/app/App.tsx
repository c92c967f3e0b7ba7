/**
 * The interactive browser: one reducer for the state (run in a synchronous
 * store), the list derived from it, and one screen at a time (list, session, cost, help, delete dialog).
 * The whole frame stays at most `rows - 1` lines so Ink never clears the
 * terminal, and every line fits the width so nothing wraps.
 */
import React, { useCallback, useMemo, useRef, useState } from 'react';
import { Box, Text, useStdout } from 'ink';
import { sanitize } from '../format/sanitize.js';
import { truncate } from '../format/width.js';
import { wrapLine } from '../format/wrap.js';
import { CostView, costPage, costScrollMax, costViewParts } from '../components/CostView.js';
import { buildCostModel } from '../components/cost-model.js';
import { SessionScreen, type SessionScreenHandle } from '../components/SessionScreen.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { HelpBar } from '../components/HelpBar.js';
import { HelpOverlay, helpScrollMax } from '../components/HelpOverlay.js';
import { PreviewStrip } from '../components/PreviewStrip.js';
import { SearchBox } from '../components/SearchBox.js';
import { SessionList } from '../components/SessionList.js';
import { StatusBar } from '../components/StatusBar.js';
import { EmptyState, ErrorState, Loading, SkippedNote } from '../components/States.js';
import { theme } from '../components/theme.js';
import { initialBrowserState, visibleScroll, type BrowserState, type KeptSelection } from './browser-reducer.js';
import { inputMode, resumeOrAsk, targetOf, useBrowserInput } from './hooks/use-browser-input.js';
import { useBrowserStore } from './hooks/use-browser-store.js';
import { createListDeriver, SORT_LABELS } from './list-model.js';
import { BADGE_SECTION, helpBarEntries, helpSectionsFor } from './keys.js';
import { useIndexingPause, useSessionsLoader, useStoreWarning, useTextIndexer, withTopOfList } from './hooks/use-sessions-loader.js';
import { useLiveRefresh, type RefreshCost } from './hooks/use-live-refresh.js';
import { useSearchWarmup } from './hooks/use-search-warmup.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { resolveIndex } from '../components/list-layout.js';
import type { SessionSummary } from '../store/types.js';
import type { SessionLabel } from '../store/labels.js';
import { LineInput } from '../components/LineInput.js';
import type { BrowserExit, BrowserSource, ResumeFrom, Scope, TranscriptLive } from './source.js';

export interface AppProps {
  /** Data and side effects (the store in the CLI, a fake in tests). */
  source: BrowserSource;
  /** Called once with how the browser ended; the caller unmounts (and spawns for 'resume'). */
  onExit: (exit: BrowserExit) => void;
  /** Start in this scope (default 'project'; 'all' for --all). */
  initialScope?: Scope;
  /** Start with this search filter. */
  initialQuery?: string;
}

/** Lines of the list screen besides the list: status, search, column header, help bar. */
const CHROME_LINES = 4;

/** Lines a one-line message may wrap to: what it says after "Exported …" or "Deleted …" (a path, a command) must not be cut at 80 columns. */
const FLASH_LINES = 2;

/**
 * The lines of the message under the list (state.flash) at `width`: wrapped
 * at spaces to at most FLASH_LINES lines, the last cut with '…' if more was
 * left. Text from logs in it is made single-line and inert first.
 */
export function flashLines(message: string, width: number): string[] {
  // Asked up to three times a render while a message shows (the frame's budget, the list model's, the drawing):
  // the last answer is kept, not wrapped again.
  if (lastFlash.message === message && lastFlash.width === width) return lastFlash.lines;
  let lines = wrapLine(sanitize(message, { singleLine: true }), Math.max(1, width));
  if (lines.length > FLASH_LINES) {
    const kept = lines.slice(0, FLASH_LINES);
    kept[FLASH_LINES - 1] = truncate(`${kept[FLASH_LINES - 1]} ${lines[FLASH_LINES]}`, width);
    lines = kept;
  }
  lastFlash = { message, width, lines };
  return lines;
}

let lastFlash: { message: string; width: number; lines: string[] } = { message: '', width: 0, lines: [] };

/** How the list screen spends `rows - 1` lines (so Ink never clears the terminal). */
export function frameBudget(rows: number, state: BrowserState, width: number): { budget: number; bottom: number; viewport: number } {
  const budget = Math.max(3, rows - 1);
  // The preview strip (or the delete dialog) takes two lines, dropped on tiny terminals.
  const bottom = isDialog(state.view) || budget >= 14 ? 2 : 0;
  const flash = state.flash ? flashLines(state.flash, width).length : 0;
  // The note naming skipped project folders (symbolic links) or unreadable files, under the header.
  const note = state.skipped.length > 0 ? 1 : 0;
  return { budget, bottom, viewport: Math.max(1, budget - CHROME_LINES - bottom - flash - note) };
}

/** The user's names and pins; a source that cannot read them has none (never a crash). */
function readLabelsOf(source: BrowserSource): ReadonlyMap<string, SessionLabel> | undefined {
  try {
    return source.labels?.();
  } catch {
    return undefined;
  }
}

/** Every key of every mode (the one under the overlay first), then the badge legend. */
const overlaySections = (here: ReturnType<typeof inputMode>) => [...helpSectionsFor(here), BADGE_SECTION];

/** The session screen's help lines, from the key table. */
const REPLAY_ONLY = ['down', 'fold', 'next-match', 'from-checkpoint'] as const;
const SESSION_HELP = {
  session: helpBarEntries('session', ['resume-from']),
  find: helpBarEntries('find'),
  // The Usage and Resume tabs neither scroll nor fold; ↑↓ chooses where a resume starts when there is a checkpoint.
  other: helpBarEntries('session', [...REPLAY_ONLY, 'resume-from']),
  choice: helpBarEntries('session', REPLAY_ONLY),
};

/** The views that draw a two-line dialog where the preview strip goes. */
const isDialog = (view: BrowserState['view']): boolean => view === 'confirm-delete' || view === 'confirm-resume';

export function App({ source, onExit, initialScope, initialQuery }: AppProps): React.JSX.Element {
  const [state, store] = useBrowserStore(() =>
    withTopOfList(source, initialBrowserState({ scope: initialScope ?? (source.project ? 'project' : 'all'), query: initialQuery ?? '', labels: readLabelsOf(source) })),
  );
  const { columns: width, rows } = useTerminalSize();
  const selectedRef = useRef<KeptSelection | null>(null);
  const selectedNow = useCallback(() => selectedRef.current, []);
  // What a refresh took (ms): changes on disk and the clock refresh no more often than it allows.
  const [refreshCost] = useState<RefreshCost>(() => ({ ms: 0, startedAt: 0, endedAt: 0 }));
  useSessionsLoader(source, state.scope, state.reloadSeq, store, selectedNow, refreshCost);
  useLiveRefresh(source, state.scope, store, refreshCost);
  useTextIndexer(source, state.scope, state.loadedSeq, store);
  // A session open in the replay reads its file alone: indexing waits until the user is back in the list.
  useIndexingPause(source, state.view === 'session' && state.target !== null);
  useStoreWarning(source, state.loadedSeq >= 0, store);
  const nowMs = source.nowMs();
  const { budget, bottom, viewport } = frameBudget(rows, state, width);

  const [derive] = useState(createListDeriver);
  const projectLabel = useCallback((id: string) => source.projectLabel(id), [source]);
  // A new function when the index grew (textSeq): the list model then runs the search again.
  const search = useCallback((query: string, sessions: readonly SessionSummary[]) => source.search(query, sessions), [source, state.textSeq]);
  const listOf = useCallback(
    (s: BrowserState) =>
      derive({
        sessions: s.sessions,
        includeEmpty: source.includeEmpty,
        query: s.query,
        search,
        // The scope of the rows on screen: after `a` the old list stays until the new one answers.
        scope: s.listScope,
        projectLabel,
        viewport: frameBudget(rows, s, width).viewport,
        labels: s.labels,
        sort: s.sort,
        partial: s.partial,
      }),
    [derive, projectLabel, search, rows, width, source.includeEmpty],
  );
  const model = listOf(state);
  useSearchWarmup(source, model.searched, state.loadedSeq >= 0 && !state.stale && state.partial === null);
  const index = resolveIndex(model.layout, state.selectedId, state.selectedIndex);
  const scroll = visibleScroll(state, model.layout, index);
  const selected = model.items.at(index)?.summary ?? null;
  selectedRef.current = selected ? { id: selected.id, offset: (model.layout.tops[index] ?? 0) - scroll, top: index === 0 && scroll === 0 } : null;
  const target = useMemo(() => targetOf(state), [state]);
  // Looking the trash up costs a readdir per project: once per delete dialog, not per redraw.
  const restoreHint = useMemo(
    () => (state.view === 'confirm-delete' && target ? source.restoreHint(target) : undefined),
    [source, state.view, target],
  );
  const plan = useMemo(() => {
    const s = state.view === 'session' ? target : selected;
    if (!s) return null;
    try {
      return source.resumePlan(s);
    } catch {
      return null; // the preview is a courtesy; opening the session reports the problem
    }
  }, [source, selected, target, state.view]);

  const scopeLabel =
    (state.listScope === 'all' ? 'all projects' : (source.project?.root ?? 'all projects')) +
    (state.query.trim() ? ` · matching “${state.query.trim()}”` : '') +
    // Only the top of the list is in yet (the first frame, a cold start): the figures grow with it.
    (state.partial ? ' · so far' : '');
  const costHeight = budget - 2 - (state.skipped.length > 0 ? 1 : 0);
  const helpHeight = budget - 2;
  const costModel = useMemo(
    () => (state.view === 'cost' ? buildCostModel(model.spent, state.costWindow, nowMs, source.timeZone) : null),
    // `model`, not `model.spent`: the sessions the cost view adds up are worked out only when it is open.
    [state.view, model, state.costWindow, nowMs, source.timeZone],
  );
  const costParts = costModel ? costViewParts(costModel, { window: state.costWindow, width, scopeLabel, timeZone: source.timeZone }) : null;
  // What one page is: the lines that scroll, not the whole view (PgDn must not skip any).
  const session = useRef<SessionScreenHandle | null>(null);
  // The mode under the overlay: its keys lead the overlay.
  const helpHere = state.help ? inputMode({ ...state, help: null }, session.current) : 'list';
  const sections = useMemo(() => overlaySections(helpHere), [helpHere]);
  // Laying the overlay out measures every line of it (~1 ms a line cold): only while it is open, not on every frame.
  const helpOpen = state.help !== null;
  const helpMax = useMemo(() => (helpOpen ? helpScrollMax(sections, width, helpHeight) : 0), [helpOpen, sections, width, helpHeight]);
  const limits = {
    help: { max: helpMax, page: Math.max(1, helpHeight - 1) },
    cost: { max: costParts ? costScrollMax(costParts, costHeight) : 0, page: costParts ? costPage(costParts, costHeight) : 1 },
  };
  // OSC 52 goes to the terminal we draw on, only when it is one (never into a captured stream).
  const { stdout } = useStdout();
  const terminal = useMemo(() => (stdout.isTTY ? (seq: string) => void stdout.write(seq) : undefined), [stdout]);
  const { sessionMounted } = useBrowserInput({ store, listOf, source, onExit, session, limits, terminal });
  // Keys that arrived before the screen mounted (one burst: "→/auth") run once it has.
  const sessionRef = useCallback(
    (handle: SessionScreenHandle | null) => {
      session.current = handle;
      if (handle) sessionMounted();
    },
    [sessionMounted],
  );
  const load = useCallback(
    (live?: TranscriptLive) => (target ? source.loadTranscript(target, live) : Promise.reject(new Error('no session'))),
    [source, target],
  );
  const back = useCallback(() => store.dispatch({ type: 'close' }), [store]);
  const resume = useCallback(
    (from?: ResumeFrom) => {
      // Enter in the session screen asks first, like Enter in the list, when the session is running.
      if (target) resumeOrAsk(target, { store, source, onExit }, from);
    },
    [onExit, target, store, source],
  );
  const sessionOpen = state.view === 'session' && target !== null && plan !== null;
  const mode = inputMode(state, session.current);
  const root = state.listScope === 'all' ? null : (source.project?.root ?? null);
  // Said while the old scope's list stays on screen after `a`.
  const switching = state.listScope !== state.scope ? (state.scope === 'all' ? 'all projects' : 'this project') : null;

  // The `?` overlay covers any view; an opened session stays mounted under it (its scroll and search survive).
  const sessionScreen =
    sessionOpen && target && plan ? (
      <Box key="session" display={state.help ? 'none' : 'flex'} flexDirection="column">
        <SessionScreen
          ref={sessionRef}
          summary={target}
          load={load}
          plan={plan}
          width={width}
          height={budget}
          nowMs={nowMs}
          timeZone={source.timeZone}
          isActive={!state.help}
          help={SESSION_HELP}
          onBack={back}
          onResume={resume}
        />
      </Box>
    ) : null;

  // One root whose first child is the session screen: it keeps its place (and its state) under the overlay.
  const frame = (rest: React.JSX.Element | null): React.JSX.Element => (
    <Box flexDirection="column" width={width}>
      {sessionScreen}
      {rest}
    </Box>
  );

  if (state.help) {
    return frame(
      <Box key="help" flexDirection="column" width={width}>
        <Text bold wrap="truncate-end">
          {truncate('Keys and badges', width)}
        </Text>
        <HelpOverlay sections={sections} width={width} height={helpHeight} scroll={state.help.scroll} />
        <HelpBar entries={helpBarEntries('help')} width={width} />
      </Box>,
    );
  }
  if (sessionScreen) return frame(null);

  const header = (
    <StatusBar
      root={root}
      total={model.listed}
      matches={model.matches}
      query={state.query}
      loading={state.loading && switching === null}
      switching={switching}
      stale={state.stale}
      partial={state.partial !== null}
      progress={state.progress}
      indexing={state.indexing?.progress ?? null}
      sort={state.sort === 'relevance' ? null : SORT_LABELS[state.sort]}
      width={width}
    />
  );
  const helpBar = <HelpBar entries={helpBarEntries(mode, [], state.query !== '')} width={width} />;

  if (state.view === 'cost') {
    return frame(
      <Box key="cost" flexDirection="column" width={width}>
        {header}
        <SkippedNote skipped={state.skipped} width={width} />
        {state.loading && state.sessions.length === 0 ? (
          <Loading width={width} home={source.readingWhere ?? source.home} progress={state.progress} />
        ) : (
        <CostView
          sessions={model.spent}
          nowMs={nowMs}
          timeZone={source.timeZone}
          window={state.costWindow}
          width={width}
          height={costHeight}
          scopeLabel={sanitize(scopeLabel, { singleLine: true })}
          scroll={state.costScroll}
        />
        )}
        {helpBar}
      </Box>,
    );
  }

  let body: React.JSX.Element;
  if (state.error !== null) body = <ErrorState message={state.error} width={width} />;
  else if (state.loading && state.sessions.length === 0) body = <Loading width={width} home={source.readingWhere ?? source.home} progress={state.progress} />;
  else if (model.items.length === 0)
    body = (
      <EmptyState
        scope={state.listScope}
        query={state.query}
        home={source.readingWhere ?? source.home}
        projectRoot={root}
        demo={source.demo}
        unindexed={state.indexing?.progress ? state.indexing.progress.totalFiles - state.indexing.progress.files : state.stale || state.indexing !== null}
        cutText={state.query.trim() === '' ? 0 : state.sessions.filter((s) => s.unindexedChars).length}
        width={width}
      />
    );
  else
    body = (
      <SessionList items={model.items} layout={model.layout} selectedIndex={index} scroll={scroll} width={width} nowMs={nowMs} />
    );

  return frame(
    <Box key="list" flexDirection="column" width={width}>
      {header}
      <SkippedNote skipped={state.skipped} width={width} />
      {state.rename ? (
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>
            {truncate('rename: ', width)}
          </Text>
          <LineInput line={state.rename} width={Math.max(0, width - 8)} />
        </Text>
      ) : (
        <SearchBox query={state.query} cursor={state.queryCursor} focused={state.searchFocused} width={width} />
      )}
      <Box flexDirection="column" height={viewport + 1}>
        {body}
      </Box>
      {isDialog(state.view) && target ? (
        <ConfirmDialog
          summary={target}
          width={width}
          action={state.view === 'confirm-resume' ? 'resume' : 'delete'}
          note={state.confirmNote}
          restoreHint={restoreHint}
        />
      ) : bottom > 0 ? (
        <PreviewStrip summary={selected} plan={plan} width={width} timeZone={source.timeZone} />
      ) : null}
      {state.flash
        ? flashLines(state.flash, width).map((line, i) => (
            <Text key={i} color={theme.flash} wrap="truncate-end">
              {line}
            </Text>
          ))
        : null}
      {helpBar}
    </Box>,
  );
}
