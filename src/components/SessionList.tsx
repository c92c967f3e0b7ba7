/**
 * The session list: a column header and only the lines that fit the
 * viewport, so thousands of sessions cost no more to draw than a screenful.
 * Rows, snippet lines and project group headers are all exactly `width`
 * columns wide and never wrap.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { formatInt } from '../format/numbers.js';
import { maskSecrets } from '../format/secrets.js';
import type { ListItem, ListRows } from './list-item.js';
import { itemAtLine, stickyGroupAt, type ListLayout } from './list-layout.js';
import { sanitize } from '../format/sanitize.js';
import { fit } from '../format/width.js';
import type { SearchHit } from '../store/search/types.js';
import { Highlighted, type Range } from './Highlighted.js';
import { chooseColumns, headerLine, SessionRow } from './SessionRow.js';
import { theme } from './theme.js';

/** One display line of the list. */
export type ListLine =
  | { kind: 'group'; item: number }
  | { kind: 'row'; item: number }
  | { kind: 'snippet'; item: number };

/**
 * The lines in [scroll, scroll + viewport), found by binary search, not by
 * walking the list; the first is the sticky heading of its group when that
 * group's own heading is above the screen (list-layout.ts `stickyGroupAt`).
 */
export function visibleLines(layout: ListLayout, scroll: number): ListLine[] {
  const out: ListLine[] = [];
  const end = scroll + layout.viewport;
  for (let i = itemAtLine(layout, scroll); i < layout.ids.length; i++) {
    const top = layout.tops[i] ?? 0;
    if (top - (layout.headers[i] ? 1 : 0) >= end) break;
    if (layout.headers[i] && top - 1 >= scroll) out.push({ kind: 'group', item: i });
    if (top >= scroll && top < end) out.push({ kind: 'row', item: i });
    if ((layout.heights[i] ?? 1) > 1 && top + 1 >= scroll && top + 1 < end) out.push({ kind: 'snippet', item: i });
  }
  const sticky = stickyGroupAt(layout, scroll);
  if (sticky >= 0 && out.length > 0) {
    // The heading takes the top line; a row it covers takes its snippet line with it (no snippet under no title).
    const covered = out[0]!;
    out[0] = { kind: 'group', item: sticky };
    if (covered.kind === 'row' && out[1]?.kind === 'snippet' && out[1].item === covered.item) out.splice(1, 1);
  }
  return out;
}

export interface SessionListProps {
  /** Every row of the (filtered, grouped) list: an array, or rows made when read (only the visible window is read). */
  items: ListRows;
  /** Their geometry; `layout.viewport` is the number of lines drawn below the header. */
  layout: ListLayout;
  /** Index into `items` of the selected row (-1: none). */
  selectedIndex: number;
  /** First visible line (already resolved so the selection is visible). */
  scroll: number;
  /** Terminal columns. */
  width: number;
  /** The clock for "2h ago" and cache badges. */
  nowMs: number;
}

/** Column header plus the visible window of rows. */
export function SessionList({ items, layout, selectedIndex, scroll, width, nowMs }: SessionListProps): React.JSX.Element {
  const rowLayout = chooseColumns(width);
  const lines = visibleLines(layout, scroll);
  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.muted} dimColor wrap="truncate-end">
        {headerLine(rowLayout)}
      </Text>
      {lines.map((line) => {
        const item = items.at(line.item);
        if (!item) return null;
        const key = `${line.kind}:${item.summary.id}`;
        if (line.kind === 'group') {
          const g = item.group;
          const label = `▸ ${sanitize(g?.label ?? item.summary.projectId, { singleLine: true })} (${formatInt(g?.count ?? 0)})`;
          return (
            <Text key={key} bold color={theme.group} wrap="truncate-end">
              {fit(label, width)}
            </Text>
          );
        }
        if (line.kind === 'snippet') {
          const line = item.hit ? snippetLine(item.hit, width - 4) : { text: '', ranges: [] };
          return (
            <Text key={key} wrap="truncate-end">
              {'    '}
              <Highlighted text={line.text} ranges={line.ranges} width={width - 4} dim />
            </Text>
          );
        }
        return (
          <SessionRow
            key={key}
            summary={item.summary}
            titleRanges={item.hit?.titleRanges ?? []}
            selected={line.item === selectedIndex}
            layout={rowLayout}
            nowMs={nowMs}
          />
        );
      })}
    </Box>
  );
}

/** Columns of a snippet line kept for the match itself and its two '…'. */
const MATCH_ROOM = 14;

/**
 * The second line of a hit: "similar: <word>" when a typo stand-in matched,
 * then the snippet fit to the `columns` left (read here, so computed for
 * visible rows only).
 */
function snippetLine(hit: SearchHit, columns: number): { text: string; ranges: Range[] } {
  const similar = hit.similar.length > 0 ? `similar: ${hit.similar.join(', ')} · ` : '';
  // Room for the match and the two '…' besides the context.
  const snippet = hit.snippetIn ? hit.snippetIn(columns - similar.length - MATCH_ROOM) : hit.snippet;
  const lead = similar && !snippet ? similar.slice(0, -3) : similar;
  // Keys and tokens are masked; a masked snippet loses its highlight (its offsets no longer hold).
  const text = snippet ? maskSecrets(snippet.text) : '';
  const ranges = snippet && text === snippet.text ? snippet.ranges : [];
  return {
    text: lead + text,
    ranges: ranges.map((r) => ({ start: r.start + lead.length, end: r.end + lead.length })),
  };
}
