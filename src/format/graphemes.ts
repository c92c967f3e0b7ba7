/**
 * Grapheme segmentation that stays linear on long strings.
 *
 * V8's Intl.Segmenter before the 2024 fix (crbug 326176949; Node 18–21,
 * including the Node 20 we support) pays O(length of the whole string) for
 * every step of its iterator, so walking a 160k-character tool result takes
 * over a minute. `string-width` segments internally and inherits this. We
 * therefore only ever hand the segmenter short windows: each window is cut
 * before its last cluster (which may continue past the window's end) and the
 * next window starts at that cluster, so every cut is a true boundary.
 */

/** Made on first use: the first Intl object loads ICU's data, which a command that segments nothing never needs. */
let segmenterMade: Intl.Segmenter | undefined;
const segmenter = (): Intl.Segmenter => (segmenterMade ??= new Intl.Segmenter());

/** Code units per window: small enough that the per-step cost is negligible. */
const WINDOW = 128;

/**
 * Split `text` into consecutive chunks that each end on a grapheme boundary
 * and together equal `text`. Short text is one chunk. A single cluster longer
 * than a window (thousands of combining marks, only seen in hostile input) is
 * cut at the window; its tail then starts with marks of width 0.
 */
export function* graphemeChunks(text: string): Generator<string> {
  let pos = 0;
  while (text.length - pos > WINDOW) {
    const window = text.slice(pos, pos + WINDOW);
    // Where the window's last cluster starts: one lookup, no walk.
    const lastStart = segmenter().segment(window).containing(WINDOW - 1)?.index ?? 0;
    const end = lastStart === 0 ? WINDOW : lastStart;
    yield window.slice(0, end);
    pos += end;
  }
  if (pos < text.length) yield pos === 0 ? text : text.slice(pos);
}

/** Grapheme clusters of `text` in order, linear in its length. */
export function* graphemes(text: string): Generator<string> {
  for (const chunk of graphemeChunks(text)) {
    for (const { segment } of segmenter().segment(chunk)) yield segment;
  }
}
