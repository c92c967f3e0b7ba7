/** `list`: the sessions in scope, newest first (DESIGN.md `list --json` shape). */
import { buildSearchIndex, searchSessions } from '../../store/search.js';
import type { SessionSummary } from '../../store/types.js';
import { positiveInt, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { toJson, type Io } from '../io.js';
import { renderSessionTable } from './session-table.js';

/** Summaries without the search text: it is an index, not data worth printing (up to 32 KB each). */
export const publicSummary = ({ searchText: _omit, ...rest }: SessionSummary): Omit<SessionSummary, 'searchText'> => rest;

export async function loadScope(ctx: AppContext, io: Io): Promise<SessionSummary[]> {
  const { sessions, unreadable } = await ctx.catalog.summaries(ctx.projectIds, { includeEmpty: ctx.includeEmpty });
  for (const u of unreadable) io.err(`session-browser: skipped ${u.path}: ${u.error}`);
  return sessions;
}

export async function listCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  const limit = positiveInt('limit', options.limit);
  let sessions = await loadScope(ctx, io);
  if (options.query?.trim()) {
    sessions = searchSessions(buildSearchIndex(sessions), options.query).map((h) => h.summary);
  }
  if (limit !== undefined) sessions = sessions.slice(0, limit);
  if (options.json) {
    io.out(toJson({ project: { id: ctx.project.id, root: ctx.project.root }, sessions: sessions.map(publicSummary) }));
    return 0;
  }
  if (sessions.length === 0) {
    io.out(ctx.all ? 'No sessions in any project.' : `No sessions for ${ctx.project.root} yet: --all lists every project; --demo shows an example.`);
    return 0;
  }
  const labels = new Map<string, string>();
  const projectLabel = ctx.all
    ? (id: string): string => labels.get(id) ?? labels.set(id, ctx.catalog.projectLabel(id, sessions)).get(id)!
    : undefined;
  io.out(renderSessionTable(sessions, { nowMs: ctx.now(), projectLabel }));
  return 0;
}
