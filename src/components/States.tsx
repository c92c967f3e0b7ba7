/**
 * The list's non-list states as views of their own: loading, nothing to
 * show, and a load error (a message, never a stack trace).
 */
import React from 'react';
import { Text } from 'ink';
import { sanitize } from '../format/sanitize.js';
import { truncate } from '../format/width.js';
import type { Scope } from '../store/types.js';
import { theme } from './theme.js';

export function Loading({ width }: { width: number }): React.JSX.Element {
  return <Text color={theme.muted}>{truncate('Loading sessions…', width)}</Text>;
}

export interface EmptyStateProps {
  scope: Scope;
  /** The active query, '' when not searching. */
  query: string;
  width: number;
}

/** Says why the list is empty and what to do next. */
export function EmptyState({ scope, query, width }: EmptyStateProps): React.JSX.Element {
  const text =
    query.trim() !== ''
      ? `No sessions match “${sanitize(query, { singleLine: true })}”: Esc clears the search`
      : scope === 'project'
        ? 'No sessions for this project yet: a shows all projects; --demo shows an example'
        : 'No sessions in any project yet: --demo shows an example';
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {truncate(text, width)}
    </Text>
  );
}

export interface ErrorStateProps {
  /** The error's message (sanitized here; one line). */
  message: string;
  width: number;
}

export function ErrorState({ message, width }: ErrorStateProps): React.JSX.Element {
  return (
    <Text color={theme.error} wrap="truncate-end">
      {truncate(`Could not load sessions: ${sanitize(message, { singleLine: true })}`, width)}
    </Text>
  );
}
