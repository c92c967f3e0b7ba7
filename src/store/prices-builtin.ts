/**
 * Built-in list prices, USD per million tokens, standard (non-batch) tier.
 *
 * Basis, checked 2026-11-21 against stored copies of the vendors' pricing pages
 * (platform.claude.com/docs/en/about-claude/pricing and the model overview
 * pages; developers.openai.com/api/docs/pricing; ai.google.dev/gemini-api/docs/pricing)
 * and cross-checked with third-party price lists where a page was not stored.
 *
 * Rules:
 * - Anthropic: cache_write is the 5-minute write (1.25x input), cache_write_1h
 *   the 1-hour write (2x input), cache_read the cache hit (0.1x input unless the
 *   vendor publishes otherwise). Long-context surcharges are not modelled:
 *   override with --pricing.
 * - OpenAI: there is no write surcharge, so cache_write = input; cache_read is
 *   the published "cached input" price (input itself where none is published).
 * - Google: implicit caching has no write surcharge, so cache_write = input;
 *   cache_read is the context-caching price; the ≤200k-prompt tier is used.
 *
 * Keys are canonical model ids; `lookupPrice` matches dated, dotted and
 * provider-prefixed spellings to them. A newer version missing from this table
 * is priced as unknown, never as its predecessor (see `lookupPrice`).
 */
import type { ModelPrice, PriceTable } from './pricing.js';

function p(input: number, output: number, cache_read: number, cache_write: number): ModelPrice {
  return { input, output, cache_read, cache_write };
}

/** An Anthropic price: 1-hour cache writes at 2x input (ADAPTERS.md, Claude usage rules). */
function a(input: number, output: number, cache_read: number, cache_write: number): ModelPrice {
  return { input, output, cache_read, cache_write, cache_write_1h: 2 * input };
}

export const BUILTIN_PRICES: PriceTable = {
  // Anthropic
  'claude-opus-5-5': a(4, 20, 0.2, 5),
  'claude-opus-5': a(5, 25, 0.5, 6.25),
  'claude-opus-4-8': a(5, 25, 0.5, 6.25),
  'claude-opus-4-7': a(5, 25, 0.5, 6.25),
  'claude-opus-4-6': a(5, 25, 0.5, 6.25),
  'claude-opus-4-5': a(5, 25, 0.5, 6.25),
  'claude-opus-4-1': a(15, 75, 1.5, 18.75),
  'claude-opus-4': a(15, 75, 1.5, 18.75),
  'claude-sonnet-5-5': a(2, 10, 0.2, 2.5),
  'claude-sonnet-5': a(2, 10, 0.2, 2.5),
  'claude-sonnet-4-6': a(3, 15, 0.3, 3.75),
  'claude-sonnet-4-5': a(3, 15, 0.3, 3.75),
  'claude-sonnet-4': a(3, 15, 0.3, 3.75),
  'claude-3-7-sonnet': a(3, 15, 0.3, 3.75),
  'claude-3-5-sonnet': a(3, 15, 0.3, 3.75),
  'claude-haiku-4-5': a(1, 5, 0.1, 1.25),
  'claude-3-5-haiku': a(0.8, 4, 0.08, 1),

  // OpenAI (Codex models added 2026-11-30: the list prices of gpt-5.x; verify against the vendor's page)
  'gpt-5.3-codex': p(1.75, 14, 0.175, 1.75),
  'gpt-5.2-codex': p(1.75, 14, 0.175, 1.75),
  'gpt-5.1-codex-max': p(1.25, 10, 0.125, 1.25),
  'gpt-5.1-codex': p(1.25, 10, 0.125, 1.25),
  'gpt-5-pro': p(15, 120, 15, 15),
  'gpt-5.2': p(1.75, 14, 0.175, 1.75),
  'gpt-5.1': p(1.25, 10, 0.125, 1.25),
  'gpt-5.1-codex-mini': p(0.25, 2, 0.025, 0.25),
  'gpt-5-codex-mini': p(0.25, 2, 0.025, 0.25),
  'gpt-5-codex': p(1.25, 10, 0.125, 1.25),
  'gpt-5': p(1.25, 10, 0.125, 1.25),
  'gpt-5-mini': p(0.25, 2, 0.025, 0.25),
  'gpt-5-nano': p(0.05, 0.4, 0.005, 0.05),
  'gpt-4.1': p(2, 8, 0.5, 2),
  'gpt-4.1-mini': p(0.4, 1.6, 0.1, 0.4),
  'gpt-4.1-nano': p(0.1, 0.4, 0.025, 0.1),
  'gpt-4o': p(2.5, 10, 1.25, 2.5),
  'gpt-4o-mini': p(0.15, 0.6, 0.075, 0.15),
  'o1': p(15, 60, 7.5, 15),
  'o3-pro': p(20, 80, 20, 20),
  'o3': p(2, 8, 0.5, 2),
  'o3-mini': p(1.1, 4.4, 0.55, 1.1),
  'o4-mini': p(1.1, 4.4, 0.275, 1.1),

  // Google (gemini-3.1-pro added 2026-11-30, ≤200k-prompt tier, as gemini-3-pro; `-preview` ids match it)
  'gemini-3.1-pro': p(2, 12, 0.2, 2),
  'gemini-3-pro': p(2, 12, 0.2, 2),
  'gemini-3-flash': p(0.5, 3, 0.05, 0.5),
  'gemini-2.5-pro': p(1.25, 10, 0.125, 1.25),
  'gemini-2.5-flash': p(0.3, 2.5, 0.03, 0.3),
  'gemini-2.5-flash-lite': p(0.1, 0.4, 0.01, 0.1),
  'gemini-2.0-flash': p(0.1, 0.4, 0.025, 0.1),
};
