/** `show ID`: one session's figures. */
import { UNINDEXED_NOTE } from '../../store/scan/text-chunks.js';
import { maskedSummary } from './session-table.js';
import { badges } from '../../format/badges.js';
import { countNoun, formatDuration, formatInt, formatTokens, formatUsd, shownTokens } from '../../format/numbers.js';
import { sanitize } from '../../format/sanitize.js';
import { formatDateTime, relativeTime } from '../../format/time.js';
import type { SessionSummary } from '../../store/types.js';
import type { SessionFile } from '../../store/sources/format.js';
import type { ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import type { Io } from '../io.js';
import { writeJson } from '../json-out.js';
import { findSession, NotFoundError, type SameIdChoice } from './find-session.js';
import { labeled } from '../list-model.js';
import { readLabels } from '../../store/labels.js';
import { rowLabel } from '../../store/usage/row-text.js';

/** The summary of the session `id` names (find-session.ts; `same`: several files of one project with that id). */
export async function loadSummaryById(ctx: AppContext, id: string, same: SameIdChoice = {}): Promise<SessionSummary> {
  return summaryOfFile(ctx, await findSession(ctx, id, same));
}

/**
 * The summary of a session file found by id, with the name and pin the
 * user gave in the browser (labels.json), as the list shows them. Throws
 * NotFoundError when the file holds no record of any known dialect.
 */
export async function summaryOfFile(ctx: AppContext, file: SessionFile): Promise<SessionSummary> {
  const summary = await ctx.catalog.summary(file);
  if (!summary) throw new NotFoundError(sanitize(`${file.path} holds no session records of any known dialect`, { singleLine: true }));
  return labeled(summary, readLabels(ctx.home).get(summary.id));
}

export async function showCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const found = await loadSummaryById(ctx, id, { newest: (line) => io.err(line) });
  // Printed masked, as the browser shows it (issue 9), unless --reveal-secrets.
  const s = options['reveal-secrets'] ? found : maskedSummary(found);
  if (options.json) {
    await writeJson(io, s);
    return 0;
  }
  const now = ctx.now();
  const t = s.tokens;
  const rows: [string, string][] = [
    ['id', s.id],
    ['title', s.title],
    ...(s.originalTitle !== undefined ? [["agent's title", s.originalTitle || '(untitled)'] as [string, string]] : []),
    ...(s.pinned ? [['pinned', 'yes (to the top of its project in the browser)'] as [string, string]] : []),
    ['dialect', s.dialect],
    ['project', ctx.catalog.projectLabel(s.projectId, [s])],
    ['workspace', s.workspace ?? '–'],
    // The git branch it ran on (recorded by Claude Code, Codex), as the browser's header says it.
    ...(s.branch ? [['branch', s.branch] as [string, string]] : []),
    ['created', `${formatDateTime(s.createdAt, ctx.tz)} ${ctx.tz} (${relativeTime(s.createdAt, now)})`],
    ['updated', `${formatDateTime(s.updatedAt, ctx.tz)} ${ctx.tz} (${relativeTime(s.updatedAt, now)})`],
    ['status', s.status],
    ['messages', `${formatInt(s.messageCount)} (${s.userMessages} user, ${s.assistantMessages} assistant)`],
    ['tool calls', formatInt(s.toolCalls)],
    ['model', s.model ? `${s.model} (${s.provider})${s.models.length > 1 ? ` and ${countNoun(s.models.filter((m) => m.model !== s.model).length, 'other')} (below)` : ''}` : '–'],
    ['tokens', `${formatTokens(shownTokens(t), t.estimated)} · ${formatInt(t.input)} in · ${formatInt(t.output)} out · ${formatInt(t.cacheRead)} cache read · ${formatInt(t.cacheWrite)} cache write${t.estimated ? ' (estimated)' : ''}`],
    ['cost', s.costMicros === null ? 'unknown' : formatUsd(s.costMicros)],
    ['duration', formatDuration(s.durationMs)],
    ['checkpoints', s.lastCheckpoint ? `${s.checkpoints} (last ${s.lastCheckpoint.timestamp ? formatDateTime(s.lastCheckpoint.timestamp, ctx.tz) : '?'}, ${formatInt(s.lastCheckpoint.tokenCount)} tokens, ${countNoun(s.lastCheckpoint.messageCountAfter, 'message')} after)` : '0'],
    ['flags', badges(s, now) || '–'],
    ['lines', `${s.malformedLines} malformed · ${s.unknownLines} unknown · ${s.oversizedLines} oversized${s.tornLines ? ` · ${s.tornLines} torn (record recovered)` : ''}${s.pendingTail ? ' · pending tail' : ''}`],
    ['path', s.path],
  ];
  if (s.invalidNumbers + s.invalidTimes > 0) {
    rows.splice(rows.length - 1, 0, ['left out', `${countNoun(s.invalidNumbers, 'impossible number')} (left out of totals, or a total too large to be exact: overflow) · ${countNoun(s.invalidTimes, 'impossible time')} (not in ordering)`]);
  }
  if (s.invalidEntries > 0) rows.splice(rows.length - 1, 0, ['dropped', `${countNoun(s.invalidEntries, 'list entry', 'list entries')} not of its kind: a tool call or message that is none (the record's others kept)`]);
  // Known once the session's text has been indexed (a search, or the browser's background pass).
  if (s.unindexedChars) rows.splice(rows.length - 1, 0, ['search', `${UNINDEXED_NOTE} (${countNoun(s.unindexedChars, 'character')} past it)`]);
  for (const e of s.endpoints) {
    // Labelled as `usage --by endpoint` and the cost view label its row (row-text.ts): `(no endpoint)` when none was recorded.
    rows.push([`endpoint`, `${rowLabel(e.key)} · ${countNoun(e.calls, 'call')} · ${formatTokens(shownTokens(e.tokens))} tokens · ${formatUsd(e.costMicros)}`]);
  }
  // A session that called several models (a Claude session's subagents on Haiku): each, as the Usage tab shows them.
  if (s.models.length > 1) {
    for (const m of s.models) rows.push(['model', `${m.model || '(unknown model)'} (${m.provider}) · ${countNoun(m.calls, 'call')} · ${formatTokens(shownTokens(m.tokens))} tokens · ${formatUsd(m.costMicros)}`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  io.out(rows.map(([k, v]) => `${k.padEnd(width)}  ${sanitize(v, { singleLine: true })}`).join('\n'));
  return 0;
}
