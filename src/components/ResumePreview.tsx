/**
 * The Resume tab: exactly what Enter will do for this session, before it
 * does it — where the context starts, how big it is, the argv and working
 * directory of the spawn, and whether the provider's prompt cache is still
 * warm (resuming while warm is cheaper: format §3).
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ResumeFrom, ResumePlan } from '../store/types.js';
import { sanitize } from '../format/sanitize.js';
import { formatDateTime } from '../format/time.js';
import { countNoun, formatDuration, formatTokens } from '../format/numbers.js';
import { shellCommand } from '../format/shell-quote.js';
import { truncate } from '../format/width.js';
import { wrapLine } from '../format/wrap.js';
import { theme } from './theme.js';
import { scrollWindow } from './scroll-window.js';

export interface ResumePreviewProps {
  /** The plan Enter executes (same object the launcher receives). */
  plan: ResumePlan;
  /** "Now" for the cache countdown, in epoch ms. */
  nowMs: number;
  /** IANA zone of the checkpoint time, named after it (FORMAT.md §3); 'UTC' when omitted. */
  timeZone?: string;
  /** Columns available. */
  width: number;
  /** Rows available; when the lines are more, they scroll from `scroll` and the last row says where. */
  height: number;
  /** First line shown when the preview is taller than `height` (clamped). */
  scroll?: number;
  /**
   * The choice of a session with checkpoints (↑/↓ change it): resume from
   * the last checkpoint or the whole conversation. Absent: no choice shown.
   */
  from?: ResumeFrom;
  /** Messages of the whole conversation (the "whole conversation" choice), as the list's msgs column counts them. */
  wholeMessages?: number;
}

const LABEL = 13;

/** "1 message", "12 messages". */
const messages = (n: number): string => countNoun(n, 'message');

/**
 * argv as one line a person could paste into a shell, quoted by the one
 * rule every printed command uses (format/shell-quote.ts), then sanitized
 * (controls become visible markers; a line break or tab inside an argument
 * shows as ␊ / ␉). For reading only: the launcher spawns the argv without a shell.
 */
export function commandLine(argv: readonly string[]): string {
  return sanitize(shellCommand(argv)).replace(/\n/g, '␊').replace(/\t/g, '␉');
}

interface Row {
  label: string;
  text: string;
  color?: string;
}

/** The plan as labelled rows; long values wrap under their label. Times are in `tz`, which is named. */
export function resumeRows(plan: ResumePlan, nowMs: number, tz = 'UTC', from?: ResumeFrom, wholeMessages?: number): Row[] {
  const rows: Row[] = [];
  const cp = plan.checkpoint;
  if (cp && from) {
    const mark = (f: ResumeFrom): string => (from === f ? '(•)' : '( )');
    rows.push({ label: 'Resume from', text: `${mark('checkpoint')} last checkpoint   ${mark('start')} whole conversation   (↑↓ choose)`, color: theme.accent });
    if (plan.commandSource === 'agent') {
      rows.push({ label: '', text: "the agent's own resume loads what it kept; the choice shapes {context}", color: theme.muted });
    }
  }
  if (cp && from === 'start') {
    rows.push({ label: 'Starts from', text: `the first message · ${messages(wholeMessages ?? plan.contextMessages)} (checkpoint summaries left out)` });
  } else if (cp) {
    const at = cp.timestamp ? ` of ${formatDateTime(cp.timestamp, tz)} ${tz}` : '';
    rows.push({ label: 'Starts from', text: `checkpoint${at} · ${formatTokens(cp.tokenCount)} tokens` });
    rows.push({ label: '', text: `then ${messages(plan.messagesAfter)} recorded after it` });
  } else {
    rows.push({ label: 'Starts from', text: `whole conversation (no checkpoint) · ${messages(plan.messagesAfter)}` });
  }
  if (!(cp && from === 'start')) {
    rows.push({
      label: 'Context',
      // Records, not messages: the file holds tool calls and results too, which the list's msgs column does not count.
      text: `~${formatTokens(plan.estimatedContextTokens)} tokens in ${countNoun(plan.contextMessages, 'record')} (tool calls and results included)`,
    });
  }
  if (plan.argv) {
    const source = plan.commandSource === 'flag' ? '--resume-cmd' : plan.commandSource === 'env' ? '$SESSION_BROWSER_RESUME_CMD' : plan.commandSource === 'agent' ? "the agent's own command" : 'config file';
    rows.push({ label: 'Enter runs', text: commandLine(plan.argv), color: theme.accent });
    rows.push({ label: '', text: `(spawned directly, without a shell; template from ${source})`, color: theme.muted });
    // The workspace, else the project root (store/resume.ts resolveResumeDir), else nowhere: never the current directory.
    const gone = plan.workspaceProblem ? ` (the recorded workspace ${sanitize(plan.workspace ?? '', { singleLine: true })} ${plan.workspaceProblem})` : '';
    const cwd = plan.cwd
      ? `${sanitize(plan.cwd, { singleLine: true })}${plan.cwdLabel ? ` — ${plan.cwdLabel}${gone}` : ''}`
      : `none: Enter refuses to resume${gone || ' (no workspace recorded)'} and the project root is unknown`;
    rows.push({ label: 'Directory', text: cwd });
  } else {
    rows.push({ label: 'Enter', text: 'No resume command configured: Enter prints the id', color: theme.warning });
    rows.push({
      label: '',
      text: 'set --resume-cmd, $SESSION_BROWSER_RESUME_CMD or "resumeCommand" in the config file',
      color: theme.muted,
    });
  }
  const until = plan.cacheWarmUntil ? Date.parse(plan.cacheWarmUntil) : NaN;
  if (until > nowMs) {
    rows.push({
      label: 'Prompt cache',
      text: `warm for ${formatDuration(until - nowMs)} more: resuming now is cheaper`,
      color: theme.warm,
    });
  } else {
    rows.push({ label: 'Prompt cache', text: 'cold: a resume sends the whole context again', color: theme.cold });
  }
  return rows;
}

/** Every line of the Resume tab at `width`: the rows, long values wrapped under their label. */
export function resumeLines(plan: ResumePlan, nowMs: number, width: number, tz?: string, from?: ResumeFrom, wholeMessages?: number): Array<{ text: string; color?: string }> {
  const label = width >= 40 ? LABEL : 0;
  const lines: Array<{ text: string; color?: string }> = [];
  for (const row of resumeRows(plan, nowMs, tz, from, wholeMessages)) {
    const parts = wrapLine(row.text, Math.max(1, width - label));
    parts.forEach((part, i) => {
      const head = label === 0 ? '' : (i === 0 ? row.label : '').padEnd(label);
      if (label === 0 && i === 0 && row.label) lines.push({ text: truncate(row.label, width) });
      lines.push({ text: truncate(head + part, width), color: row.color });
    });
  }
  return lines;
}

export function ResumePreview({ plan, nowMs, timeZone, width, height, from, wholeMessages, scroll = 0 }: ResumePreviewProps): React.JSX.Element {
  const lines = resumeLines(plan, nowMs, width, timeZone, from, wholeMessages);
  const view = scrollWindow(lines.length, height, scroll);
  return (
    <Box flexDirection="column">
      {lines.slice(view.from, view.to).map((line, i) => (
        <Text key={i} wrap="truncate" color={line.color}>
          {line.text}
        </Text>
      ))}
      {view.footer ? (
        <Text wrap="truncate" color={theme.muted}>
          {truncate(view.footer, width)}
        </Text>
      ) : null}
    </Box>
  );
}
