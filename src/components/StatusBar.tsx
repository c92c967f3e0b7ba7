/**
 * The header line: where we are (the project root or "all projects") on the
 * left, how many sessions and matches on the right. The path is cut from
 * the left, because its end names the project.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { sanitize } from '../format/sanitize.js';
import { displayWidth, fit, truncate, truncateStart } from '../format/width.js';
import { countNoun } from '../format/numbers.js';
import { indexingLine, progressLine, type ProgressFigures } from '../format/progress.js';
import { namesOnlyQuery } from '../store/search/session-search.js';
import { theme } from './theme.js';

export interface StatusBarProps {
  /** The project root, or null in 'all' scope. */
  root: string | null;
  /** Sessions loaded for the scope. */
  total: number;
  /** Matches of the active query, null when not searching. */
  matches: number | null;
  /** The active search query ('' when none), shown with the match count. */
  query?: string;
  /** True while the list is loading. */
  loading: boolean;
  /** The list is the catalog's last view while every file is checked ("checking…"). */
  stale?: boolean;
  /** A refresh that is reading files: drawn instead of "checking…" (files, MB, rate, time left). */
  progress?: ProgressFigures | null;
  /** The full-text index catching up in the background: searches miss what is not indexed yet, so it is said. */
  indexing?: ProgressFigures | null;
  /** The scope being loaded while the list of the other one stays on screen ("all projects" after `a`), else null. */
  switching?: string | null;
  /** The list holds only its top so far (the first frame, a cold start filling in): matches are counted "so far". */
  partial?: boolean;
  /** The list's order when it is not the default ("cost"): said for as long as it holds, wherever the keys are. */
  sort?: string | null;
  width: number;
}

/** Columns of the scope's path kept before the app's name or the rate give way ("…/proj/webapp"). */
const MIN_WHERE = 16;

/** "session-browser /home/me/proj     42 sessions · 3 matches for “auth” · sorted by cost". */
export function StatusBar({ root, total, matches, query = '', loading, switching = null, stale = false, progress = null, indexing = null, partial = false, sort = null, width }: StatusBarProps): React.JSX.Element {
  const q = sanitize(query, { singleLine: true });
  // One letter searches names (titles, ids, paths, models), not messages: two letters can find more, so it says so.
  const scope = q && namesOnlyQuery(query) ? ' in titles' : '';
  const found = matches === null ? '' : ` · ${countNoun(matches, 'match', 'matches')}` + (q ? ` for “${truncate(q, 20)}”${scope}` : '') + (partial ? ' so far' : '');
  const sorted = sort ? ` · sorted by ${sort}` : '';
  const counts = (short: boolean): string => {
    const reading = progress ? progressLine(progress, { short }) : '';
    const work = switching
      ? ` · loading ${switching}…${reading ? ` ${reading}` : ''}`
      : reading ? ` · ${reading}` : stale ? ' · checking…' : indexing ? ` · ${indexingLine(indexing)}` : '';
    return loading ? reading || 'loading…' : `${countNoun(total, 'session')}${found}${sorted}${work}`;
  };
  const where = root === null ? 'all projects' : sanitize(root, { singleLine: true });
  // Narrow (80 columns while reading): the app's name goes first, then the rate, so the scope keeps its end and the time left shows.
  let right = ' ' + counts(false);
  const roomy = (name: string): boolean => displayWidth(name) + displayWidth(right) + MIN_WHERE <= width;
  let name = 'session-browser ';
  if (!roomy(name)) name = '';
  if (!roomy(name)) right = ' ' + counts(true);
  const whereWidth = Math.max(0, width - displayWidth(name) - displayWidth(right));
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        {name && (
          <Text bold color={theme.accent}>
            {truncate(name, width)}
          </Text>
        )}
        <Text bold>{fit(truncateStart(where, whereWidth), whereWidth)}</Text>
        <Text color={theme.muted}>{truncate(right, Math.max(0, width - displayWidth(name)))}</Text>
      </Text>
    </Box>
  );
}
