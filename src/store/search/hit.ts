/**
 * The SearchHit objects handed to the UI, whose snippet and title
 * highlights are built only when read.
 */
import type { SearchHit, SearchRange } from './types.js';
import { FIELD, type FieldCode, type Prepared } from './prepare.js';
import type { QueryContext, Ranked } from './rank.js';
import { makeSnippet, type Snippet } from './snippet.js';
import { mergeRanges, wordRanges } from './text.js';
import { TIER, fuzzyRanges, type WordMatch } from './word.js';

const FIELD_NAME: Record<FieldCode, SearchHit['field']> = {
  [FIELD.none]: 'content',
  [FIELD.title]: 'title',
  [FIELD.prompt]: 'prompt',
  [FIELD.meta]: 'meta',
  [FIELD.content]: 'content',
};

/**
 * A hit whose `snippet` and `titleRanges` are built on first read: the list
 * shows one screenful of up to 10,000 hits, and building them all would
 * cost more than the search. Read the properties; don't spread the object
 * (getters live on the prototype) — `toJSON` gives a plain copy.
 */
class LazyHit implements SearchHit {
  readonly summary: SearchHit['summary'];
  readonly field: SearchHit['field'];
  readonly score: number;
  #snippet: Snippet | null | undefined;
  #titleRanges: SearchRange[] | undefined;

  constructor(
    private readonly p: Prepared,
    private readonly ctx: QueryContext,
    private readonly i: number,
    score: number,
    field: FieldCode,
  ) {
    this.summary = p.sessions[i] as SearchHit['summary'];
    this.score = score;
    this.field = FIELD_NAME[field];
  }

  get snippet(): Snippet | null {
    if (this.#snippet === undefined) this.#snippet = buildSnippet(this.p, this.ctx, this.i);
    return this.#snippet;
  }

  get titleRanges(): SearchRange[] {
    if (this.#titleRanges === undefined) this.#titleRanges = buildTitleRanges(this.p, this.ctx, this.i);
    return this.#titleRanges;
  }

  toJSON(): SearchHit {
    const { summary, field, score, snippet, titleRanges } = this;
    return { summary, field, score, snippet, titleRanges };
  }
}

/** The k-th hit of `r` as a SearchHit. */
export function makeHit(p: Prepared, r: Ranked, k: number): SearchHit {
  return new LazyHit(p, r.ctx, r.order[k] ?? 0, r.score[k] ?? 0, (r.field[k] ?? FIELD.none) as FieldCode);
}

/** Snippet around the first word found in the full text, else the first found in a prompt. */
function buildSnippet(p: Prepared, ctx: QueryContext, i: number): Snippet | null {
  const { words, cs, matches } = ctx;
  for (let w = 0; w < matches.length; w++) {
    const m = matches[w] as WordMatch;
    if (m.tier[i] === TIER.content) {
      const at = m.pos[i] ?? 0;
      const text = p.sessions[i]?.searchText ?? '';
      return makeSnippet(text, { start: at, end: at + m.word.length }, words, cs);
    }
  }
  for (let w = 0; w < matches.length; w++) {
    const anchor = promptAnchor(p, ctx, i, w);
    if (anchor) return promptSnippet(p, i, anchor, ctx);
  }
  return null;
}

/** Where word `w` matched inside `prompts[i]`, if it matched in the prompts. */
function promptAnchor(p: Prepared, ctx: QueryContext, i: number, w: number): SearchRange | null {
  const m = ctx.matches[w] as WordMatch;
  const prompts = p.prompts[i] ?? '';
  if (m.tier[i] === TIER.prompt) {
    const at = (m.pos[i] ?? 0) - (p.promptStart[i] ?? 0);
    return { start: at, end: at + m.word.length };
  }
  let ranges: SearchRange[] = [];
  if (m.tier[i] === TIER.fuzzy && m.field[i] === FIELD.prompt) ranges = fuzzyRanges(prompts, m.word);
  const typo = ctx.typos.get(i)?.get(w);
  if (m.tier[i] === TIER.none && typo?.field === FIELD.prompt) ranges = typo.ranges;
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  return first && last ? { start: first.start, end: last.end } : null;
}

/** The snippet comes from the one prompt (first or last) that holds the anchor. */
function promptSnippet(p: Prepared, i: number, anchor: SearchRange, ctx: QueryContext): Snippet {
  const prompts = p.prompts[i] ?? '';
  const firstLen = p.firstPromptLen[i] ?? prompts.length;
  const inLast = anchor.start > firstLen;
  const offset = inLast ? firstLen + 1 : 0;
  const text = inLast ? prompts.slice(offset) : prompts.slice(0, firstLen);
  const local = { start: anchor.start - offset, end: Math.min(anchor.end - offset, text.length) };
  return makeSnippet(text, local, ctx.words, ctx.cs);
}

/** Every query word's occurrences in the title, plus where a typo matched it. */
function buildTitleRanges(p: Prepared, ctx: QueryContext, i: number): SearchRange[] {
  const title = p.titles[i] ?? '';
  const ranges = wordRanges(title, ctx.words, ctx.cs);
  ctx.matches.forEach((m, w) => {
    if (m.tier[i] === TIER.fuzzy && m.field[i] === FIELD.title) ranges.push(...fuzzyRanges(title, m.word));
    const typo = ctx.typos.get(i)?.get(w);
    if (m.tier[i] === TIER.none && typo?.field === FIELD.title) ranges.push(...typo.ranges);
  });
  return mergeRanges(ranges);
}
