/**
 * Wrapping by display width for long transcript lines: breaks at the last
 * space when there is one, else between graphemes (CJK has no spaces), and
 * never leaves a line wider than asked.
 */
import { graphemes } from './graphemes.js';
import { displayWidth, truncate } from './width.js';

const ASCII = /^[\x20-\x7e]*$/;
/**
 * Text made only of characters that are always a grapheme on their own (no
 * combining marks, joiners, variation selectors or surrogates): Latin, Greek,
 * Cyrillic, punctuation, box drawing, kana, CJK ideographs, Hangul syllables,
 * full-width forms. Such text is split by code unit, skipping Intl.Segmenter,
 * which dominates the cost of wrapping a long CJK transcript.
 */
const SIMPLE =
  /^[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25ff\u3000-\u3029\u3030-\u303f\u3041-\u3096\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]*$/;

/** Grapheme widths seen so far: string-width is slow, and a transcript repeats its characters. */
const widthCache = new Map<string, number>();

function graphemeWidth(g: string): number {
  if (g.length === 1 && g >= ' ' && g <= '~') return 1;
  let w = widthCache.get(g);
  if (w === undefined) {
    w = displayWidth(g);
    if (widthCache.size < 50_000) widthCache.set(g, w);
  }
  return w;
}

/**
 * Wrap one line (no '\n') to at most `width` display columns, breaking at
 * the last space when there is one, else between graphemes (CJK lines have
 * no spaces). A grapheme wider than `width` is cut (truncate gives '').
 */
export function wrapLine(text: string, width: number): string[] {
  if (width <= 0) return [''];
  const ascii = ASCII.test(text);
  if (ascii && text.length <= width) return [text];
  const gs = ascii || SIMPLE.test(text) ? text.split('') : Array.from(graphemes(text));
  const ws = gs.map(graphemeWidth);
  if (!ascii && ws.reduce((a, b) => a + b, 0) <= width) return [text];
  const out: string[] = [];
  const emit = (from: number, to: number): void => void out.push(gs.slice(from, to).join('').trimEnd());
  let start = 0; // first grapheme of the line being filled
  let used = 0;
  let lastSpace = -1; // index just after the line's last space
  for (let i = 0; i < gs.length; i++) {
    const w = ws[i]!;
    if (w > width) {
      if (i > start) emit(start, i);
      out.push(truncate(gs[i]!, width));
      [start, used, lastSpace] = [i + 1, 0, -1];
      continue;
    }
    if (used + w > width) {
      if (lastSpace > start && gs[i] !== ' ') {
        emit(start, lastSpace);
        for (let k = start; k < lastSpace; k++) used -= ws[k]!;
        start = lastSpace;
      } else {
        emit(start, i);
        [start, used] = [i, 0];
      }
      lastSpace = -1;
      if (used + w > width) {
        emit(start, i); // the word after the space still does not fit with this grapheme
        [start, used] = [i, 0];
      }
    }
    if (gs[i] === ' ' && i === start && out.length > 0) {
      start = i + 1; // no leading space after a break
      continue;
    }
    used += w;
    if (gs[i] === ' ') lastSpace = i + 1;
  }
  if (start < gs.length || out.length === 0) emit(start, gs.length);
  return out;
}
