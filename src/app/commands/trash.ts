/** `delete`, `restore` and `cleanup`: sessions move to <home>/.trash/ and can come back. */
import { createInterface } from 'node:readline/promises';
import { relativeTime } from '../../format/time.js';
import { parseDuration, DURATION_FORMS } from '../../store/duration.js';
import { moveToTrash, restoreFromTrash } from '../../store/trash.js';
import { sanitize } from '../../format/sanitize.js';
import { UsageError, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import type { Io } from '../io.js';
import { renderSessionTable } from './session-table.js';
import { loadSummaryById } from './show.js';

export async function deleteCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const summary = await loadSummaryById(ctx, id);
  const label = `${sanitize(summary.title, { singleLine: true })} (${id}, ${relativeTime(summary.updatedAt, ctx.now())})`;
  if (!options.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`refusing to delete ${id} without confirmation: pass --yes`);
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Move "${label}" to the trash? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('Not deleted.');
      return 1;
    }
  }
  const moved = moveToTrash(ctx.home, summary.projectId, id);
  io.err(`Deleted ${label}: moved to ${moved.to}. Undo with: session-browser restore ${id}`);
  return 0;
}

export async function restoreCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const restored = restoreFromTrash(ctx.home, id, options.project ? ctx.project.id : undefined);
  io.err(`Restored ${id} to ${restored.to}`);
  return 0;
}

export async function cleanupCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  const spec = options['older-than'];
  if (!spec) throw new UsageError(`cleanup needs --older-than DUR (${DURATION_FORMS})`);
  const age = parseDuration(spec);
  if (age === null) throw new UsageError(`bad --older-than ${JSON.stringify(spec)}: use ${DURATION_FORMS}`);
  const cutoff = ctx.now() - age;
  // Empty sessions are the first thing worth cleaning: always include them here.
  const { sessions } = await ctx.catalog.summaries(ctx.projectIds, { includeEmpty: true });
  const old = sessions.filter((s) => Date.parse(s.updatedAt) < cutoff);
  if (old.length === 0) {
    io.out(`No sessions older than ${spec}.`);
    return 0;
  }
  io.out(renderSessionTable(old, { nowMs: ctx.now() }));
  if (!options.yes || options['dry-run']) {
    io.out(`Dry run: ${old.length} session(s) older than ${spec} would move to ${ctx.home}/.trash/. Pass --yes to do it.`);
    return 0;
  }
  for (const s of old) moveToTrash(ctx.home, s.projectId, s.id);
  io.out(`Moved ${old.length} session(s) to ${ctx.home}/.trash/ (restore one with: session-browser restore ID).`);
  return 0;
}
