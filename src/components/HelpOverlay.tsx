/**
 * The `?` overlay: every binding of the app's key table, grouped by mode, in two
 * columns when the terminal is wide enough, cut to the height it is given.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { fit } from '../format/width.js';
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

const KEYS_WIDTH = 9;

function section({ title, bindings }: HelpSection, width: number): HelpLine[] {
  return [
    { text: fit(title, width), heading: true },
    ...bindings.map((b) => ({ text: fit(`${fit(b.keys, KEYS_WIDTH)} ${b.description}`, width), heading: false })),
  ];
}

/** The overlay's lines as columns: one column below 72 columns, else two (list keys on the left). */
export function helpColumns(sections: readonly HelpSection[], width: number): HelpLine[][] {
  if (width < 72) return [sections.flatMap((s) => section(s, width))];
  const colWidth = Math.floor((width - 2) / 2);
  const [first, second, ...rest] = sections;
  const left = [first, second].flatMap((s) => (s ? section(s, colWidth) : []));
  const right = rest.flatMap((s) => section(s, colWidth));
  return [left, right];
}

export interface HelpOverlayProps {
  /** Every mode's bindings, in the order shown (the first two fill the left column). */
  sections: readonly HelpSection[];
  width: number;
  /** Lines available; longer columns end with a '…' line. */
  height: number;
}

export function HelpOverlay({ sections, width, height }: HelpOverlayProps): React.JSX.Element {
  const cols = helpColumns(sections, width);
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
