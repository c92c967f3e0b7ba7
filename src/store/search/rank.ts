/**
 * Ranking of the sessions a query matched: a coarse score per session, ties
 * broken by recency.
 */
import { FIELD, type FieldCode, type Prepared } from './prepare.js';
import type { TypoMatches } from './typo.js';
import { TIER, type WordMatch } from './word.js';

/** What a query found, shared by all its hits. */
export interface QueryContext {
  words: readonly string[];
  cs: boolean;
  matches: readonly WordMatch[];
  typos: TypoMatches;
}

/** The results of one query, best first: parallel arrays over the matching sessions. */
export interface Ranked {
  ctx: QueryContext;
  order: Int32Array;
  score: Int32Array;
  field: Uint8Array;
}

/**
 * Orders the sessions `isMatch` accepts. Score = weakest word's tier
 * (dominant: a title-only match beats any match that needs the full text),
 * then the mean tier, then how many words start a word. Scores are coarse
 * on purpose, so equal matches tie and recency decides: sessions are
 * bucketed by score while walking them newest first, which also avoids a
 * comparison sort of 10,000 hits.
 */
export function rankMatches(p: Prepared, ctx: QueryContext, isMatch: (i: number) => boolean): Ranked {
  const buckets = new Map<number, number[]>();
  const fieldOf = new Uint8Array(p.size);
  for (const i of p.byRecency) {
    if (!isMatch(i)) continue;
    const [score, field] = scoreOf(ctx, i);
    fieldOf[i] = field;
    let b = buckets.get(score);
    if (!b) buckets.set(score, (b = []));
    b.push(i);
  }
  const scores = [...buckets.keys()].sort((a, b) => b - a);
  let total = 0;
  for (const s of scores) total += buckets.get(s)?.length ?? 0;
  const order = new Int32Array(total);
  const score = new Int32Array(total);
  const field = new Uint8Array(total);
  let k = 0;
  for (const s of scores) {
    for (const i of buckets.get(s) ?? []) {
      order[k] = i;
      score[k] = s;
      field[k] = fieldOf[i] ?? FIELD.none;
      k++;
    }
  }
  return { ctx, order, score, field };
}

function scoreOf(ctx: QueryContext, i: number): [number, FieldCode] {
  let minTier: number = TIER.title;
  let weakest: FieldCode = FIELD.title;
  let sum = 0;
  let starts = 0;
  const { matches } = ctx;
  for (let w = 0; w < matches.length; w++) {
    const m = matches[w] as WordMatch;
    let tier: number = m.tier[i] ?? 0;
    let field = (m.field[i] ?? FIELD.none) as FieldCode;
    if (tier === TIER.none) {
      tier = TIER.typo;
      field = ctx.typos.get(i)?.get(w)?.field ?? FIELD.title;
    }
    starts += m.wordStart[i] ?? 0;
    sum += tier;
    if (tier < minTier) {
      minTier = tier;
      weakest = field;
    }
  }
  const n = matches.length;
  return [minTier * 1000 + Math.round((100 * sum) / n) + Math.round((9 * starts) / n), weakest];
}
