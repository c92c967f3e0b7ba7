/**
 * One-line snippets: ~60 terminal columns of context around a match (more
 * on a wider line), whitespace (and control characters) collapsed to
 * single spaces, cut at word boundaries with '…', and the matched words'
 * ranges inside the snippet.
 */
import type { SearchRange, Snippet } from './types.js';
import { mergeRanges } from './text.js';

/** Context kept around the match by default, in terminal columns of the collapsed text. */
export const SNIPPET_COLUMNS = 60;
/** The share of the context before the match (25 of 60): the words after it say more. */
const BEFORE_SHARE = 5 / 12;
/** How far a cut may move to land on a space instead of inside a word. */
const SNAP = 12;
/** Raw characters read per column of context: enough to fill it even after collapsing runs of spaces. */
const RAW_PER_COLUMN = 8;

/**
 * The match to build a snippet around, of `ranges` (the query's matches in
 * `text`, in order): the one with the most different words of the query
 * within a snippet's reach of it (`columns` of raw text each side), the
 * first of those that tie. The first match alone was often the title's
 * word ("deploy" of "Deploy the staging build…") when the words searched
 * for together ("deploy key") stand side by side further on. undefined
 * when there is none.
 */
export function bestAnchor(text: string, ranges: readonly SearchRange[], columns = SNIPPET_COLUMNS): SearchRange | undefined {
  if (ranges.length <= 1) return ranges[0];
  const words = ranges.map((r) => text.slice(r.start, r.end).toLowerCase());
  let best = ranges[0];
  let bestCount = 0;
  for (let i = 0; i < ranges.length; i++) {
    const seen = new Set<string>();
    for (let j = 0; j < ranges.length; j++) {
      if (Math.abs(ranges[j]!.start - ranges[i]!.start) <= columns) seen.add(words[j]!);
    }
    if (seen.size > bestCount) {
      best = ranges[i];
      bestCount = seen.size;
    }
  }
  return best;
}

// Whitespace and C0/C1 controls both become a plain space: the snippet must stay one terminal line.
const SPACE_LIKE = /[\s\p{Cc}]/u;

/**
 * Builds the snippet around `anchor` (a range in `text`), with about
 * `columns` terminal columns of context (minimum and default
 * {@link SNIPPET_COLUMNS}; the match itself comes on top). `highlight`
 * gives the ranges to mark inside the snippet's body; `anchor` itself is
 * always marked.
 */
export function makeSnippet(text: string, anchor: SearchRange, highlight: (body: string) => SearchRange[], columns = SNIPPET_COLUMNS): Snippet {
  const width = Math.max(SNIPPET_COLUMNS, Math.floor(columns));
  const before = Math.round(width * BEFORE_SHARE);
  const after = width - before;
  let a = Math.max(0, anchor.start - before * RAW_PER_COLUMN);
  let b = Math.min(text.length, anchor.end + after * RAW_PER_COLUMN);
  if (a > 0 && isLowSurrogate(text.charCodeAt(a))) a--;
  if (b < text.length && isLowSurrogate(text.charCodeAt(b))) b++;

  // Collapse the raw window, remembering where each raw offset lands.
  const map = new Int32Array(b - a + 1);
  let out = '';
  let lastSpace = true;
  for (let k = a; k < b; k++) {
    map[k - a] = out.length;
    const ch = text.charAt(k);
    if (SPACE_LIKE.test(ch)) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
    } else {
      out += ch;
      lastSpace = false;
    }
  }
  map[b - a] = out.length;
  const sA = map[anchor.start - a] ?? 0;
  const sE = Math.max(sA, map[Math.min(anchor.end, b) - a] ?? sA);

  let [start, end] = windowAround(out, sA, sE, before, after);
  start = snapStart(out, start, sA);
  end = snapEnd(out, end, sE);

  const piece = out.slice(start, end);
  const body = piece.trim();
  const lead = piece.length - piece.trimStart().length;
  const cutBefore = start > 0 || hasTextBefore(text, a);
  const cutAfter = out.slice(end).trim() !== '' || hasTextAfter(text, b);
  const prefix = cutBefore ? '…' : '';
  const shift = prefix.length - start - lead;

  const ranges: SearchRange[] = highlight(body).map((r) => ({
    start: r.start + prefix.length,
    end: r.end + prefix.length,
  }));
  const anchorStart = Math.max(prefix.length, sA + shift);
  const anchorEnd = Math.min(prefix.length + body.length, sE + shift);
  if (anchorEnd > anchorStart) ranges.push({ start: anchorStart, end: anchorEnd });
  return { text: prefix + body + (cutAfter ? '…' : ''), ranges: mergeRanges(ranges) };
}

/**
 * `before`/`after` terminal columns around [sA, sE), giving one side's unused
 * budget to the other. CJK characters take two columns (and a surrogate
 * pair two code units), so a Chinese snippet is as wide as an English one.
 */
function windowAround(s: string, sA: number, sE: number, before: number, after: number): [number, number] {
  let start = sA;
  let end = sE;
  for (let pass = 0; pass < 2; pass++) {
    while (start > 0 && before >= columns(s, start - 1)) before -= columns(s, --start);
    while (end < s.length && after >= columns(s, end)) after -= columns(s, end++);
    // Whatever one side could not use goes to the other on the second pass.
    [before, after] = [start === 0 ? 0 : after, end === s.length ? 0 : before];
  }
  return [start, end];
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;

function columns(s: string, k: number): number {
  return WIDE.test(s.charAt(k)) ? 2 : 1;
}

/** Moves a cut forward to just after a space when one is near (never past the match). */
function snapStart(s: string, start: number, sA: number): number {
  if (start <= 0 || s.charAt(start - 1) === ' ') return start;
  const sp = s.indexOf(' ', start);
  if (sp >= 0 && sp < sA && sp - start <= SNAP) return sp + 1;
  // No space near (CJK, long tokens): cut mid-run, but never inside a surrogate pair.
  return isLowSurrogate(s.charCodeAt(start)) ? start + 1 : start;
}

/** Moves a cut back to a space when one is near (never into the match). */
function snapEnd(s: string, end: number, sE: number): number {
  if (end >= s.length || s.charAt(end) === ' ') return end;
  const sp = s.lastIndexOf(' ', end - 1);
  if (sp >= sE && end - sp <= SNAP) return sp;
  return isLowSurrogate(s.charCodeAt(end)) ? end - 1 : end;
}

function hasTextBefore(text: string, a: number): boolean {
  for (let k = a - 1; k >= 0; k--) if (!SPACE_LIKE.test(text.charAt(k))) return true;
  return false;
}

function hasTextAfter(text: string, b: number): boolean {
  for (let k = b; k < text.length; k++) if (!SPACE_LIKE.test(text.charAt(k))) return true;
  return false;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
