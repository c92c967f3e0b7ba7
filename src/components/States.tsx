/**
 * The list's non-list states as views of their own: loading, nothing to
 * show, and a load error (a message, never a stack trace).
 */
import React from 'react';
import { Box, Text } from 'ink';
import { sanitize } from '../format/sanitize.js';
import { truncate } from '../format/width.js';
import { countNoun, formatInt } from '../format/numbers.js';
import type { Scope, SkippedPath } from '../store/types.js';
import { progressLine, type ProgressFigures } from '../format/progress.js';
import { theme } from './theme.js';
import { PASS_TEXT_CHARS } from '../store/scan/text-chunks.js';

export interface LoadingProps {
  width: number;
  /** Where the sessions are read from (named, so a slow first load says what it reads). */
  home?: string;
  /** How far the read has come (files, MB, rate, time left), when it reads files. */
  progress?: ProgressFigures | null;
}

/** What the load is doing: where it reads and, once it reads files, how far it has come and the time left. */
export function Loading({ width, home, progress = null }: LoadingProps): React.JSX.Element {
  const where = home ? `Reading sessions under ${sanitize(home, { singleLine: true })}` : 'Loading sessions';
  return (
    <Box flexDirection="column">
      <Text color={theme.muted} wrap="truncate-end">
        {truncate(`${where}…`, width)}
      </Text>
      {progress ? (
        <Text color={theme.muted} wrap="truncate-end">
          {truncate(progressLine(progress), width)}
        </Text>
      ) : null}
    </Box>
  );
}

/** What the screen shows when the app itself failed: one line, never a stack trace. */
export function CrashNote({ message, width }: { message: string; width: number }): React.JSX.Element {
  return (
    <Text color={theme.error} wrap="truncate-end">
      {truncate(`session-browser stopped: ${sanitize(message, { singleLine: true })}`, width)}
    </Text>
  );
}

export interface EmptyStateProps {
  scope: Scope;
  /** The active query, '' when not searching. */
  query: string;
  /** Where the run looked, as the CLI names it (app/sources.ts readingWhere: the home, and or the agents' folders read), named in the message. */
  home: string;
  /** The project root looked in ('project' scope), null when none. */
  projectRoot: string | null;
  /** In the demo: never suggest `--demo`. */
  demo?: boolean;
  /**
   * Sessions whose text is still being indexed (a search may find them
   * soon); true: some, not counted yet (the list is still being checked,
   * indexing comes after); 0, false or absent: none.
   */
  unindexed?: number | boolean;
  /** Sessions in the list searched whose text went past what one read indexes (SessionSummary.unindexedChars): their rest is not searchable. */
  cutText?: number;
  width: number;
}

/** Says why the list is empty, where it looked (home and project) and what to do next. */
export function EmptyState({ scope, query, home, projectRoot, demo = false, unindexed = 0, cutText = 0, width }: EmptyStateProps): React.JSX.Element {
  const one = (s: string): string => sanitize(s, { singleLine: true });
  const demoHint = demo ? [] : ['--demo shows an example'];
  const [what, hints] =
    query.trim() !== ''
      ? unindexed === true
        ? [`No sessions match “${one(query)}” yet: sessions are still being read, then indexed`, ['Esc clears the search']]
        : typeof unindexed === 'number' && unindexed > 0
        ? [`No sessions match “${one(query)}” yet: ${countNoun(unindexed, 'session')} still being indexed`, ['Esc clears the search']]
        : cutText > 0
        ? [`No sessions match “${one(query)}”; ${cutText === 1 ? 'in 1 session' : `in ${formatInt(cutText)} sessions`}, text past ${PASS_TEXT_CHARS / 2 ** 20} Mi characters is not searchable`, ['Esc clears the search']]
        : [`No sessions match “${one(query)}”`, ['Esc clears the search']]
      : scope === 'project' && projectRoot !== null
        ? [`No sessions for project ${one(projectRoot)} under ${one(home)} yet`, ['a shows all projects', ...demoHint]]
        : [`No sessions in any project under ${one(home)} yet`, demoHint];
  // Two lines: where it looked, then what to try, so a long path never hides the hint.
  return (
    <Box flexDirection="column">
      <Text color={theme.muted} wrap="truncate-end">
        {truncate(`${what}.`, width)}
      </Text>
      {hints.length > 0 ? (
        <Text color={theme.muted} wrap="truncate-end">
          {truncate(`${hints.join('; ')}.`, width)}
        </Text>
      ) : null}
    </Box>
  );
}


/** "1 project folder skipped: /h/projects/ab is a symbolic link": what the load left out, in one line. */
export function SkippedNote({ skipped, width }: { skipped: readonly SkippedPath[]; width: number }): React.JSX.Element | null {
  const first = skipped[0];
  if (!first) return null;
  const folders = skipped.every((s) => s.projectFolder);
  const files = skipped.every((s) => !s.projectFolder);
  const noun = folders ? 'project folder' : files ? 'file' : 'path';
  const path = sanitize(first.path, { singleLine: true });
  const why = first.projectFolder ? `${path} is a symbolic link` : `${path}: ${sanitize(first.reason, { singleLine: true })}`;
  const more = skipped.length > 1 ? ` (and ${formatInt(skipped.length - 1)} more)` : '';
  return (
    <Text color={theme.muted} dimColor wrap="truncate-end">
      {truncate(`${countNoun(skipped.length, noun)} skipped: ${why}${more}`, width)}
    </Text>
  );
}

export interface ErrorStateProps {
  /** The error's message (sanitized here; one line). */
  message: string;
  width: number;
}

export function ErrorState({ message, width }: ErrorStateProps): React.JSX.Element {
  return (
    <Text color={theme.error} wrap="truncate-end">
      {truncate(`Could not load sessions: ${sanitize(message, { singleLine: true })}`, width)}
    </Text>
  );
}
