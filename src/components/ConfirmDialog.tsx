/**
 * Asks before a delete, or before resuming a session that is still active,
 * naming the session by title and id so the user knows exactly what is
 * meant, and saying when it is still being written. The keys (y/Enter,
 * n/Esc) are handled by the App's input hook through the key table, and
 * the help bar under the dialog lists them; this only draws.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { SessionSummary } from '../store/types.js';
import { sanitize } from '../format/sanitize.js';
import { displayWidth, truncate } from '../format/width.js';
import { theme } from './theme.js';

export interface ConfirmDialogProps {
  /** The session the question is about. */
  summary: SessionSummary;
  width: number;
  /** What 'y' does (default 'delete'). */
  action?: 'delete' | 'resume';
  /** Why the session is still active ("it is running"), or null when idle. */
  note?: string | null;
  /** The command that brings it back after a delete, runnable verbatim (default `session-browser restore ID`). */
  restoreHint?: string;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Two lines: the question and what happens (the help bar below lists the keys). */
export function ConfirmDialog({ summary, width, action = 'delete', note = null, restoreHint }: ConfirmDialogProps): React.JSX.Element {
  const id = sanitize(summary.id, { singleLine: true });
  const title = sanitize(summary.title, { singleLine: true }) || '(untitled)';
  const warn = note ? sanitize(capitalize(note), { singleLine: true }) : null;
  const verb = action === 'resume' ? 'Resume' : 'Delete';
  // The id and the warning stay whole: the title gives way.
  const tail = `” (${id})?${warn ? ' It is still active.' : ''}`;
  const question = `${verb} “${truncate(title, Math.max(8, width - displayWidth(`${verb} “${tail}`)))}${tail}`;
  const restore = sanitize(restoreHint ?? `session-browser restore ${summary.id}`, { singleLine: true });
  const detail =
    action === 'resume'
      ? `${warn}: resuming it now forks it, two agents writing one conversation.`
      : warn
        ? // The reason can be long: the note that the command is printed at exit comes first, so it is never cut.
          `Restore command printed at exit. ${warn}: moving it now may split it in two. Restore with: ${restore}`
        : `It moves to the trash (restore command printed at exit); restore with: ${restore}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.warning} wrap="truncate-end">
        {truncate(question, width)}
      </Text>
      <Text wrap="truncate-end">{truncate(detail, width)}</Text>
    </Box>
  );
}
