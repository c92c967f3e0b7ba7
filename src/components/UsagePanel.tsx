/**
 * The Usage tab: where this session's tokens and money went — per endpoint
 * (with p50 latency and time-to-first-token from `metric` records), per
 * model, and per call as a sparkline. Estimated figures carry '~' and an
 * unknown cost reads '?', never $0.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { EndpointUsage, SessionSummary, Transcript, TranscriptView } from '../store/types.js';
import { sanitize } from '../format/sanitize.js';
import { countNoun, formatDuration, formatInt, formatTokens, formatUsd, shownTokens } from '../format/numbers.js';
import { sparkline } from '../format/charts.js';
import { truncate } from '../format/width.js';
import { modelCutter } from '../format/elide.js';
import { fitTable, type FitColumn } from '../format/fit-table.js';
import { wrapLine } from '../format/wrap.js';
import { NO_ENDPOINT_LABEL } from '../store/usage/row-text.js';
import { theme } from './theme.js';
import { scrollWindow } from './scroll-window.js';

export interface UsagePanelProps {
  summary: SessionSummary;
  /** The loaded transcript (for the per-call sparkline; usage entries are always held whole); null while loading. */
  transcript: TranscriptView | Transcript | null;
  /** Columns available. */
  width: number;
  /** Rows available; when the lines are more, they scroll from `scroll` and the last row says where. */
  height: number;
  /** First line shown when the panel is taller than `height` (clamped). */
  scroll?: number;
}

/** Median of `values`, null when there are none. */
export function p50(values: readonly number[] | undefined): number | null {
  if (!values || values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function metric(e: EndpointUsage, name: string): string {
  const v = p50(e.metrics[name]);
  return v === null ? '–' : formatDuration(v);
}

const ENDPOINT_COLUMNS: FitColumn[] = [
  { header: 'vendor', dropPriority: 6 },
  // The URL is the widest and least needed cell: it shrinks first, and goes before the figures do.
  { header: 'endpoint', minWidth: 10, dropPriority: 5 },
  { header: 'calls', align: 'right' },
  { header: 'input', align: 'right' },
  { header: 'output', align: 'right' },
  { header: 'cache r', align: 'right', dropPriority: 4 },
  { header: 'cache w', align: 'right', dropPriority: 3 },
  { header: 'cost', align: 'right' },
  { header: 'p50 lat', align: 'right', dropPriority: 2 },
  { header: 'p50 ttft', align: 'right', dropPriority: 1 },
];

/** The endpoint table's lines (metric columns only when some endpoint recorded them). */
export function endpointLines(endpoints: readonly EndpointUsage[], width: number): string[] {
  const hasLatency = endpoints.some((e) => (e.metrics.latency_ms?.length ?? 0) > 0);
  const hasTtft = endpoints.some((e) => (e.metrics.ttft_ms?.length ?? 0) > 0);
  const keep = ENDPOINT_COLUMNS.map((c) => (c.header === 'p50 lat' ? hasLatency : c.header === 'p50 ttft' ? hasTtft : true));
  const rows = endpoints.map((e) => {
    const tok = (n: number): string => formatTokens(n, e.tokens.estimated);
    const t = e.tokens;
    return [
      sanitize(e.vendor, { singleLine: true }) || '–',
      // The wording `usage --by endpoint`, `show` and the cost view use for it (row-text.ts).
      sanitize(e.endpoint, { singleLine: true }) || NO_ENDPOINT_LABEL,
      formatInt(e.calls),
      tok(t.input),
      tok(t.output),
      tok(t.cacheRead),
      tok(t.cacheWrite),
      formatUsd(e.costMicros),
      metric(e, 'latency_ms'),
      metric(e, 'ttft_ms'),
    ].filter((_, i) => keep[i]);
  });
  return fitTable(ENDPOINT_COLUMNS.filter((_, i) => keep[i]), rows, width);
}

/** The per-model split's lines. */
export function modelLines(summary: SessionSummary, width: number): string[] {
  const columns: FitColumn[] = [
    { header: 'model', minWidth: 12, cutter: modelCutter },
    { header: 'calls', align: 'right' },
    { header: 'input', align: 'right' },
    { header: 'output', align: 'right' },
    { header: 'cost', align: 'right' },
  ];
  const rows = summary.models.map((m) => [
    sanitize(m.model.includes('/') ? m.model : `${m.provider}/${m.model}`, { singleLine: true }),
    formatInt(m.calls),
    formatTokens(m.tokens.input, m.tokens.estimated),
    formatTokens(m.tokens.output, m.tokens.estimated),
    formatUsd(m.costMicros),
  ]);
  return fitTable(columns, rows, width);
}

/** "Per call ▁▃█▂ 24 calls · peak 12k tokens" from the transcript's usage entries. */
export function perCallLine(transcript: TranscriptView | Transcript | null, width: number): string {
  const label = 'Per call  ';
  if (!transcript) return label + 'loading…';
  const totals: number[] = [];
  const count = 'entries' in transcript ? transcript.entries.length : transcript.count;
  for (let i = 0; i < count; i++) {
    const e = 'entries' in transcript ? transcript.entries[i]! : transcript.held(i).entry;
    if (e.kind === 'usage') totals.push(shownTokens(e.tokens));
  }
  if (totals.length === 0) return label + 'no per-call usage recorded';
  const peak = totals.reduce((a, b) => Math.max(a, b), 0);
  const suffix = `  ${countNoun(totals.length, 'call')} · peak ${formatTokens(peak)} tokens`;
  return label + sparkline(totals, Math.max(1, width - label.length - suffix.length)) + suffix;
}

/** One line of the Usage tab. */
export interface UsageLine {
  text: string;
  color?: string | undefined;
  bold?: boolean;
}

/** Every line of the Usage tab at `width`: totals, then each endpoint, each model, the per-call sparkline. */
export function usageLines(summary: SessionSummary, transcript: TranscriptView | Transcript | null, width: number): UsageLine[] {
  const t = summary.tokens;
  const tok = (n: number): string => formatTokens(n, t.estimated);
  const total = `Total  ${tok(t.input)} in · ${tok(t.output)} out · cache ${tok(t.cacheRead)} read / ${tok(t.cacheWrite)} write · cost ${formatUsd(summary.costMicros)}`;
  const lines: UsageLine[] = wrapLine(total, width).map((text) => ({ text, bold: true }));
  if (t.estimated) lines.push({ text: '~ = estimated (no usage recorded: characters / 3)', color: theme.muted });
  lines.push({ text: '' }, { text: 'By endpoint', color: theme.accent });
  if (summary.endpoints.length === 0) lines.push({ text: 'no per-endpoint usage recorded', color: theme.muted });
  else lines.push(...endpointLines(summary.endpoints, width).map((text) => ({ text })));
  if (summary.models.length > 0) {
    lines.push({ text: '' }, { text: 'By model', color: theme.accent });
    lines.push(...modelLines(summary, width).map((text) => ({ text })));
  }
  lines.push({ text: '' }, { text: perCallLine(transcript, width) });
  return lines;
}

export function UsagePanel({ summary, transcript, width, height, scroll = 0 }: UsagePanelProps): React.JSX.Element {
  const lines = usageLines(summary, transcript, width);
  const view = scrollWindow(lines.length, height, scroll);
  return (
    <Box flexDirection="column">
      {lines.slice(view.from, view.to).map((line, i) => (
        <Text key={i} wrap="truncate" color={line.color} bold={line.bold}>
          {truncate(line.text, width) || ' '}
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
