/**
 * The session screen's replay across a terminal resize (SessionScreen.tsx).
 */
import { useEffect, useRef } from 'react';
import type { ReplayLines } from '../format/replay-window.js';

/**
 * Keeps the cursor and the top line on their entries when the width
 * changes: the view holds line indexes, and at another width the lines wrap
 * anew, so line 817 of 1,652 at 80 columns was another entry's line of
 * 1,502 at 160 (a resized terminal moved the cursor from "Step 75" to a
 * tool call). Each render only notes the lines drawn and where the view
 * was (no lookup on a keystroke); after a width change, the entries under
 * the cursor and the top line, and how far into each, are read from the
 * lines of the old width and `place` puts the view back on them at the new
 * one (as far in as the entry still reaches).
 */
export function useRewrapAnchor(lines: ReplayLines | null, width: number, view: { cursor: number; scroll: number }, place: (cursor: number, scroll: number) => void): void {
  const last = useRef<{ lines: ReplayLines; width: number; cursor: number; scroll: number } | null>(null);
  const was = last.current;
  const moved = lines !== null && lines.count > 0 && was !== null && was.width !== width;
  useEffect(() => {
    if (!moved || !was || !lines) return;
    // Once: the renders after it note the view afresh from where it now is.
    last.current = { ...was, width };
    const back = (line: number): number => {
      const entry = was.lines.entryOf(line);
      const offset = line - was.lines.firstLine(entry);
      return lines.firstLine(entry) + Math.min(offset, Math.max(0, lines.height(entry) - 1));
    };
    place(back(was.cursor), back(was.scroll));
  });
  if (lines !== null && lines.count > 0 && !moved) last.current = { lines, width, cursor: view.cursor, scroll: view.scroll };
}
