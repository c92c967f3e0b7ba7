/**
 * Matching of one query word against every session: exact substring in the
 * head fields, uFuzzy (one typo) in title/prompt/meta, substring in the full
 * text. Results are complete over all sessions and cached per word, which is
 * what makes typing cheap: a word that contains a cached word is looked for
 * only among that word's literal matches (see WordCache).
 */
import uFuzzy from '@leeoniya/ufuzzy';
import type { SearchRange } from './types.js';
import { mayContain, trigramKeys } from './grams.js';
import { FIELD, headField, type FieldCode, type Prepared } from './prepare.js';
import { casedTypoDistance, isWordStart, lowerKeepOffsets } from './text.js';

/**
 * Match quality of one word in one session; higher is better, 0 = no match.
 * A fuse.js typo (`typo`) ranks below a literal word in the messages: it is
 * the "did you mean" tail, found only when little else matched.
 */
export const TIER = { none: 0, typo: 1, content: 2, fuzzy: 3, meta: 4, prompt: 5, title: 6 } as const;

/** How one word matched across all sessions (dense arrays indexed by session). */
export interface WordMatch {
  readonly word: string;
  readonly caseSensitive: boolean;
  /** Best tier per session (TIER). */
  readonly tier: Uint8Array;
  /** Field of that best match (FIELD). */
  readonly field: Uint8Array;
  /** Offset of the exact match: in `head[i]` for head fields, in `searchText` for content; -1 for fuzzy. */
  readonly pos: Int32Array;
  /** 1 where an exact head match starts a word (ranks 'log' in "log in" above "catalog"). */
  readonly wordStart: Uint8Array;
  /** Sessions whose head or text contains the word literally: the superset for longer words. */
  readonly literal: Int32Array;
  /** Sessions with any match (tier > 0). */
  readonly hits: Int32Array;
}

/** What a cached word lets a new word skip (see WordCache.basesFor). */
export interface Bases {
  /** Literal matches of a word the new word contains, at `offset` inside it. */
  literal?: { match: WordMatch; offset: number };
  /** Fuzzy-or-better matches of a word the new word extends (5+ letters, see FUZZY_MONOTONE). */
  fuzzy?: WordMatch;
}

// intraMode 1 = one substitution, transposition, insertion or deletion per term.
const fuzzy = new uFuzzy({ intraMode: 1 });

/** Only plain ASCII words of 3+ characters get typo tolerance: shorter ones are all noise. */
const FUZZY_WORD = /^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_\-./:]{2,47}$/;
/**
 * Words for which "w + more letters" fuzzy-matches only where w already
 * matched (exactly or with its one typo): one uFuzzy term of 5+ letters,
 * where every kind of typo is allowed anywhere but the first letter.
 */
export const FUZZY_MONOTONE = /^[a-z]{5,}$|^[A-Z][a-z]{4,}$/;

/** Finds every session that `word` matches. */
export function matchWord(p: Prepared, word: string, caseSensitive: boolean, bases: Bases = {}): WordMatch {
  const n = p.size;
  const tier = new Uint8Array(n);
  const field = new Uint8Array(n);
  const pos = new Int32Array(n).fill(-1);
  const wordStart = new Uint8Array(n);
  const literal: number[] = [];
  const heads = caseSensitive ? p.head : p.headLower;
  const keys = signatureKeys(word, caseSensitive);
  const base = bases.literal;
  const within = base?.match.literal;
  const count = within ? within.length : n;

  for (let k = 0; k < count; k++) {
    const i = within ? (within[k] ?? 0) : k;
    const head = heads[i] ?? '';
    const at = head.indexOf(word);
    if (at >= 0) {
      const f = headField(p, i, at);
      tier[i] = f === FIELD.title ? TIER.title : f === FIELD.prompt ? TIER.prompt : TIER.meta;
      field[i] = f;
      pos[i] = at;
      wordStart[i] = isWordStart(head, at) ? 1 : 0;
      literal.push(i);
      continue;
    }
    if (keys.length > 0 && !mayContain(p.trigrams, i, keys)) continue;
    const text = caseSensitive ? (p.sessions[i]?.searchText ?? '') : (p.contentLower[i] ?? '');
    // An occurrence of this word holds the base word `offset` further on: start there.
    const from = base && base.match.tier[i] === TIER.content ? (base.match.pos[i] ?? 0) - base.offset : 0;
    const c = text.indexOf(word, Math.max(0, from));
    if (c >= 0) {
      tier[i] = TIER.content;
      field[i] = FIELD.content;
      pos[i] = c;
      literal.push(i);
    }
  }

  if (FUZZY_WORD.test(word)) addFuzzy(p, word, caseSensitive, tier, field, bases.fuzzy);

  const hits: number[] = [];
  for (let i = 0; i < n; i++) if (tier[i] !== TIER.none) hits.push(i);
  return { word, caseSensitive, tier, field, pos, wordStart, literal: Int32Array.from(literal), hits: Int32Array.from(hits) };
}

