/** `usage`: tokens and cost by model, endpoint, day or session over a window. */
import { countNoun, formatDuration, formatInt, formatPercent, formatTokens, formatUsd } from '../../format/numbers.js';
import { fitTable, type FitColumn } from '../../format/fit-table.js';
import { modelCutter } from '../../format/elide.js';
import { tableWidth } from './session-table.js';
import { formatDateTime } from '../../format/time.js';
import { sanitize } from '../../format/sanitize.js';
import { aggregateUsage, cacheHitUnknown, isFullyCopied, type UsageRow } from '../../store/usage/usage.js';
import { costText, rowLabel } from '../../store/usage/row-text.js';
import { inWindow, parseWindowOption, WindowSpecError } from '../../store/usage/window.js';
import { oneOf, UsageError, type ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import type { SessionSummary } from '../../store/types.js';
import type { Io } from '../io.js';
import { writeJson } from '../json-out.js';
import { loadScope } from './list.js';

const GROUPINGS = ['model', 'endpoint', 'day', 'session'] as const;

export async function usageCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  const by = oneOf('by', options.by, GROUPINGS, 'model');
  let window;
  try {
    window = parseWindowOption(options.since, ctx.now(), ctx.tz);
  } catch (err) {
    // The message already reads `bad --since "…": why; accepted forms`: do not say it twice.
    if (err instanceof WindowSpecError) throw new UsageError(err.message);
    throw err;
  }
  // Every session's spend counts, listed or hidden: empty is a list filter only (FORMAT.md §2.1).
  // A call copied into several sessions' files (a fork, a resume) counts once: SessionSummary.copies.
  const sessions = await loadScope(ctx, io, { includeEmpty: true, sharedCalls: true });
  const report = aggregateUsage(sessions, { by, window, tz: ctx.tz });
  if (options.json) {
    await writeJson(io, report);
    return 0;
  }
  const scope = ctx.all ? 'all projects' : ctx.project.root;
  // Text shows the window in the user's zone (FORMAT.md §3); --json keeps ISO UTC.
  const span = report.window ? `${formatDateTime(report.window.start, ctx.tz)} .. ${formatDateTime(report.window.end, ctx.tz)} ${ctx.tz}` : 'all time';
  // Day rows are calendar days of the zone: the heading names it, also for "all time".
  const grouping = by === 'day' && !report.window ? `day (days in ${ctx.tz})` : by;
  io.out(sanitize(`Usage by ${grouping} · ${scope} · ${span}`, { singleLine: true }));
  const row = (r: UsageRow, label: string): string[] => [
    label,
    formatInt(r.sessions),
    formatPercent(r.successRate),
    formatTokens(r.inputTokens),
    formatTokens(r.outputTokens),
    formatTokens(r.cacheReadTokens),
    formatTokens(r.cacheWriteTokens),
    // A rate of a capped sum is unknown ('?', like an unknown cost), not "none" ('–').
    cacheHitUnknown(r) ? '?' : formatPercent(r.cacheHitRate),
    // The cost view's rule (row-text.ts costText): '?' only for tokens with no price, '+?' on a partly known
    // figure (TOTAL too, as its note says), '–' where nothing was spent on tokens.
    costText(r),
    r.unknownCostSessions > 0 ? formatInt(r.unknownCostSessions) : '',
    r.costPerSuccess === null ? '–' : formatUsd(Math.round(r.costPerSuccess * 1e6)),
    r.durationMs > 0 ? formatDuration(r.durationMs) : '–',
  ];
  // The row's key: `provider/model`, `(no model)`, `(no endpoint)` — the label the cost view and `show` use too.
  const label = (r: UsageRow): string => rowLabel(r.key);
  // By session over all projects, one id may be in two projects: a PROJECT column tells the rows apart.
  const withProject = by === 'session' && ctx.all;
  const labels = new Map<string, string>();
  const projectOf = (r: UsageRow): string => {
    if (!r.projectId) return '';
    let l = labels.get(r.projectId);
    if (l === undefined) labels.set(r.projectId, (l = ctx.catalog.projectLabel(r.projectId, sessions)));
    return l;
  };
  const rowWithProject = (r: UsageRow, text: string): string[] => {
    const cells = row(r, text);
    return withProject ? [cells[0]!, projectOf(r), ...cells.slice(1)] : cells;
  };
  // The table fits the terminal: labels narrow first, then the least needed figures go (UNPRICED, $/SUCCESS, TIME, ...).
  const columns: FitColumn[] = [
    // Session ids are printed whole (a script feeds them back to `show`); labels are capped.
    // Model ids share their start ("anthropic/claude-sonne…" twice): they are cut in the middle, keeping the ends that tell them apart.
    by === 'session'
      ? { header: by.toUpperCase() }
      : { header: by.toUpperCase(), minWidth: 12, comfortWidth: 20, maxWidth: 48, shrinkOrder: 1, cutter: by === 'day' ? undefined : modelCutter },
    ...(withProject ? [{ header: 'PROJECT', minWidth: 8, comfortWidth: 12, maxWidth: 32, shrinkOrder: 2, keepEnd: true }] : []),
    // By session every row's SESSIONS is 1: the first figure to go, not the last.
    { header: 'SESSIONS', align: 'right' as const, dropPriority: by === 'session' ? 0 : 8 },
    { header: 'SUCCESS', align: 'right' as const, dropPriority: 4 },
    { header: 'INPUT', align: 'right' as const },
    { header: 'OUTPUT', align: 'right' as const },
    { header: 'CACHE R', align: 'right' as const, dropPriority: 6 },
    { header: 'CACHE W', align: 'right' as const, dropPriority: 5 },
    { header: 'HIT', align: 'right' as const, dropPriority: 7 },
    { header: 'COST', align: 'right' as const },
    // With nothing unpriced it is a column of blanks: left out (the note under the table says when there are some).
    { header: 'UNPRICED', align: 'right' as const, dropPriority: 1, omitWhenBlank: true },
    { header: '$/SUCCESS', align: 'right' as const, dropPriority: 2 },
    { header: 'TIME', align: 'right' as const, dropPriority: 3 },
  ];
  const cells = [...report.rows.map((r) => rowWithProject(r, label(r))), rowWithProject(report.totals, 'TOTAL')];
  const lines = fitTable(columns, cells, tableWidth(io), { cutLines: false, squeezeAbove: 6 });
  for (const line of lines) io.out(line);
  if (report.totals.copiedCalls > 0) {
    // A fork's row would look cheap next to its transcript: say why (SessionSummary.copies).
    const forks = sessions.filter((s) => s.copies && inWindow(s.updatedAt, report.window)).length;
    const calls = countNoun(report.totals.copiedCalls, 'call');
    io.out(`${countNoun(forks, 'session')} ${forks === 1 ? 'holds' : 'hold'} copies of ${calls} counted in another session (a fork or a resume copied them): each call is counted once, ${forks === 1 ? 'its' : 'their'} figures here are net of them.`);
    // A fork that only copied has no share left for any row, but it is a session and it took time: say where it went.
    const whole = by === 'model' || by === 'endpoint' ? sessions.filter((s) => isFullyCopied(s) && inWindow(s.updatedAt, report.window)).length : 0;
    if (whole > 0) {
      const which = whole === 1 ? 'One of them copied every call: it is' : `${whole} of them copied every call: they are`;
      io.out(`${which} in no ${by.toUpperCase()} row, but in TOTAL's SESSIONS and TIME.`);
    }
  }
  if (by === 'model' || by === 'endpoint') {
    // Tokens and cost add up to TOTAL; a session that used two models is one of each row's SESSIONS (and its TIME is in each).
    const counted = report.rows.reduce((n, r) => n + r.sessions, 0);
    const shared = sessions.filter((s) => inWindow(s.updatedAt, report.window) && sharesOf(s, by) > 1).length;
    if (counted > report.totals.sessions && shared > 0) {
      io.out(`${countNoun(shared, 'session')} used more than one ${by}: in each of ${shared === 1 ? 'its' : 'their'} rows, once in TOTAL.`);
    }
  }
  if (report.totals.unknownCostSessions > 0) {
    io.out(`${countNoun(report.totals.unknownCostSessions, 'session')} ${report.totals.unknownCostSessions === 1 ? 'has' : 'have'} tokens with no known price: their cost is not in COST (add prices with --pricing FILE).`);
  }
  return 0;
}

/** How many rows of a `--by model` / `--by endpoint` table a session has a share in (its recorded models or endpoints). */
function sharesOf(s: SessionSummary, by: 'model' | 'endpoint'): number {
  return by === 'model' ? s.models.length : s.endpoints.length;
}
