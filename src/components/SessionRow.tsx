/**
 * One session as one line that never wraps: title, then the columns the
 * width allows. Narrow terminals drop the least important columns first
 * (model, tool calls, tokens) so the title keeps a readable share.
 */
import React from 'react';
import { Text } from 'ink';
import { maskSecrets } from '../format/secrets.js';
import type { SessionSummary } from '../store/types.js';
import { fit } from '../format/width.js';
import { cellText, type ColumnKey } from '../format/session-cells.js';
import { Highlighted, type Range } from './Highlighted.js';
import { theme } from './theme.js';

/** A column after the title. */
export interface Column {
  key: ColumnKey;
  header: string;
  width: number;
  align: 'left' | 'right';
}

const ALL_COLUMNS: readonly Column[] = [
  { key: 'age', header: 'updated', width: 8, align: 'right' },
  { key: 'msgs', header: 'msgs', width: 5, align: 'right' },
  { key: 'tools', header: 'tools', width: 5, align: 'right' },
  { key: 'model', header: 'model', width: 18, align: 'left' },
  { key: 'tokens', header: 'tokens', width: 7, align: 'right' },
  { key: 'cost', header: 'cost', width: 8, align: 'right' },
  { key: 'badges', header: '', width: 10, align: 'left' },
];

/** Dropped first to last when the title would get too narrow. */
const DROP_ORDER: readonly ColumnKey[] = ['model', 'tools', 'tokens', 'age', 'msgs', 'badges', 'cost'];

/** Columns before the title: the selection marker and a space. */
export const MARKER_WIDTH = 2;

/** The title's width and the columns shown at `width`. */
export interface RowLayout {
  titleWidth: number;
  columns: Column[];
}

/**
 * The model column on a wide line: room for dated and preview ids whole
 * (`claude-sonnet-4-5-20250929`, `gemini-3.1-pro-preview`), which 18 cut.
 */
const WIDE_MODEL = 26;
/** ... given only while the title keeps at least this many columns. */
const WIDE_MODEL_TITLE = 64;

/**
 * Pick columns so the title keeps at least 40% of the line (and 12
 * columns); on a wide line the model column grows to {@link WIDE_MODEL}
 * while the title keeps {@link WIDE_MODEL_TITLE}. By width alone, never by
 * the rows shown, so columns do not move while the list changes.
 */
export function chooseColumns(width: number): RowLayout {
  const minTitle = Math.max(12, Math.floor(width * 0.4));
  let columns = [...ALL_COLUMNS];
  const titleWidth = () => width - MARKER_WIDTH - columns.reduce((n, c) => n + 1 + c.width, 0);
  for (const key of DROP_ORDER) {
    if (titleWidth() >= minTitle) break;
    columns = columns.filter((c) => c.key !== key);
  }
  const model = columns.findIndex((c) => c.key === 'model');
  const grow = WIDE_MODEL - (columns[model]?.width ?? WIDE_MODEL);
  if (model !== -1 && titleWidth() - grow >= Math.max(minTitle, WIDE_MODEL_TITLE)) columns[model] = { ...columns[model]!, width: WIDE_MODEL };
  return { titleWidth: Math.max(1, titleWidth()), columns };
}

/** The columns after the title, each preceded by one space. */
export function cellsLine(s: SessionSummary, columns: readonly Column[], nowMs: number): string {
  return columns.map((c) => ' ' + fit(cellText(c.key, s, nowMs), c.width, c.align)).join('');
}

/** The dim header line naming the columns. */
export function headerLine(layout: RowLayout): string {
  return ' '.repeat(MARKER_WIDTH) + fit('title', layout.titleWidth) + layout.columns.map((c) => ' ' + fit(c.header, c.width, c.align)).join('');
}

export interface SessionRowProps {
  summary: SessionSummary;
  /** Matched ranges of the raw title. */
  titleRanges: readonly Range[];
  selected: boolean;
  layout: RowLayout;
  nowMs: number;
}

/** One list row: '›' marks the selection (visible without colour), inverse + bold with colour. */
export function SessionRow({ summary, titleRanges, selected, layout, nowMs }: SessionRowProps): React.JSX.Element {
  // Keys and tokens are masked; a masked title loses its highlight (its offsets no longer hold).
  const title = summary.title.trim() === '' ? '(untitled)' : maskSecrets(summary.title);
  const ranges = summary.title.trim() === '' || title !== summary.title ? [] : titleRanges;
  return (
    <Text wrap="truncate-end" bold={selected} inverse={selected && theme.accent !== undefined}>
      <Text color={selected ? theme.accent : undefined}>{selected ? '› ' : '  '}</Text>
      <Highlighted text={title} ranges={ranges} width={layout.titleWidth} />
      <Text color={selected ? undefined : theme.muted}>{cellsLine(summary, layout.columns, nowMs)}</Text>
    </Text>
  );
}
