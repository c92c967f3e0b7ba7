/**
 * From the search box's text to FTS5 expressions, and back from matched
 * terms to highlight ranges in a piece of text.
 *
 * Every piece of user input reaches FTS5 inside a double-quoted string
 * (`"` doubled), so no query text can be an FTS5 syntax error: `AND`,
 * `NEAR(`, `col:`, `*` and `"` are all just characters of a string, which
 * the tokenizer (unicode61, remove_diacritics 2) cuts into tokens.
 */
import { cjkBigrams, cjkRuns, hasCjk } from '../catalog/text-columns.js';
import { mergeRanges } from './text.js';
import type { SearchRange } from './types.js';

/** One whitespace-separated word of the query. */
export interface QueryWord {
  /** As typed. */
  raw: string;
  /** Its non-CJK tokens, folded (lower case, diacritics removed), in order: "foo.ts" → ['foo', 'ts']. */
  tokens: string[];
  /** Its CJK runs, each found as a substring (a phrase of its bigrams). */
  cjk: string[];
  /** `id:<prefix>`: matches sessions whose id starts with the prefix (case-insensitive); no text search. */
  idPrefix: string | null;
  /**
   * The last word while typing: its last token also matches as a prefix
   * (2+ characters; a single letter matches as a prefix in titles, ids,
   * workspaces and models only, see session-search.ts).
   */
  prefix: boolean;
}

/** Letters, digits, marks and private-use characters: what unicode61 keeps in tokens. */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const CJK_SPLIT = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3007\u30fc\uff70]+)/u;

/** Lower case without diacritics, like unicode61 with remove_diacritics 2 (close enough for highlighting). */
export function fold(token: string): string {
  // Plain ASCII (nearly every token) needs no normalisation.
  return /^[\x00-\x7f]*$/.test(token) ? token.toLowerCase() : token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The non-CJK tokens of `text` with their UTF-16 ranges. */
export function* latinTokens(text: string): Generator<{ start: number; end: number; token: string }> {
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (!hasCjk(m[0])) {
      yield { start: at, end: at + m[0].length, token: m[0] };
      continue;
    }
    let offset = at;
    for (const part of m[0].split(CJK_SPLIT)) {
      if (part && !hasCjk(part)) yield { start: offset, end: offset + part.length, token: part };
      offset += part.length;
    }
  }
}

/** Splits a query into its distinct words; words with nothing searchable in them (`---`) are dropped. */
export function parseQuery(query: string): QueryWord[] {
  const seen = new Set<string>();
  const words: QueryWord[] = [];
  for (const raw of query.split(/\s+/u)) {
    if (!raw || seen.has(raw)) continue;
    seen.add(raw);
    const id = /^id:(.+)$/i.exec(raw);
    if (id) {
      words.push({ raw, tokens: [], cjk: [], idPrefix: id[1]!.toLowerCase(), prefix: false });
      continue;
    }
    const tokens = Array.from(latinTokens(raw), (t) => fold(t.token));
    const cjk = cjkRuns(raw);
    if (tokens.length > 0 || cjk.length > 0) words.push({ raw, tokens, cjk, idPrefix: null, prefix: false });
  }
  const last = words[words.length - 1];
  if (last && last.tokens.length > 0) {
    // Prefix matching only when the word ends in its last token (not in CJK) and that token has 2+ characters.
    const endsLatin = !hasCjk(last.raw.slice(-2));
    last.prefix = endsLatin && (last.tokens[last.tokens.length - 1]?.length ?? 0) >= 2;
  }
  return words;
}

/** An FTS5 string: the text in double quotes, quotes doubled. */
export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A CJK run as an FTS5 phrase of its bigrams (a lone character: any bigram starting with it, or itself). */
function cjkExpr(run: string): string {
  const grams = cjkBigrams(run);
  return grams.length === 1 && Array.from(run).length === 1 ? `${quote(run)}*` : quote(grams.join(' '));
}

/**
 * The FTS5 expression of one word: its tokens as one phrase (the last one a
 * prefix when `prefix`), AND each CJK run. Null for `id:` words.
 */
export function wordExpr(w: QueryWord, prefix = w.prefix): string | null {
  const parts: string[] = [];
  if (w.tokens.length > 0) parts.push(quote(w.tokens.join(' ')) + (prefix ? '*' : ''));
  for (const run of w.cjk) parts.push(cjkExpr(run));
  return parts.length === 0 ? null : parts.join(' AND ');
}

/**
 * The whole query as one phrase, when it is one: 2+ words, all of plain
 * (non-CJK, non-`id:`) tokens. Null otherwise.
 */
export function phraseExpr(words: readonly QueryWord[]): string | null {
  if (words.length < 2 || words.some((w) => w.tokens.length === 0 || w.cjk.length > 0 || w.idPrefix !== null)) return null;
  const last = words[words.length - 1]!;
  return quote(words.flatMap((w) => w.tokens).join(' ')) + (last.prefix ? '*' : '');
}

/** What to highlight: each word as its run of folded tokens (the last one maybe a prefix), and CJK runs (substrings). */
export interface Highlight {
  seqs: readonly { tokens: readonly string[]; prefix: boolean }[];
  cjk: readonly string[];
}

/** The highlight of `words`, plus typo stand-ins `similar` (whole tokens). */
export function highlightOf(words: readonly QueryWord[], similar: readonly string[] = []): Highlight {
  const seqs = words.filter((w) => w.tokens.length > 0).map((w) => ({ tokens: w.tokens, prefix: w.prefix }));
  for (const t of similar) seqs.push({ tokens: [t], prefix: false });
  return { seqs, cjk: words.flatMap((w) => w.cjk) };
}

/**
 * Where `h` matches in `text`, merged and sorted (at most `max` matches
 * before merging): a word of several tokens ("foo.ts") only where its
 * tokens follow each other.
 */
export function highlightRanges(text: string, h: Highlight, max = 64): SearchRange[] {
  const out: SearchRange[] = [];
  if (h.seqs.length > 0) {
    const toks = Array.from(latinTokens(text), (t) => ({ start: t.start, end: t.end, folded: fold(t.token) }));
    for (let i = 0; i < toks.length && out.length < max; i++) {
      for (const seq of h.seqs) {
        const n = seq.tokens.length;
        if (i + n > toks.length) continue;
        let ok = true;
        for (let k = 0; k < n && ok; k++) {
          const have = toks[i + k]!.folded;
          const want = seq.tokens[k]!;
          ok = have === want || (seq.prefix && k === n - 1 && have.startsWith(want));
        }
        if (ok) {
          out.push({ start: toks[i]!.start, end: toks[i + n - 1]!.end });
          break;
        }
      }
    }
  }
  for (const run of h.cjk) {
    for (let at = text.indexOf(run); at >= 0 && out.length < max * 2; at = text.indexOf(run, at + run.length)) {
      out.push({ start: at, end: at + run.length });
    }
  }
  return mergeRanges(out);
}
