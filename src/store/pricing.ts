/**
 * Model prices: table merging, model-id lookup and integer micro-USD costing
 * (format §3). The user's pricing file is read by pricing-file.ts.
 */
import { anyOverflowed, capSum, SUM_CAP } from './counts.js';

/** List prices of one model in USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cache_read: number;
  /** The 5-minute cache write (Anthropic), or the only cache-write price. */
  cache_write: number;
  /** The 1-hour cache write (Anthropic: 2x input); absent: 2x `input` (ADAPTERS.md, Claude usage rules). */
  cache_write_1h?: number;
}

/** Prices by model id. Treated as immutable once built (lookups are cached per table). */
export type PriceTable = Record<string, ModelPrice>;

/** Lays tables over each other: a later table's entry replaces an earlier one per model id. */
export function mergePrices(...tables: (PriceTable | undefined)[]): PriceTable {
  const out: PriceTable = {};
  for (const t of tables) if (t) Object.assign(out, t);
  return out;
}

/**
 * Normalises a model id for matching: lower case, no `provider/` prefix, dots
 * between digits as dashes (`4.6` == `4-6`), no `[1m]`-style tag, no Bedrock
 * (`anthropic.` prefix, `-v1:0`) or Vertex (`@date`) decoration, no trailing
 * date stamp or `-latest`.
 */
export function normalizeModelId(model: string): string {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  // Cloud spellings: Bedrock `us.anthropic.claude-…-v1:0`, Vertex `claude-…@20250929`.
  id = id.replace(/^(?:[a-z]{2,6}\.)?anthropic\./, '').replace(/-v\d+:\d+$/, '').replace(/@.*$/, '');
  id = id.replace(/\[[^\]]*\]$/, '');
  id = id.replace(/(\d)\.(?=\d)/g, '$1-');
  // Dates and `-latest` can stack (`x-latest-20250101` is rare but cheap to allow).
  for (let prev = ''; prev !== id; ) {
    prev = id;
    id = id.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, '');
    // Anthropic's `claude-opus-4-0` alias is `claude-opus-4`.
    id = id.replace(/(-\d+)-0$/, '$1');
  }
  return id;
}

interface TableIndex {
  /** normalised key → price; when two keys normalise alike the later one wins. */
  byNorm: Map<string, ModelPrice>;
  /** normalised keys, longest first, for the prefix match. */
  keysLongestFirst: string[];
  /** model id → result, so a lookup per summary costs one Map read. */
  memo: Map<string, ModelPrice | null>;
}

const indexes = new WeakMap<PriceTable, TableIndex>();

/**
 * A remainder that starts with a short number is another version of the model
 * (`claude-opus-4` + `-7`, `gpt-5` + `-4`): it must not inherit the older
 * version's price, since prices change between versions. Unknown is honest.
 */
const NEW_VERSION = /^[^a-z0-9]\d{1,2}(?![0-9a-z])/;

/**
 * Whether `c`, the character after a table key's end in a model id, ends a
 * word: any character but a letter or a digit (`-`, but also `:thinking`,
 * ` (1M)`, `_v2`), so `gpt-4o` is not `gpt-4`. Only `-` counted once, and
 * `claude-opus-4.6:thinking` fell past `claude-opus-4-6` to `claude-opus-4`
 * (three times the price).
 */
const endsWord = (c: string | undefined): boolean => c !== undefined && !/[a-z0-9]/.test(c);

function indexOf(table: PriceTable): TableIndex {
  let idx = indexes.get(table);
  if (!idx) {
    const byNorm = new Map<string, ModelPrice>();
    for (const [k, v] of Object.entries(table)) byNorm.set(normalizeModelId(k), v);
    const keysLongestFirst = [...byNorm.keys()].filter((k) => k !== '').sort((a, b) => b.length - a.length);
    idx = { byNorm, keysLongestFirst, memo: new Map() };
    indexes.set(table, idx);
  }
  return idx;
}

/**
 * Finds the price of a model: the exact id first, then the normalised id, then
 * the longest table key that is a prefix of the normalised id ending at a word
 * boundary (`gpt-5-2025-08-07` → `gpt-5`, `gpt-5-mini-x` → `gpt-5-mini`,
 * `claude-opus-4.6:thinking` → `claude-opus-4-6`, never `gpt-5-mini` → `gpt-5`
 * while `gpt-5-mini` is in the table, nor `gpt-4o` → `gpt-4`). A remainder
 * that is a new version number (`claude-opus-4-9`, `claude-opus-4.9:thinking`
 * over `claude-opus-4`) does not match. Null when unknown or empty.
 */
export function lookupPrice(table: PriceTable, model: string): ModelPrice | null {
  if (!model || !model.trim()) return null;
  if (Object.hasOwn(table, model)) return table[model] ?? null;
  const idx = indexOf(table);
  const memo = idx.memo.get(model);
  if (memo !== undefined) return memo;
  const norm = normalizeModelId(model);
  let found: ModelPrice | null = idx.byNorm.get(norm) ?? null;
  if (!found && norm) {
    for (const key of idx.keysLongestFirst) {
      if (norm.length <= key.length || !norm.startsWith(key) || !endsWord(norm[key.length])) continue;
      if (NEW_VERSION.test(norm.slice(key.length))) continue;
      found = idx.byNorm.get(key) ?? null;
      break;
    }
  }
  idx.memo.set(model, found);
  return found;
}

/** Token counts to price; `input` excludes cache reads and writes (Anthropic style). */
export interface PricedTokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** The part of `cacheWrite` that went to a 1-hour cache (Claude), priced by `cache_write_1h`. */
  cacheWrite1h?: number;
}

/**
 * Cost in integer micro-USD. A price per million tokens times a token count is
 * micro-USD, so one rounding at the end is all it takes; SUM_CAP (printed
 * "overflow") when a count is a capped sum or the product passes 2^53 - 1
 * (counts.ts). Assumes `input` does
 * NOT include cache reads, as in the `store` and `events` dialects; readers of
 * logs where it does (Codex, Gemini) subtract the cached part first.
 */
export function priceMicros(price: ModelPrice, t: PricedTokens): number {
  // A capped count (a sum that passed 2^53 - 1) is not a number of tokens: priced, it made an exact-looking
  // cost ($4.5 billion for one capped cache-read sum at Claude's price). Its cost is capped too: "overflow".
  if (anyOverflowed(t.input, t.output, t.cacheRead, t.cacheWrite)) return SUM_CAP;
  // 1-hour cache writes are priced apart (ADAPTERS.md: 2x input); the rest of the writes at cache_write (5 minutes).
  const hour = Math.min(Math.max(t.cacheWrite1h ?? 0, 0), t.cacheWrite);
  // Capped (counts.ts): enough tokens times a price passes 2^53 micro-USD even when each count is exact.
  return capSum(
    t.input * price.input +
      t.output * price.output +
      t.cacheRead * price.cache_read +
      (t.cacheWrite - hour) * price.cache_write +
      (hour > 0 ? hour * (price.cache_write_1h ?? 2 * price.input) : 0),
  );
}

/**
 * Provider of a model id (format §3): the part before the first `/`, else the
 * recorded vendor/provider, else `default`.
 */
export function providerOf(model: string, recorded?: string | null): string {
  const slash = model.indexOf('/');
  if (slash > 0) {
    const head = model.slice(0, slash).trim();
    if (head) return head;
  }
  const rec = recorded?.trim();
  return rec ? rec : 'default';
}
