/** `list`: the sessions in scope, newest first (DESIGN.md `list --json` shape). */
import { sanitize } from '../../format/sanitize.js';
import { countNoun } from '../../format/numbers.js';
import { PASS_TEXT_CHARS } from '../../store/scan/text-chunks.js';
import { branchFilter, onBranches } from '../../store/search/branch-filter.js';
import { SessionSearch } from '../../store/search/session-search.js';
import type { SessionSummary } from '../../store/types.js';
import { positiveInt, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { writeLines, type Io } from '../io.js';
import { writeJson } from '../json-out.js';
import { readingWhere } from '../sources.js';
import { applyLabels, withNameHits } from '../list-model.js';
import { readLabels } from '../../store/labels.js';
import { maskedSummary, renderSessionTable, tableWidth } from './session-table.js';
import { shownValue } from '../../format/shown-value.js';

/**
 * The summaries in scope. Files it could not read and project folders it
 * refused (symbolic links) are named on stderr, one line each, never fatal.
 * Empty sessions follow `--include-empty` unless `opts.includeEmpty` says
 * otherwise: accounting (`usage`) passes true, since empty is a list filter
 * only (FORMAT.md §2.1), and `sharedCalls` (SummariesOptions), so a call
 * copied into several sessions counts once.
 */
export async function loadScope(ctx: AppContext, io: Io, opts: { includeEmpty?: boolean; sharedCalls?: boolean } = {}): Promise<SessionSummary[]> {
  const { sessions, unreadable } = await ctx.catalog.summaries(ctx.projectIds, {
    includeEmpty: opts.includeEmpty ?? ctx.includeEmpty,
    sharedCalls: opts.sharedCalls,
    // Nothing here searches before indexText runs (a search's pass collects the text, stand-in included).
    metaLater: true,
  });
  for (const u of unreadable) io.err(sanitize(`session-browser: skipped ${u.path}: ${u.error}`, { singleLine: true }));
  return sessions;
}

/**
 * "No sessions" in words that say where we looked (home and project), with a
 * hint at what else to try; never `--demo` while in the demo.
 */
export function noSessionsMessage(ctx: AppContext, query?: string, cutText = 0): string {
  // Where this run looked: the session home and the agents' folders it read (never a home it did not read).
  const looked = readingWhere(ctx.home, ctx.catalog.locations);
  const where = ctx.all ? `in any project under ${looked}` : `for project ${ctx.project.root} under ${looked}`;
  // A search cannot find words past the index's cap (SessionSummary.unindexedChars): say so rather than "nothing".
  const cut = query && cutText > 0 ? `; in ${countNoun(cutText, 'session')}, text past ${PASS_TEXT_CHARS / 2 ** 20} Mi characters is not searchable` : '';
  const what = query ? `No sessions match ${shownValue(query, { quote: true })}` : 'No sessions';
  const hints = [ctx.all ? '' : '--all lists every project', ctx.demo || query ? '' : '--demo shows an example'].filter(Boolean);
  return sanitize(`${what} ${where}${cut}.${hints.length ? ` ${hints.join('; ')}.` : ''}`, { singleLine: true });
}

export async function listCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  const limit = positiveInt('limit', options.limit);
  // The names and pins the user gave in the browser (labels.json): the same titles everywhere.
  let sessions = applyLabels(await loadScope(ctx, io), readLabels(ctx.home));
  const cutText = sessions.filter((s) => s.unindexedChars).length;
  if (options.query?.trim()) {
    // `branch:NAME` narrows to sessions recorded on that branch, as in the browser; the other words are searched
    // among them, best first (session-search.ts: the catalog's full-text index, read after the scan above wrote it).
    const { branches, rest } = branchFilter(options.query);
    if (branches.length > 0) sessions = sessions.filter((s) => onBranches(s, branches));
    // Sessions the user named come first when their name holds the words, as in the browser (list-model.ts).
    if (rest !== '') sessions = withNameHits(sessions, rest, new SessionSearch(ctx.catalog.textIndex()).search(rest, sessions)).map((h) => h.summary);
  }
  if (limit !== undefined) sessions = sessions.slice(0, limit);
  // Searched as written; printed masked, as the browser shows them (issue 9), unless --reveal-secrets.
  if (!options['reveal-secrets']) sessions = sessions.map(maskedSummary);
  if (options.json) {
    await writeJson(io, { project: { id: ctx.project.id, root: ctx.project.root }, sessions });
    return 0;
  }
  if (sessions.length === 0) {
    io.out(noSessionsMessage(ctx, options.query?.trim() || undefined, cutText));
    return 0;
  }
  const labels = new Map<string, string>();
  const projectLabel = ctx.all
    ? (id: string): string => labels.get(id) ?? labels.set(id, ctx.catalog.projectLabel(id, sessions)).get(id)!
    : undefined;
  await writeLines(io, renderSessionTable(sessions, { nowMs: ctx.now(), projectLabel, width: tableWidth(io) }));
  return 0;
}
