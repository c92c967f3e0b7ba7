/**
 * The one-line key hints at the bottom, generated from the key table: the
 * most important keys first, as many as fit the width.
 */
import React from 'react';
import { Text } from 'ink';
import { helpBarEntries, type KeyCommand, type KeyMode } from '../app/keys.js';
import { displayWidth } from '../format/width.js';
import { theme } from './theme.js';

const GAP = '  ';

/** The hints of `mode` that fit `width`, joined by two spaces. */
export function helpBarText(mode: KeyMode, width: number, omit: readonly KeyCommand[] = []): string {
  let out = '';
  for (const e of helpBarEntries(mode, omit)) {
    const part = `${e.keys} ${e.label}`;
    const next = out === '' ? part : out + GAP + part;
    if (displayWidth(next) > width) break;
    out = next;
  }
  return out;
}

export interface HelpBarProps {
  mode: KeyMode;
  width: number;
  /** Commands not to advertise right now (e.g. 'escape' with no filter). */
  omit?: readonly KeyCommand[];
}

export function HelpBar({ mode, width, omit }: HelpBarProps): React.JSX.Element {
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {helpBarText(mode, width, omit)}
    </Text>
  );
}