/**
 * Trigram keys to rule sessions out with. The signatures hold lower-cased
 * text; a case-sensitive word is lower-cased the same way, except 'Σ',
 * whose lower case depends on the next letter (σ or final ς): no keys then.
 */
function signatureKeys(word: string, caseSensitive: boolean): Int32Array {
  if (!caseSensitive) return trigramKeys(word);
  return word.includes('Σ') ? new Int32Array(0) : trigramKeys(lowerKeepOffsets(word));
}

/**
 * uFuzzy for sessions with no exact head match: one pass over title, prompts
 * and model/workspace together (a third of the cost of three passes: most
 * of it is per call), then the few matches are told apart by field.
 */
function addFuzzy(
  p: Prepared,
  word: string,
  cs: boolean,
  tier: Uint8Array,
  field: Uint8Array,
  base: WordMatch | undefined,
): void {
  const rest: number[] = [];
  for (let i = 0; i < p.size; i++) {
    if ((tier[i] ?? 0) >= TIER.meta) continue;
    if (base && (base.tier[i] ?? 0) < TIER.fuzzy) continue;
    rest.push(i);
  }
  if (rest.length === 0) return;
  // uFuzzy's terms cannot span a line break, so a match lies inside one field.
  let left = fuzzy.filter(p.fuzzyAll, word, rest) ?? [];
  const passes: [string[], FieldCode][] = [
    [p.titles, FIELD.title],
    [p.prompts, FIELD.prompt],
    [p.fuzzyMeta, FIELD.meta],
  ];
  for (const [hay, f] of passes) {
    if (left.length === 0) return;
    const found = f === FIELD.meta ? left : (fuzzy.filter(hay, word, left) ?? []);
    const ok = cs ? found.filter((i) => casedFuzzyOk(hay[i] ?? '', word)) : found;
    for (const i of ok) {
      tier[i] = TIER.fuzzy;
      field[i] = f;
    }
    // Under smart case a title match in the wrong case may still be right in a prompt.
    const taken = new Set(ok);
    left = left.filter((i) => !taken.has(i));
  }
}

/**
 * Indexes of the texts of `hay` (among `idxs`, default all) holding `word`
 * with at most one typo, under smart case; [] for words too short or too
 * unusual for uFuzzy. Used for transcript lines.
 */
export function fuzzyFilter(hay: readonly string[], word: string, cs: boolean, idxs?: number[]): number[] {
  if (!FUZZY_WORD.test(word)) return [];
  // uFuzzy only reads the haystack; its typings just ask for a mutable array.
  const found = fuzzy.filter(hay as string[], word, idxs) ?? [];
  return cs ? found.filter((i) => casedFuzzyOk(hay[i] ?? '', word)) : found;
}

/**
 * uFuzzy ignores case; under smart case the text must also hold the word
 * within one typo that leaves its capitals alone. The capitals check first
 * rejects most candidates ('login' for 'Login') without the distance table.
 */
function casedFuzzyOk(text: string, word: string): boolean {
  for (const ch of word) {
    if (ch !== ch.toLowerCase() && !text.includes(ch)) return false;
  }
  return casedTypoDistance(word, text) <= 1;
}

/** Where uFuzzy matched `word` inside `text` (for highlighting); [] when it does not. */
export function fuzzyRanges(text: string, word: string): SearchRange[] {
  const info = fuzzy.info([0], [text], word);
  const flat = info.ranges[0] ?? [];
  const out: SearchRange[] = [];
  for (let k = 0; k + 1 < flat.length; k += 2) out.push({ start: flat[k] ?? 0, end: flat[k + 1] ?? 0 });
  return out;
}
