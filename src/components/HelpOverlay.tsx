/**
 * The `?` overlay: every binding of the app's key table, grouped by mode,
 * and the badge legend, in two columns when the terminal is wide enough;
 * it scrolls (`scroll`) when taller than the height it is given.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { fit } from '../format/width.js';
import { wrapLine } from '../format/wrap.js';
import { theme } from './theme.js';

/** A heading or a key line of the overlay. */
export interface HelpLine {
  text: string;
  heading: boolean;
}

/** One titled group of the overlay: a mode's bindings from the app's key table. */
export interface HelpSection {
  title: string;
  bindings: readonly { keys: string; description: string }[];
}

const KEYS_WIDTH = 11;

/** A section's lines: a title or description too long for its column wraps (a description under itself), so none is cut short. */
function section({ title, bindings }: HelpSection, width: number): HelpLine[] {
  const descWidth = Math.max(8, width - KEYS_WIDTH - 1);
  return [
    ...wrapLine(title, width).map((part) => ({ text: fit(part, width), heading: true })),
    ...bindings.flatMap((b) =>
      wrapLine(b.description, descWidth).map((part, i) => ({ text: fit(`${fit(i === 0 ? b.keys : '', KEYS_WIDTH)} ${part}`, width), heading: false })),
    ),
  ];
}

/**
 * The overlay's lines as columns: one column below 72 columns, else two of
 * about the same height, sections kept whole and in order (list keys first,
 * on the left).
 */
export function helpColumns(sections: readonly HelpSection[], width: number): HelpLine[][] {
  if (width < 72) return [sections.flatMap((s) => section(s, width))];
  const colWidth = Math.floor((width - 2) / 2);
  const blocks = sections.map((s) => section(s, colWidth));
  const total = blocks.reduce((n, b) => n + b.length, 0);
  const left: HelpLine[] = [];
  const right: HelpLine[] = [];
  for (const b of blocks) (right.length === 0 && left.length + b.length / 2 <= total / 2 ? left : right).push(...b);
  return [left, right];
}

export interface HelpOverlayProps {
  /** Every mode's bindings, in the order shown (the first two fill the left column). */
  sections: readonly HelpSection[];
  width: number;
  /** Lines available, the position line included when the overlay scrolls. */
  height: number;
  /** First line shown (clamped to `helpScrollMax`). */
  scroll?: number;
}

/** How far the overlay scrolls at this size (0 when it fits). */
export function helpScrollMax(sections: readonly HelpSection[], width: number, height: number): number {
  const tallest = Math.max(0, ...helpColumns(sections, width).map((c) => c.length));
  if (tallest <= Math.max(1, height)) return 0;
  return Math.max(0, tallest - Math.max(1, height - 1));
}

export function HelpOverlay({ sections, width, height, scroll = 0 }: HelpOverlayProps): React.JSX.Element {
  const cols = helpColumns(sections, width);
  const max = helpScrollMax(sections, width, height);
  // When it scrolls, the last line says where the view is and how to move.
  const budget = max > 0 ? Math.max(1, height - 1) : Math.max(1, height);
  const from = Math.max(0, Math.min(max, scroll));
  const tallest = Math.max(0, ...cols.map((c) => c.length));
  const where = `lines ${from + 1}-${Math.min(tallest, from + budget)} of ${tallest} · ↑↓ j/k PgUp/PgDn scroll · any other key closes`;
  return (
    <Box flexDirection="column" width={width}>
    <Box flexDirection="row" width={width}>
      {cols.map((lines, c) => {
        const shown = lines.slice(from, from + budget);
        return (
          <Box key={c} flexDirection="column" width={cols.length > 1 ? Math.floor((width - 2) / 2) : width} marginRight={c === 0 && cols.length > 1 ? 2 : 0}>
            {shown.map((l, i) => (
              <Text key={i} bold={l.heading} color={l.heading ? theme.accent : undefined} wrap="truncate-end">
                {l.text}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
    {max > 0 ? (
      <Text color={theme.muted} wrap="truncate-end">
        {fit(where, width)}
      </Text>
    ) : null}
    </Box>
  );
}
