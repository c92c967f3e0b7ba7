/**
 * The visible window of the replay: only `height` lines from `scroll` are
 * rendered, whatever the transcript's length. Lines arrive pre-wrapped and
 * sanitized (replay-lines.ts); this component only paints them: role
 * colours, a '›' gutter on the cursor line (visible without colour too) and
 * the search matches.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { DisplayLine } from '../format/replay-lines.js';
import { lineStyles, theme } from './theme.js';

export interface ReplayProps {
  /**
   * The display lines, built for `width - 1` columns (one for the gutter):
   * an array, or a windowed transcript's lines (format/replay-window.ts),
   * of which only the visible slice is asked for.
   */
  lines: { slice(from: number, to: number): readonly DisplayLine[] };
  /** First visible line. */
  scroll: number;
  /** Selected line, or -1 to show no cursor (another tab or the search box has the keyboard). */
  cursor: number;
  /** Rows available: never more lines than this are rendered. */
  height: number;
  /** Confirmed search query; its occurrences are highlighted ('' = none). */
  query: string;
  /** Lines that match `query` (from the search), highlighted whole when no substring is found. */
  matches: ReadonlySet<number>;
}

/**
 * Where each word of `query` occurs in `text` (sorted, non-overlapping), with
 * the search's smart case: an uppercase letter makes the query case-sensitive.
 * Lines matched only with a typo have no ranges: they are highlighted whole.
 */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  const sensitive = query !== query.toLowerCase();
  const hay = sensitive ? text : text.toLowerCase();
  // Lower-casing can change lengths (e.g. 'İ'): then offsets would lie, so give up on ranges.
  if (hay.length !== text.length) return [];
  const found: Array<[number, number]> = [];
  for (const word of query.split(/\s+/u).filter(Boolean)) {
    const needle = sensitive ? word : word.toLowerCase();
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) found.push([i, i + needle.length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of found) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** One line's text with its matches painted. */
function Highlighted({ text, query, whole }: { text: string; query: string; whole: boolean }): React.JSX.Element {
  const ranges = matchRanges(text, query);
  if (ranges.length === 0) return whole ? <Text inverse>{text}</Text> : <>{text}</>;
  const parts: React.JSX.Element[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(<Text key={`t${i}`}>{text.slice(at, start)}</Text>);
    parts.push(
      <Text key={`m${i}`} bold backgroundColor={theme.match} color={theme.match ? 'black' : undefined}>
        {text.slice(start, end)}
      </Text>,
    );
    at = end;
  });
  if (at < text.length) parts.push(<Text key="rest">{text.slice(at)}</Text>);
  return <>{parts}</>;
}

/** The visible slice of the transcript. */
export function Replay({ lines, scroll, cursor, height, query, matches }: ReplayProps): React.JSX.Element {
  const visible = lines.slice(scroll, scroll + Math.max(0, height));
  return (
    <Box flexDirection="column">
      {visible.map((line, i) => {
        const index = scroll + i;
        const style = lineStyles[line.role];
        const isCursor = index === cursor;
        return (
          <Text key={index} wrap="truncate" color={style.color} dimColor={style.dim} bold={style.bold}>
            <Text color={theme.accent}>{isCursor ? '›' : ' '}</Text>
            {matches.has(index) ? <Highlighted text={line.text} query={query} whole /> : line.text}
          </Text>
        );
      })}
    </Box>
  );
}
