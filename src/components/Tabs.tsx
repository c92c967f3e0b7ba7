/**
 * A one-line tab bar: "[1 Replay]  2 Usage  3 Resume". The active tab is
 * bracketed as well as coloured, so it reads the same under NO_COLOR.
 */
import React from 'react';
import { Text } from 'ink';
import { displayWidth, truncate } from '../format/width.js';
import { theme } from './theme.js';

/** One tab of {@link Tabs}. */
export interface TabItem<Id extends string> {
  id: Id;
  label: string;
}

export interface TabsProps<Id extends string> {
  /** The tabs in order; each is numbered from 1 (its number key selects it). */
  tabs: readonly TabItem<Id>[];
  /** Id of the selected tab. */
  active: Id;
  /** Columns available; the bar is cut to fit. */
  width: number;
  /** Modes in force that change what the tab shows ("secrets shown (s)"), after the tabs, muted; cut first. */
  note?: string;
}

export function Tabs<Id extends string>({ tabs, active, width, note = '' }: TabsProps<Id>): React.JSX.Element {
  // Paint segment by segment, then let the last one absorb the cut.
  let room = width;
  return (
    <Text wrap="truncate">
      {tabs.map((t, i) => {
        const isActive = t.id === active;
        const raw = (isActive ? `[${i + 1} ${t.label}]` : ` ${i + 1} ${t.label} `) + (i < tabs.length - 1 ? ' ' : '');
        const text = truncate(raw, Math.max(0, room));
        room -= displayWidth(text);
        return (
          <Text key={t.id} bold={isActive} color={isActive ? theme.accent : theme.muted}>
            {text}
          </Text>
        );
      })}
      {note && room > 4 ? <Text color={theme.muted}>{truncate(`  · ${note}`, room)}</Text> : null}
    </Text>
  );
}
