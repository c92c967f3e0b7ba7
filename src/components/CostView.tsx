/**
 * The cost view (`c` in the list): totals over a window, then every model,
 * every endpoint and a cost bar per day (or per week for long 'all'
 * windows), in a body that scrolls (`scroll`) under the fixed totals, so
 * nothing is ever only "… 12 more". Read-only: the shell owns the keys
 * (`w`, j/k, PgUp/PgDn, Esc). Unknown cost is shown as such ('?', "3
 * sessions with unknown cost"), never folded into $0.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { SessionSummary } from '../store/types.js';
import { cacheHitUnknown, type UsageRow } from '../store/usage/usage.js';
import { costText, rowLabel } from '../store/usage/row-text.js';
import { sanitize } from '../format/sanitize.js';
import { countNoun, formatInt, formatPercent, formatTokens, formatUsd, usdToMicros } from '../format/numbers.js';
import { bar } from '../format/charts.js';
import { displayWidth, padEnd, padStart, truncate } from '../format/width.js';
import { buildCostModel, type CostModel, type CostWindowName } from './cost-model.js';
import { fitTable, type FitColumn } from '../format/fit-table.js';
import { modelCutter } from '../format/elide.js';
import { theme } from './theme.js';

export interface CostViewProps {
  /** The sessions in scope (this project or all projects); the window filters them by `updatedAt`. */
  sessions: SessionSummary[];
  /** "Now" in epoch ms: windows are whole days of `timeZone` up to today. */
  nowMs: number;
  /** IANA zone of the days (windows, bars), named in the heading (FORMAT.md §3); 'UTC' when omitted. */
  timeZone?: string;
  /** The window `w` cycles through. */
  window: CostWindowName;
  /** Columns available. */
  width: number;
  /** Rows available: the view never renders more lines. */
  height: number;
  /** What the sessions are, e.g. "this project" or "all projects". */
  scopeLabel: string;
  /** First line of the scrolling body (clamped to `costScrollMax`). */
  scroll?: number;
}

interface Line {
  text: string;
  color?: string;
  bold?: boolean;
}

/** Greedy wrap of " · "-joined segments, so a narrow terminal gets two lines, not a cut. */
function joinWrapped(segments: string[], width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const seg of segments) {
    const next = line ? `${line} · ${seg}` : seg;
    if (line && displayWidth(next) > width) {
      out.push(line);
      line = seg;
    } else line = next;
  }
  if (line) out.push(line);
  return out.map((l) => truncate(l, width));
}

const ENDPOINT_COLUMNS: FitColumn[] = [
  { header: 'endpoint', minWidth: 12, cutter: modelCutter },
  { header: 'sessions', align: 'right' },
  { header: 'tokens', align: 'right' },
  { header: 'cache hit', align: 'right', dropPriority: 2 },
  { header: 'success', align: 'right', dropPriority: 3 },
  { header: 'cost', align: 'right' },
  { header: '$/success', align: 'right', dropPriority: 1 },
];

const MODEL_COLUMNS: FitColumn[] = [
  { header: 'model', minWidth: 12, cutter: modelCutter },
  { header: 'sessions', align: 'right' },
  { header: 'tokens', align: 'right' },
  { header: 'cache hit', align: 'right', dropPriority: 2 },
  { header: 'success', align: 'right', dropPriority: 3 },
  { header: 'cost', align: 'right' },
  { header: '$/success', align: 'right', dropPriority: 1 },
];

/** A row's cache hit rate: '?' when a capped sum makes it unknown (usage.ts cacheHitUnknown), '–' when there is none. */
const hitText = (r: UsageRow): string => (cacheHitUnknown(r) ? '?' : formatPercent(r.cacheHitRate));

function modelRow(r: UsageRow): string[] {
  return [
    sanitize(rowLabel(r.key), { singleLine: true }),
    formatInt(r.sessions),
    formatTokens(r.totalTokens, r.estimatedTokenSessions > 0),
    hitText(r),
    formatPercent(r.successRate),
    costText(r),
    r.costPerSuccess === null ? '–' : formatUsd(usdToMicros(r.costPerSuccess)),
  ];
}

/** In the 'all' window, this many empty bars in a row or more are drawn as one line that says how many. */
const MIN_GAP = 3;

/**
 * The chart's rows: "11-20 ████▍   $1.23", newest last. The 'all' window runs
 * from the first session to today, so a long history had a row for every
 * quiet week: there a run of MIN_GAP or more empty bars is one line
 * ("⋯ 14 weeks with no sessions").
 */
function chartLines(m: CostModel, count: number, width: number): string[] {
  const shown = m.buckets.slice(Math.max(0, m.buckets.length - count));
  const max = shown.reduce((n, b) => Math.max(n, b.costMicros ?? 0), 0);
  // A day or week with no session spent nothing: '–', as costText says of one whose sessions spent nothing (a bare date read as a row cut off).
  const costs = shown.map((b) => (b.sessions === 0 ? '–' : costText({ knownCostMicros: b.costMicros, unknownCostSessions: b.unknownCostSessions })));
  const costWidth = costs.reduce((n, c) => Math.max(n, displayWidth(c)), 0);
  const label = (key: string): string => (m.unit === 'day' ? key.slice(5) : key);
  const lines: string[] = [];
  for (let i = 0; i < shown.length; i++) {
    const b = shown[i]!;
    let run = 0;
    if (m.window === null) while (i + run < shown.length && shown[i + run]!.sessions === 0) run++;
    if (run >= MIN_GAP) {
      lines.push(truncate(`${' '.repeat(displayWidth(label(b.key)) - 1)}⋯ ${countNoun(run, m.unit)} with no sessions`, width));
      i += run - 1;
      continue;
    }
    const head = `${label(b.key)} `;
    const room = Math.max(0, width - displayWidth(head) - costWidth - 1);
    lines.push(truncate(`${head}${padEnd(bar(b.costMicros ?? 0, max, room), room)} ${padStart(costs[i] ?? '', costWidth)}`, width));
  }
  return lines;
}

