/**
 * `delete`, `restore` and `cleanup`: sessions move to <home>/.trash/ and can
 * come back. A session that is still active (running, or changed in the
 * last 10 minutes: store/activity.ts) is never moved by `cleanup`, and
 * `delete` moves it only with `--force`. Every command printed for the user
 * to run next is built by follow-up.ts and runs verbatim.
 */
import { createInterface } from 'node:readline/promises';
import { formatDateTime, relativeTime } from '../../format/time.js';
import { countNoun, formatInt } from '../../format/numbers.js';
import { renderTable } from '../../format/table.js';
import { sessionActivity } from '../../store/actions/activity.js';
import { trashEach } from '../../store/actions/cleanup.js';
import { parseDuration, DURATION_FORMS } from '../../store/duration.js';
import { assertOwnSession, listTrash, restoreFromTrash, trashDir, trashSession } from '../../store/actions/trash.js';
import { sourceAgent } from '../../store/sources/registry.js';
import type { SessionSummary } from '../../store/types.js';
import { sanitize } from '../../format/sanitize.js';
import { UsageError, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { followUp, followUpFor, restoreHint } from '../follow-up.js';
import { writeLines, type Io } from '../io.js';
import { findTrashed } from './find-session.js';
import { renderSessionTable, tableWidth } from './session-table.js';
import { loadSummaryById } from './show.js';
import { shownValue } from '../../format/shown-value.js';
import { parseCopyName } from '../../store/actions/trash-names.js';
import { readLabels } from '../../store/labels.js';
import { applyLabels } from '../list-model.js';

const line = (text: string): string => sanitize(text, { singleLine: true });

/** "Undo with: …" for a session just moved to the trash. */
export function undoHint(ctx: AppContext, s: Pick<SessionSummary, 'projectId' | 'id'>): string {
  const hint = restoreHint(ctx, s.projectId, s.id);
  return hint ? `Undo with: ${hint}` : `Undo with 'session-browser restore ${s.id} --project DIR', DIR being its project folder`;
}

export async function deleteCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const summary = await loadSummaryById(ctx, id);
  // Another agent's session is never moved: said before any question is asked.
  assertOwnSession(summary);
  // `id` may be a prefix: every message and the move use the whole id.
  const label = `${line(summary.title)} (${summary.id}, ${relativeTime(summary.updatedAt, ctx.now())})`;
  const activity = sessionActivity(summary, ctx.now());
  const again = (extra: string[]) =>
    followUpFor(ctx, options, ['delete', summary.id, ...(activity.active || options.force ? ['--force'] : []), ...extra]);
  if (activity.active && !options.force) {
    // Without a terminal to confirm on, the command must carry --yes too, or it is refused in turn.
    const confirm = options.yes || !process.stdin.isTTY ? ['--yes'] : [];
    throw new Error(line(`not deleting ${summary.id}: ${activity.reason}; moving it now could split it in two. If it has stopped, run: ${again(confirm)}`));
  }
  if (!options.yes) {
    if (!process.stdin.isTTY) throw new UsageError(line(`refusing to delete ${summary.id} without confirmation; to do it, run: ${again(['--yes'])}`));
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const warning = activity.active ? ` ${activity.reason}!` : '';
    const answer = await rl.question(`Move "${label}" to the trash?${line(warning)} [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('Not deleted.');
      return 1;
    }
  }
  const moved = trashSession(ctx.home, summary, { nowMs: ctx.now(), force: options.force === true });
  io.err(line(`Deleted ${label}: moved to ${moved.to}. ${undoHint(ctx, summary)}`));
  return 0;
}

/** `restore ID` brings one back (`ID~N`: that copy); `restore` alone lists the trash. */
export async function restoreCommand(ctx: AppContext, id: string | undefined, options: ParsedOptions, io: Io): Promise<number> {
  if (id === undefined) return listTrashCommand(ctx, io);
  // `ID~N`: copy N of a session deleted more than once, as the trash listing names it ('~' is in no id).
  const named = parseCopyName(id);
  // `id` may be a prefix (find-session.ts): restore the one whole id it names.
  const entry = findTrashed(ctx, named ? named.id : id);
  // The copy deleted last (what the undo printed by `delete` means), or the one named; other copies stay, and are counted.
  const restored = restoreFromTrash(ctx.home, entry.id, entry.projectId, named?.copy);
  const older = restored.olderCopies ?? 0;
  const which = named ? '' : ' (the copy deleted last)';
  const left = older > 0 ? `${which}; ${countNoun(older, 'other copy', 'other copies')} of it ${older === 1 ? 'is' : 'are'} still in the trash (restore lists them)` : '';
  io.err(line(`Restored ${entry.id} to ${restored.to}${left}`));
  return 0;
}

/** The trash as a table: id (whole), project, when deleted, size. */
function listTrashCommand(ctx: AppContext, io: Io): number {
  const entries = listTrash(ctx.home);
  if (entries.length === 0) {
    io.out(line(`The trash is empty (${trashDir(ctx.home)}).`));
    return 0;
  }
  // Deletion times are real (the file's ctime): measured against the real clock, even when the demo pins ctx.now.
  const now = Date.now();
  // A session deleted more than once: its copy deleted last is `ID` (what `restore ID` brings back), the others
  // `ID~N` by their copy number, so each can be named.
  const rows = entries.map((e) => {
    const iso = new Date(e.deletedMs).toISOString();
    const name = e.latest ? e.id : `${e.id}~${e.copy}`;
    return [name, ctx.catalog.projectLabel(e.projectId), `${formatDateTime(iso, ctx.tz)} (${relativeTime(iso, now)})`, `${formatInt(e.size)} B`];
  });
  io.out(renderTable([{ header: 'ID' }, { header: 'PROJECT' }, { header: 'DELETED' }, { header: 'SIZE', align: 'right' }], rows));
  const first = entries[0]!;
  io.err(line(`${countNoun(entries.length, 'session')} in ${trashDir(ctx.home)}. Bring one back with: ${restoreHint(ctx, first.projectId, first.id) ?? `session-browser restore ${first.id}`}`));
  return 0;
}

export async function cleanupCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  const spec = options['older-than'];
  if (!spec) throw new UsageError(`cleanup needs --older-than DUR (${DURATION_FORMS})`);
  const age = parseDuration(spec);
  if (age === null) throw new UsageError(`bad --older-than ${shownValue(spec, { quote: true })}: use ${DURATION_FORMS}`);
  const now = ctx.now();
  const cutoff = now - age;
  // Empty sessions are the first thing worth cleaning: always include them here.
  // The user's names and pins apply as in `list`: a row shows the name given, and a pinned session is kept.
  const { sessions: found } = await ctx.catalog.summaries(ctx.projectIds, { includeEmpty: true });
  const sessions = applyLabels(found, readLabels(ctx.home));
  // Other agents' sessions are theirs (trash.ts NotOwnSessionError): left where they are, and counted.
  const old: SessionSummary[] = [];
  const others: SessionSummary[] = [];
  for (const s of sessions) if (Date.parse(s.updatedAt) < cutoff) (sourceAgent(s.source) === null ? old : others).push(s);
  const leftAlone = othersLeftAlone(others);
  // Old records do not make a session idle: an agent may have appended to it a moment ago.
  const skipped: { s: SessionSummary; reason: string }[] = [];
  // Nor old: its age is the newest of the last record and the file's mtime (a store meta `updated_at` may be stale).
  const recent: { s: SessionSummary; reason: string }[] = [];
  const movable: SessionSummary[] = [];
  for (const s of old) {
    const a = sessionActivity(s, now);
    const last = a.lastMs;
    // Pinned is the user's "keep this": never cleaned up by age (unpinned with p in the browser, it can be).
    if (s.pinned) recent.push({ s, reason: 'it is pinned (p in the browser unpins it)' });
    else if (a.active) skipped.push({ s, reason: a.reason ?? 'it is active' });
    else if (last >= cutoff) recent.push({ s, reason: `its file changed ${relativeTime(new Date(last).toISOString(), now)}, within ${spec}` });
    // The table's AGE is that age too.
    else movable.push({ ...s, updatedAt: new Date(last).toISOString() });
  }
  const trash = trashDir(ctx.home);
  const reportSkipped = () => {
    for (const { s, reason } of [...recent, ...skipped]) io.out(line(`Skipped ${s.id}: ${reason}.`));
  };
  if (old.length === 0) {
    io.out(line(`No sessions of session-browser's own older than ${spec}${leftAlone}.`));
    return 0;
  }
  if (movable.length > 0) await writeLines(io, renderSessionTable(movable, { nowMs: now, width: tableWidth(io) }));
  if (!options.yes || options['dry-run']) {
    reportSkipped();
    const todo = followUpFor(ctx, options, ['cleanup', '--older-than', spec, ...(ctx.all ? ['--all'] : []), '--yes']);
    io.out(line(`Dry run: ${countNoun(movable.length, 'session')} older than ${spec} would move to ${trash}${skipped.length ? `; ${countNoun(skipped.length, 'active one')} would be skipped` : ''}${leftAlone}.`) + (movable.length ? `\nTo do it, run: ${line(todo)}` : ''));
    return 0;
  }
  // One session that cannot move (a file system error) is reported and the rest still move (cleanup.ts).
  const report = trashEach(ctx.home, movable, ctx.now());
  for (const t of report.moved) if (t.keptAs) io.out(line(`Kept both copies of ${t.id}: one was already in the trash, this one is there as ${t.keptAs} (restore ${t.id} brings it back).`));
  // Those that became active between the listing and the move join the ones skipped before.
  const byId = new Map(movable.map((s) => [`${s.projectId}/${s.id}`, s]));
  for (const m of report.skipped) skipped.push({ s: byId.get(`${m.projectId}/${m.id}`)!, reason: m.reason });
  reportSkipped();
  for (const { id, reason } of report.failed) io.err(line(`Could not move ${id}: ${reason}`));
  const moved = report.moved.length;
  const notMoved = [
    ...(recent.length + skipped.length ? [`skipped ${countNoun(recent.length + skipped.length, 'recent, active or pinned one')}`] : []),
    ...(report.failed.length ? [`${countNoun(report.failed.length, 'session')} could not move`] : []),
  ];
  io.out(line(`Moved ${countNoun(moved, 'session')} to ${trash}${notMoved.length ? `; ${notMoved.join('; ')}` : ''}${leftAlone}.`) + (moved ? `\nSee them with: ${line(followUp(ctx, ['restore']))}` : ''));
  return report.failed.length ? 1 : 0;
}

/** "; 3 sessions of Claude Code left alone (...)" for other agents' old sessions a cleanup does not move, or ''. */
function othersLeftAlone(others: readonly SessionSummary[]): string {
  if (others.length === 0) return '';
  const agents = [...new Set(others.map((s) => sourceAgent(s.source)!))].join(', ');
  return `; ${countNoun(others.length, 'session')} of ${agents} left alone (session-browser deletes only its own sessions)`;
}
