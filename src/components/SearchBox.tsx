/**
 * The search line. Its text is edited through the key table and the line
 * editor (letters are typed into the query only in search mode), so this only draws: focused,
 * "search: <query>▌"; unfocused, the active filter and how to edit or clear
 * it. The state of the box is spelled out in text, so it reads without colour.
 */
import React from 'react';
import { Text } from 'ink';
import { sanitize } from '../format/sanitize.js';
import { displayWidth, truncate } from '../format/width.js';
import { LineInput } from './LineInput.js';
import { theme } from './theme.js';

export interface SearchBoxProps {
  /** The query as typed. */
  query: string;
  /** Where the cursor is in the query (code points); the end when omitted. */
  cursor?: number;
  /** The box owns the keyboard's letters (shows a cursor). */
  focused: boolean;
  width: number;
}

const PROMPT = 'search: ';

/** One line, never wider than `width`; a long query shows its end, where the typing happens. */
export function SearchBox({ query, cursor, focused, width }: SearchBoxProps): React.JSX.Element {
  // Typed text is not from a log, but a paste may carry anything.
  const q = sanitize(query, { singleLine: false }).replace(/[\n\t]/g, ' ');
  if (focused) {
    const room = Math.max(0, width - displayWidth(PROMPT));
    return (
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          {truncate(PROMPT, width)}
        </Text>
        <LineInput line={{ text: query, cursor: cursor ?? Array.from(query).length }} width={room} />
      </Text>
    );
  }
  const text = q === '' ? '/ to search titles, prompts and messages' : `filter: ${q}  (/ edit · esc clear)`;
  return (
    <Text color={q === '' ? theme.muted : undefined} wrap="truncate-end">
      {truncate(text, width)}
    </Text>
  );
}
