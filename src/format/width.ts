/**
 * Display-width helpers: terminals lay text out in columns, not UTF-16 code
 * units. CJK ideographs and emoji take two columns, combining marks none,
 * and a ZWJ emoji sequence such as '👩‍💻' is one two-column grapheme. Cutting
 * by `.length` or `.slice` breaks all three, so everything here works on
 * grapheme clusters (Intl.Segmenter) measured by `string-width`.
 */
import stringWidth from 'string-width';
import { graphemes } from './graphemes.js';

/** Printable ASCII: one column per character, no segmentation needed. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Number of terminal columns `text` occupies (CJK and emoji count 2). Meant
 * for sanitized text: unlike string-width, ANSI sequences are not stripped.
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  // Per grapheme, not stringWidth(text): that is quadratic on long strings
  // (see graphemes.ts), and the cache makes repeated CJK/emoji cheap.
  let width = 0;
  for (const g of graphemes(text)) width += graphemeWidth(g);
  return width;
}

/** Widths of graphemes seen lately: text repeats its characters a lot. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_MAX = 8192;

/** Width of one grapheme cluster; printable ASCII skips string-width. */
function graphemeWidth(segment: string): number {
  if (segment.length === 1) {
    const c = segment.charCodeAt(0);
    if (c >= 0x20 && c <= 0x7e) return 1;
  }
  let w = widthCache.get(segment);
  if (w === undefined) {
    w = stringWidth(segment);
    // Dropping everything when full is crude but bounded and cheap.
    if (widthCache.size >= WIDTH_CACHE_MAX) widthCache.clear();
    widthCache.set(segment, w);
  }
  return w;
}

/** A cut text and its display width, so padding needs no second measurement. */
interface Measured {
  text: string;
  width: number;
}

/**
 * The truncation behind {@link truncate}, also returning the width. One pass
 * over whole graphemes that stops as soon as the text is known not to fit.
 */
function cut(text: string, width: number, ellipsis: string): Measured {
  if (width <= 0) return { text: '', width: 0 };
  const ellipsisWidth = ellipsis === '…' ? 1 : displayWidth(ellipsis);
  const mark = ellipsisWidth <= width ? ellipsis : '';
  const markWidth = mark === '' ? 0 : ellipsisWidth;
  if (PRINTABLE_ASCII.test(text)) {
    if (text.length <= width) return { text, width: text.length };
    return { text: text.slice(0, width - markWidth) + mark, width };
  }
  const budget = width - markWidth;
  let used = 0;
  let index = 0;
  let end = 0;
  let endWidth = 0;
  for (const g of graphemes(text)) {
    used += graphemeWidth(g);
    if (used > width) return { text: text.slice(0, end) + mark, width: endWidth + markWidth };
    index += g.length;
    if (used <= budget) {
      end = index;
      endWidth = used;
    }
  }
  return { text, width: used };
}

/**
 * Cut `text` to at most `width` display columns, ending with `ellipsis` when
 * something was cut. Never splits a grapheme and never leaves half a wide
 * character, so the result may be one column narrower than `width` (no
 * padding is added: see {@link fit}). Text that fits is returned unchanged;
 * `width <= 0` gives ''. When the ellipsis itself is wider than `width`, the
 * text is cut without one.
 */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  return cut(text, width, ellipsis).text;
}

/** Truncate to `width` columns, then pad with spaces on the right to exactly `width`. */
export function padEnd(text: string, width: number): string {
  const m = cut(text, width, '…');
  return m.text + ' '.repeat(Math.max(0, width - m.width));
}

/** Truncate to `width` columns, then pad with spaces on the left to exactly `width`. */
export function padStart(text: string, width: number): string {
  const m = cut(text, width, '…');
  return ' '.repeat(Math.max(0, width - m.width)) + m.text;
}

/** Exactly `width` columns: truncated with '…' if too long, padded (left-aligned by default). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return align === 'right' ? padStart(text, width) : padEnd(text, width);
}

/**
 * The end of `text` within `width` display columns, with a leading '…' when
 * cut (never splits a character): for paths, whose last folders tell them apart.
 */
export function truncateStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return truncate('…', width);
  return `…${tailWithin(text, width - 1)}`;
}

/** The last code points of `text` within `width` display columns (never splits a character). */
export function tailWithin(text: string, width: number): string {
  const chars = Array.from(text);
  let out = '';
  let used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = displayWidth(chars[i]!);
    if (used + w > width) break;
    out = chars[i]! + out;
    used += w;
  }
  return out;
}
