/**
 * Asks before a delete, naming the session by title and id so the user
 * knows exactly what goes. The keys (y/Enter, n/Esc) are handled by the
 * App's input hook through the key table, and the help bar under the
 * dialog lists them; this only draws.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { SessionSummary } from '../store/types.js';
import { sanitize } from '../format/sanitize.js';
import { truncate } from '../format/width.js';
import { theme } from './theme.js';

export interface ConfirmDialogProps {
  /** The session that would be deleted. */
  summary: SessionSummary;
  width: number;
}

/** Two lines: the question and what happens (the help bar below lists the keys). */
export function ConfirmDialog({ summary, width }: ConfirmDialogProps): React.JSX.Element {
  const id = sanitize(summary.id, { singleLine: true });
  const title = sanitize(summary.title, { singleLine: true }) || '(untitled)';
  const question = `Delete “${truncate(title, Math.max(8, width - id.length - 16))}” (${id})?`;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.warning} wrap="truncate-end">
        {truncate(question, width)}
      </Text>
      <Text wrap="truncate-end">{truncate(`It moves to the trash; restore with: session-browser restore ${id}`, width)}</Text>
    </Box>
  );
}
