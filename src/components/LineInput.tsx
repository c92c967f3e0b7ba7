/**
 * One line of editable text with its cursor (the line editor's state),
 * scrolled sideways so the cursor always shows; a selected line is drawn in
 * inverse video. Used by the list's search box, the transcript search and
 * the rename box, so all look and behave the same.
 */
import React from 'react';
import { Text } from 'ink';
import { sanitize } from '../format/sanitize.js';
import { displayWidth, truncate, truncateStart } from '../format/width.js';
import { splitAtCursor, type LineState } from './line-editor.js';
import { theme } from './theme.js';

const CURSOR = '▌';

export interface LineInputProps {
  line: LineState;
  /** Columns for the text and the cursor. */
  width: number;
}

/** Typed text is not from a log, but a paste may carry anything. */
const clean = (s: string): string => sanitize(s, { singleLine: false }).replace(/[\n\t]/g, ' ');

export function LineInput({ line, width }: LineInputProps): React.JSX.Element {
  if (width <= 0) return <Text />;
  const [rawBefore, rawAfter] = splitAtCursor(line);
  const chars = Array.from(clean(rawAfter));
  // At the end the cursor is a bar after the text; inside it, the character under it is inverted.
  // A selected line (its cursor is at the end) is inverted whole: the next letter replaces it.
  if (chars.length === 0) {
    const before = truncateStart(clean(rawBefore), Math.max(0, width - 1));
    return (
      <Text>
        {line.selected ? <Text inverse>{before}</Text> : before}
        <Text color={theme.accent}>{CURSOR}</Text>
      </Text>
    );
  }
  const under = chars[0] ?? ' ';
  const underWidth = Math.max(1, displayWidth(under));
  const before = truncateStart(clean(rawBefore), Math.max(0, width - underWidth));
  const after = truncate(chars.slice(1).join(''), Math.max(0, width - displayWidth(before) - underWidth));
  return (
    <Text>
      {before}
      <Text inverse>{under}</Text>
      {after}
    </Text>
  );
}