/** The fixed head (title, totals) and the scrolling body (models, endpoints, bars) of the view. */
export function costViewParts(m: CostModel, p: Omit<CostViewProps, 'sessions' | 'nowMs' | 'height' | 'scroll'>): { head: Line[]; body: Line[] } {
  const { width } = p;
  const unit = m.unit === 'day' ? 'daily' : 'weekly';
  const scope = sanitize(p.scopeLabel, { singleLine: true });
  const tz = p.timeZone ?? 'UTC';
  // The zone decides what "today" is, so it is named even when the window is
  // empty; a narrow terminal wraps the heading rather than cutting the zone off,
  // and a long scope (a deep project root) gives way first.
  const tail = [`window ${p.window} (w cycles)`, `${unit} bars`, `days in ${tz}`];
  const heading = `Cost · ${truncate(scope, Math.max(8, width - displayWidth(tail.join(' · ')) - 10))}`;
  const head: Line[] = joinWrapped([heading, ...tail], width).map((text) => ({ text, bold: true }));
  const t = m.totals;
  if (t.sessions === 0) {
    head.push({ text: truncate('No sessions in this window. Press w for a wider one.', width), color: theme.muted });
    return { head, body: [] };
  }
  const perSuccess = t.costPerSuccess === null ? '–' : formatUsd(usdToMicros(t.costPerSuccess));
  const segments = [
    `cost ${costText(t)}`,
    // Usage counts every session, the list hides the empty ones: said, so the two counts agree on sight.
    `${countNoun(t.sessions, 'session')}${m.emptySessions > 0 ? ` (${m.emptySessions} empty)` : ''}`,
    `success ${formatPercent(t.successRate)}`,
    `${formatTokens(t.totalTokens, t.estimatedTokenSessions > 0)} tokens`,
    `cache hit ${hitText(t)}`,
    // Of the runs that record an outcome (usage.ts costPerSuccess): said, or $0.05 reads as the whole cost over its successes.
    `${perSuccess} per success (runs with an outcome)`,
  ];
  head.push(...joinWrapped(segments, width).map((text) => ({ text })));
  if (t.unknownCostSessions > 0) {
    const n = t.unknownCostSessions;
    head.push({ text: truncate(`${countNoun(n, 'session')} with unknown cost (not in the $ figures: '?')`, width), color: theme.warning });
  }
  const body: Line[] = [];
  body.push({ text: ' ' }, { text: `By model (${m.models.length})`, color: theme.accent });
  body.push(...fitTable(MODEL_COLUMNS, m.models.map(modelRow), width).map((text) => ({ text })));
  if (m.endpoints.length > 0) {
    body.push({ text: ' ' }, { text: `By endpoint (${m.endpoints.length})`, color: theme.accent });
    body.push(...fitTable(ENDPOINT_COLUMNS, m.endpoints.map(modelRow), width).map((text) => ({ text })));
  }
  const title = m.unit === 'day' ? `Cost per day (${tz}, by last activity)` : `Cost per week (from Monday, ${tz}, by last activity)`;
  body.push({ text: ' ' }, { text: truncate(title, width), color: theme.accent });
  body.push(...chartLines(m, m.buckets.length, width).map((text) => ({ text, color: theme.bar })));
  return { head, body };
}

/** How far the body scrolls at this size (0 when everything fits). */
export function costScrollMax(parts: { head: Line[]; body: Line[] }, height: number): number {
  const room = Math.max(0, height - parts.head.length);
  if (parts.body.length <= room) return 0;
  return Math.max(0, parts.body.length - costPage(parts, height));
}

/** Body lines on screen at once when it scrolls (the last line says where the view is). */
export function costPage(parts: { head: Line[] }, height: number): number {
  return Math.max(1, height - parts.head.length - 1);
}

/** The lines on screen for a given size and scroll (pure; the component only paints them). */
export function costViewLines(m: CostModel, p: Omit<CostViewProps, 'sessions' | 'nowMs'>): Line[] {
  const parts = costViewParts(m, p);
  const { head, body } = parts;
  const room = Math.max(0, p.height - head.length);
  const max = costScrollMax(parts, p.height);
  if (max === 0) return [...head, ...body].slice(0, Math.max(0, p.height));
  // The last line says what is shown and how to see the rest.
  const page = costPage(parts, p.height);
  const from = Math.max(0, Math.min(max, p.scroll ?? 0));
  const where = `lines ${from + 1}-${Math.min(body.length, from + page)} of ${body.length} · j/k PgUp/PgDn scroll`;
  return [...head, ...body.slice(from, from + page), { text: truncate(where, p.width), color: theme.muted }].slice(0, Math.max(0, p.height));
}

export function CostView({ sessions, nowMs, timeZone, window, width, height, scopeLabel, scroll }: CostViewProps): React.JSX.Element {
  const model = useMemo(() => buildCostModel(sessions, window, nowMs, timeZone), [sessions, window, nowMs, timeZone]);
  const lines = costViewLines(model, { window, width, height, scopeLabel, timeZone, scroll });
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" color={line.color} bold={line.bold}>
          {line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
