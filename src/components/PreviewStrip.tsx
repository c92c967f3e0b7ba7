/**
 * Two lines under the list about the selected session: its first and last
 * prompt, then its workspace and what Enter would resume (led by a note
 * when part of its text is past what the search index holds).
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ResumePlan, SessionSummary } from '../store/types.js';
import { sanitize } from '../format/sanitize.js';
import { maskSecrets } from '../format/secrets.js';
import { displayWidth, fit, truncate } from '../format/width.js';
import { countNoun, formatInt, formatTokens } from '../format/numbers.js';
import { clock } from '../format/time.js';
import { theme } from './theme.js';
import { UNINDEXED_NOTE } from '../store/scan/text-chunks.js';

/**
 * "resume from checkpoint 09:30 · 12 msgs after · ~8.2k tokens" (the time in
 * `tz`, the browser's zone) or "resume whole conversation · 40 msgs".
 */
export function resumeSummary(plan: ResumePlan, tz = 'UTC'): string {
  if (plan.checkpoint) {
    const at = clock(plan.checkpoint.timestamp, false, tz);
    return (
      `resume from checkpoint${at ? ' ' + at : ''} · ${countNoun(plan.messagesAfter, 'msg')} after` +
      ` · ${formatTokens(plan.estimatedContextTokens, true)} tokens`
    );
  }
  // The list's count (its msgs column), not the context file's records, which add tool calls and results.
  return `resume whole conversation · ${countNoun(plan.messagesAfter, 'msg')}`;
}

/** What Enter runs: the program, or that it prints the id when nothing is configured. */
function enterSummary(plan: ResumePlan): string {
  return plan.argv ? `Enter runs ${sanitize(plan.argv[0] ?? '', { singleLine: true })}` : 'Enter prints the id (no --resume-cmd)';
}

/** The prompts line: "first: … │ last: …" (one prompt when they are the same). */
export function promptsLine(s: SessionSummary, width: number): string {
  // Keys and tokens pasted into prompts are masked (format/secrets.ts).
  const first = sanitize(maskSecrets(s.firstPrompt), { singleLine: true });
  const last = sanitize(maskSecrets(s.lastPrompt), { singleLine: true });
  if (first === '' && last === '') return fit('(no prompts recorded)', width);
  if (last === '' || last === first) return fit(`prompt: ${first}`, width);
  const half = Math.floor((width - 3) / 2);
  const left = fit(`first: ${first}`, half);
  return fit(`${left} │ ${truncate(`last: ${last}`, Math.max(0, width - displayWidth(left) - 3))}`, width);
}

export interface PreviewStripProps {
  /** The selected session, null when none. */
  summary: SessionSummary | null;
  /** Its resume plan, null when it could not be computed. */
  plan: ResumePlan | null;
  width: number;
  /** IANA zone of the checkpoint time (FORMAT.md §3); 'UTC' when omitted. */
  timeZone?: string;
}

export function PreviewStrip({ summary, plan, width, timeZone }: PreviewStripProps): React.JSX.Element {
  if (!summary) return <Box height={2} />;
  const branch = summary.branch ? ` (branch ${sanitize(summary.branch, { singleLine: true })})` : '';
  const renamed = summary.originalTitle !== undefined ? ` · agent's title: ${sanitize(summary.originalTitle, { singleLine: true })}` : '';
  const where = (summary.workspace ? sanitize(summary.workspace, { singleLine: true }) : '(no workspace recorded)') + branch + renamed;
  const resume = plan ? `${where} · ${resumeSummary(plan, timeZone)} · ${enterSummary(plan)}` : where;
  // First, where a narrow screen cannot cut it off: a search would miss words in the rest without a word said.
  const second = summary.unindexedChars ? `${UNINDEXED_NOTE} · ${resume}` : resume;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">{promptsLine(summary, width)}</Text>
      <Text color={theme.muted} wrap="truncate-end">
        {fit(second, width)}
      </Text>
    </Box>
  );
}
