/**
 * The `?` overlay: every binding of the key table, grouped by mode, in two
 * columns when the terminal is wide enough, cut to the height it is given.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { bindingsFor, type KeyMode } from '../app/keys.js';
import { fit } from '../format/width.js';
import { theme } from './theme.js';

/** A heading or a key line of the overlay. */
export interface HelpLine {
  text: string;
  heading: boolean;
}

const SECTIONS: readonly { mode: KeyMode; title: string }[] = [
  { mode: 'list', title: 'List' },
  { mode: 'global', title: 'Anywhere' },
  { mode: 'search', title: 'Search box (after /)' },
  { mode: 'session', title: 'Opened session' },
  { mode: 'cost', title: 'Cost view' },
  { mode: 'confirm', title: 'Delete dialog' },
];

const KEYS_WIDTH = 9;

function section(mode: KeyMode, title: string, width: number): HelpLine[] {
  return [
    { text: fit(title, width), heading: true },
    ...bindingsFor(mode).map((b) => ({ text: fit(`${fit(b.keys, KEYS_WIDTH)} ${b.description}`, width), heading: false })),
  ];
}

/** The overlay's lines as columns: one column below 72 columns, else two (list keys on the left). */
export function helpColumns(width: number): HelpLine[][] {
  if (width < 72) return [SECTIONS.flatMap((s) => section(s.mode, s.title, width))];
  const colWidth = Math.floor((width - 2) / 2);
  const [first, second, ...rest] = SECTIONS;
  const left = [first, second].flatMap((s) => (s ? section(s.mode, s.title, colWidth) : []));
  const right = rest.flatMap((s) => section(s.mode, s.title, colWidth));
  return [left, right];
}

export interface HelpOverlayProps {
  width: number;
  /** Lines available; longer columns end with a '…' line. */
  height: number;
}

export function HelpOverlay({ width, height }: HelpOverlayProps): React.JSX.Element {
  const cols = helpColumns(width);
  const budget = Math.max(1, height);
  return (
    <Box flexDirection="row" width={width}>
      {cols.map((lines, c) => {
        const shown = lines.length > budget ? [...lines.slice(0, budget - 1), { text: '…', heading: false }] : lines;
        return (
          <Box key={c} flexDirection="column" marginRight={c === 0 && cols.length > 1 ? 2 : 0}>
            {shown.map((l, i) => (
              <Text key={i} bold={l.heading} color={l.heading ? theme.accent : undefined} wrap="truncate-end">
                {l.text}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}
