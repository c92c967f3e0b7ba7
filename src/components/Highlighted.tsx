/**
 * Text from a log with matched ranges emphasised, cut to an exact display
 * width. Each piece between range boundaries is sanitized on its own, so the
 * ranges (offsets into the raw text) stay valid while every character that
 * reaches the terminal has passed `sanitize`.
 */
import React from 'react';
import { Text } from 'ink';
import { sanitize } from '../format/sanitize.js';
import { displayWidth, truncate } from '../format/width.js';
import { theme } from './theme.js';

/** A run of text, emphasised or not. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** A half-open range of UTF-16 offsets into the raw text. */
export interface Range {
  start: number;
  end: number;
}

/** Sorted, clamped, merged ranges. */
function normalize(ranges: readonly Range[], length: number): Range[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Single-line sanitize that keeps one boundary space, so "foo " + "bar" stays "foo bar". */
function clean(piece: string): string {
  const body = sanitize(piece, { singleLine: true });
  const lead = /^\s/.test(piece) ? ' ' : '';
  const trail = /\s$/.test(piece) && body !== '' ? ' ' : '';
  return body === '' ? lead : lead + body + trail;
}

/**
 * Split `raw` at the ranges, sanitize each piece, and cut the whole to
 * exactly `width` columns ('…' when cut, spaces when short).
 */
export function highlightSegments(raw: string, ranges: readonly Range[], width: number): Segment[] {
  const pieces: Segment[] = [];
  let at = 0;
  for (const r of normalize(ranges, raw.length)) {
    if (r.start > at) pieces.push({ text: raw.slice(at, r.start), hit: false });
    pieces.push({ text: raw.slice(r.start, r.end), hit: true });
    at = r.end;
  }
  if (at < raw.length || pieces.length === 0) pieces.push({ text: raw.slice(at), hit: false });

  const segs: Segment[] = [];
  for (const p of pieces) {
    let text = clean(p.text);
    const prev = segs[segs.length - 1];
    // Whitespace collapses across piece boundaries too, and the line is trimmed.
    if ((prev === undefined || prev.text.endsWith(' ')) && text.startsWith(' ')) text = text.slice(1);
    if (text !== '') segs.push({ text, hit: p.hit });
  }
  const last = segs[segs.length - 1];
  if (last && last.text.endsWith(' ')) last.text = last.text.slice(0, -1);
  return fitSegments(segs, width);
}

/** Cut segments to exactly `width` columns. */
export function fitSegments(segs: readonly Segment[], width: number): Segment[] {
  if (width <= 0) return [];
  const total = segs.reduce((n, s) => n + displayWidth(s.text), 0);
  const out: Segment[] = [];
  if (total <= width) {
    out.push(...segs);
    if (total < width) out.push({ text: ' '.repeat(width - total), hit: false });
    return out;
  }
  let budget = width - 1;
  for (const s of segs) {
    const w = displayWidth(s.text);
    if (w <= budget) {
      out.push(s);
      budget -= w;
      continue;
    }
    const cut = truncate(s.text, budget, '');
    if (cut !== '') out.push({ text: cut, hit: s.hit });
    budget -= displayWidth(cut);
    break;
  }
  out.push({ text: '…', hit: false });
  if (budget > 0) out.push({ text: ' '.repeat(budget), hit: false });
  return out;
}

export interface HighlightedProps {
  /** Raw text from a log (sanitized here). */
  text: string;
  /** Ranges of `text` to emphasise (bold, and the match colour when colours are on). */
  ranges: readonly Range[];
  /** Exact display width of the output. */
  width: number;
  /** Draw the unmatched text dim (snippet lines). */
  dim?: boolean;
}

/** One line of highlighted text, exactly `width` columns wide. */
export function Highlighted({ text, ranges, width, dim }: HighlightedProps): React.JSX.Element {
  const segs = highlightSegments(text, ranges, width);
  return (
    <Text dimColor={dim}>
      {segs.map((s, i) =>
        s.hit ? (
          <Text key={i} bold color={theme.match} dimColor={false}>
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  );
}
