/**
 * Cutting names whose ends tell them apart. A model id such as
 * "anthropic/claude-sonnet-4-5-20250929" shares its start with its
 * neighbours ("anthropic/claude-sonnet-4-20250514"): cut at the end, two
 * rows read "anthropic/claude-sonne…". Cut in the middle, the provider and
 * the family stay: "anthropic/…sonnet-4-5".
 */
import { displayWidth, tailWithin, truncate } from './width.js';

/** How far into the kept end a segment break may be and still be where the end starts ("laude-opus-4-6" → "opus-4-6"). */
const SNAP_TO_SEGMENT = 7;
/** The end keeps at least this many code points after snapping to a break. */
const MIN_TAIL = 4;

/**
 * `text` within `width` display columns, cut in the middle: the head up to
 * its first '/' (the provider, when it takes at most half the width; else
 * no head: the end tells names apart, the start is what they share), '…',
 * then as much of the end as fits, starting after a '-' or '/' when one is
 * near ("…opus-4-6", not "…laude-opus-4-6"). Text that fits is returned
 * unchanged; never splits a character.
 */
export function elideMiddle(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return truncate(text, width);
  const room = width - 1;
  const slash = text.indexOf('/');
  const provider = slash > 0 ? text.slice(0, slash + 1) : '';
  const head = provider !== '' && displayWidth(provider) * 2 <= room ? provider : '';
  const rest = text.slice(head.length);
  const kept = tailWithin(rest, room - displayWidth(head));
  const chars = Array.from(kept);
  const before = rest.slice(0, rest.length - kept.length).slice(-1);
  // Only an end that starts inside a word snaps to its next break ("3.1-pro-preview" already starts at one).
  const brk = before === '-' || before === '/' ? -1 : chars.findIndex((c) => c === '-' || c === '/');
  const snap = brk >= 0 && brk < SNAP_TO_SEGMENT && chars.length - brk - 1 >= MIN_TAIL;
  return `${head}…${(snap ? chars.slice(brk + 1) : chars).join('')}`;
}

/** A model id's trailing snapshot date ("-20250929"), the least telling part of it. */
const SNAPSHOT_DATE = /-(?:19|20)\d{6}$/;

/**
 * Short forms of model ids for a narrow column: each id without its
 * snapshot date, where no other id of `ids` then reads the same (two
 * snapshots of one model keep their dates). Ids with no short form are absent.
 */
export function modelShortForms(ids: readonly string[]): Map<string, string> {
  const short = (id: string): string => id.replace(SNAPSHOT_DATE, '');
  const count = new Map<string, number>();
  const unique = [...new Set(ids)];
  for (const id of unique) count.set(short(id), (count.get(short(id)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const id of unique) {
    const s = short(id);
    if (s !== id && count.get(s) === 1 && !unique.includes(s)) out.set(id, s);
  }
  return out;
}

/**
 * How to cut the model ids (or `provider|endpoint` keys) of one column:
 * unchanged when they fit; else without the snapshot date when that tells
 * them apart and fits, marked "…"; else cut in the middle ({@link elideMiddle}).
 */
export function modelCutter(ids: readonly string[]): (id: string, width: number) => string {
  const short = modelShortForms(ids);
  return (id, width) => {
    if (displayWidth(id) <= width) return id;
    const s = short.get(id) ?? id;
    return displayWidth(s) + 1 <= width ? `${s}…` : elideMiddle(s, width);
  };
}
