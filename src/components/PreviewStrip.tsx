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
import { displayWidth, fit, truncate, truncateStart } from '../format/width.js';
import { countNoun, formatInt, formatTokens } from '../format/numbers.js';
import { clock } from '../format/time.js';
import { theme } from './theme.js';
import { UNINDEXED_NOTE } from '../store/scan/text-chunks.js';
import { refusesToResume } from '../store/actions/resume.js';
import { programFound } from '../store/actions/find-program.js';

/** How much a resume summary says: 0 in full, 1 without the verb, 2 also without a checkpoint's tokens (a narrow screen). */
export type Wording = 0 | 1 | 2;

/**
 * "resume from checkpoint 09:30 · 12 msgs after · ~8.2k tokens" (the time in
 * `tz`, the browser's zone) or "resume whole conversation · 40 msgs";
 * shorter with a higher `wording` ("from checkpoint 09:30 · 12 msgs after").
 */
export function resumeSummary(plan: ResumePlan, tz = 'UTC', wording: Wording = 0): string {
  const verb = wording === 0 ? 'resume ' : '';
  if (plan.checkpoint) {
    const at = clock(plan.checkpoint.timestamp, false, tz);
    // The count after it is the list's msgs column's: kept; the tokens are on the Resume tab.
    const tokens = wording === 2 ? '' : ` · ${formatTokens(plan.estimatedContextTokens, true)} tokens`;
    return `${verb}from checkpoint${at ? ' ' + at : ''} · ${countNoun(plan.messagesAfter, 'msg')} after${tokens}`;
  }
  // The list's count (its msgs column), not the context file's records, which add tool calls and results.
  return `${verb}whole conversation · ${countNoun(plan.messagesAfter, 'msg')}`;
}

/**
 * What Enter runs: the program; that it refuses when there is no folder to
 * run it in, or the program is not installed (as use-browser-input.ts
 * resumeRefusal then says); or that it
 * prints the id when nothing is configured (why, unless `wording` is 2).
 */
function enterSummary(plan: ResumePlan, wording: Wording = 0): string {
  if (refusesToResume(plan)) return ['Enter cannot resume here (no folder to run in)', 'Enter cannot resume (no folder)', 'no resume here'][wording]!;
  if (plan.argv) {
    const program = sanitize(plan.argv[0] ?? '', { singleLine: true });
    // As Enter will say it (resumeRefusal): a program not installed here cannot resume anything.
    if (!programFound(plan.argv[0] ?? '', plan.cwd)) return [`Enter cannot resume (${program} not installed)`, `${program} not installed`, 'no resume here'][wording]!;
    return `Enter runs ${program}`;
  }
  return ['Enter prints the id (no --resume-cmd)', 'Enter prints id (no --resume-cmd)', 'Enter prints id'][wording]!;
}

/** The workspace keeps at least this many columns (its last folder) before the resume part is worded shorter. */
const MIN_WHERE = 12;
/** With the shortest wording, the workspace is cut down to this (a folder's last letters) before the branch is left out. */
const TIGHT_WHERE = 6;

/** What stands for a session with no recorded workspace, longest first (a placeholder is shown whole or not at all). */
const NO_WORKSPACE = ['(no workspace recorded)', '(no workspace)'] as const;

/**
 * The second line: `lead`, the workspace `where` (null: none recorded) and
 * what follows it (`about`: its branch, the agent's title), then what a
 * resume loads and what Enter does, within `width`. What Enter does is what
 * a user acts on, so on a narrow screen the workspace gives way first (cut
 * at its start: its last folders tell projects apart; `about` is kept),
 * then the resume part is worded shorter, the workspace cut to its last
 * letters, then `about` and then the workspace are left out, and only then
 * is the line cut at its end.
 */
export function resumeLine(lead: string, where: string | null, about: string, plan: ResumePlan | null, width: number, tz = 'UTC'): string {
  const shown = where ?? NO_WORKSPACE[0];
  if (!plan) return `${lead}${shown}${about}`;
  const full = `${lead}${shown}${about} · ${resumeSummary(plan, tz)} · ${enterSummary(plan)}`;
  if (displayWidth(full) <= width) return full;
  const placed = (tail: string, floor = MIN_WHERE): string | null => {
    const room = width - displayWidth(lead) - displayWidth(tail);
    if (where === null) {
      const placeholder = NO_WORKSPACE.find((p) => displayWidth(p) <= room);
      return placeholder === undefined ? null : `${lead}${placeholder}${tail}`;
    }
    return room >= Math.min(floor, displayWidth(where)) ? `${lead}${truncateStart(where, room)}${tail}` : null;
  };
  for (const wording of [0, 1, 2] as const) {
    const line = placed(`${about} · ${resumeSummary(plan, tz, wording)} · ${enterSummary(plan, wording)}`);
    if (line !== null) return line;
  }
  const shortest = `${resumeSummary(plan, tz, 2)} · ${enterSummary(plan, 2)}`;
  const line = placed(`${about} · ${shortest}`, TIGHT_WHERE) ?? placed(` · ${shortest}`);
  if (line !== null) return line;
  if (displayWidth(lead) + displayWidth(shortest) <= width) return `${lead}${shortest}`;
  return full;
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
  const where = summary.workspace ? sanitize(summary.workspace, { singleLine: true }) : null;
  // The note first, where a narrow screen cannot cut it off: a search would miss words in the rest without a word said.
  const second = resumeLine(summary.unindexedChars ? `${UNINDEXED_NOTE} · ` : '', where, branch + renamed, plan, width, timeZone);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">{promptsLine(summary, width)}</Text>
      <Text color={theme.muted} wrap="truncate-end">
        {fit(second, width)}
      </Text>
    </Box>
  );
}
