/**
 * The price tables a user writes (a `--pricing FILE`, the config's
 * `pricing`): their schema, reading one from a file, and what is wrong with
 * one in words — which model, which field, what about it
 * (`gpt-5.input: must be a non-negative number (USD per million tokens),
 * got -1`), where zod alone says "Invalid input" — and the keys a price
 * entry ignores, so a typo (`cache_reed`) is warned about as an unknown
 * top-level config key is, never dropped silently.
 */
import { readFileSync } from 'node:fs';
import type { ModelPrice, PriceTable } from './pricing.js';
import * as z from './zod.js';
import { jsonErrorMessage } from '../format/json.js';

/** zod 4's `z.number()` already rejects Infinity and NaN. */
const price = z.number().check(z.nonnegative());

/** The fields a price entry takes (ModelPrice's; `cache_write_1h` is Anthropic's 1-hour cache write tier). */
export const PRICE_FIELDS: readonly string[] = ['input', 'output', 'cache_read', 'cache_write', 'cache_write_1h'];

/** What a price table looks like, for messages. */
export const PRICE_TABLE_SHAPE = '{"<model id>": {"input": N, "output": N, "cache_read": N, "cache_write": N}} in USD per million tokens';

/**
 * The user's pricing file: `{"<model id>": {input, output, cache_read?, cache_write?, cache_write_1h?}}`.
 * A missing cache price defaults to the model's input price: no discount and no
 * surcharge, so a file that only knows input/output never under-states a cost.
 * Other keys of an entry are dropped (see {@link unknownPriceKeys}).
 */
export const pricingFileSchema = z.record(
  z.string().check(z.minLength(1)),
  z.pipe(
    z.object({
      input: price,
      output: price,
      cache_read: z.optional(price),
      cache_write: z.optional(price),
      cache_write_1h: z.optional(price),
    }),
    z.transform(
      (p): ModelPrice => ({
        input: p.input,
        output: p.output,
        cache_read: p.cache_read ?? p.input,
        cache_write: p.cache_write ?? p.input,
        ...(p.cache_write_1h !== undefined ? { cache_write_1h: p.cache_write_1h } : {}),
      }),
    ),
  ),
);

/** How many problems one message lists before "(and N more)". */
const MAX_PROBLEMS = 3;

/** A path segment as written in a message: bare when plain (`gpt-5`, `claude-sonnet-4.5`), else JSON-quoted. */
function segment(key: PropertyKey): string {
  const s = String(key);
  return /^[\w.:@/[\]-]+$/.test(s) ? s : JSON.stringify(s);
}

/** `prefix.a.b`, or `a.b` with no prefix. */
function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  return [...(prefix ? [prefix] : []), ...path.map(segment)].join('.');
}

/** The value at `path` inside `json`, or undefined. */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v = json;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A JSON value as the user wrote it (a number JSON.stringify would print as `null` kept as is). */
function shown(v: unknown): string {
  return typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
}

/**
 * `json` read as a price table, once: the table, or null and its problems,
 * one phrase each (`<prefix>.<model>.<field>: what is wrong, got <value>`),
 * at most three and then "(and N more)". `prefix` names where the table sits
 * (`pricing` in the config; '' in a pricing file). With `warn`, each unknown
 * key of a price entry is reported first, `source` naming the file
 * ({@link unknownPriceKeyWarning}). What a pricing file and the config's
 * `pricing` both do with the table they hold.
 */
export function readPriceTable(json: unknown, prefix: string, warn?: { source: string; warn: (message: string) => void }): { table: PriceTable | null; problems: string[] } {
  if (warn) for (const u of unknownPriceKeys(json, prefix)) warn.warn(unknownPriceKeyWarning(warn.source, u));
  const parsed = pricingFileSchema.safeParse(json);
  if (parsed.success) return { table: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path;
    const where = joinPath(prefix, path);
    const value = valueAt(json, path);
    if (path.length === 0) return `${prefix ? `${prefix}: ` : ''}must be an object of prices, ${PRICE_TABLE_SHAPE}`;
    if (issue.code === 'invalid_key') return `${prefix ? `${prefix}: ` : ''}a model id must not be empty`;
    if (path.length === 1) return `${where}: must be an object such as {"input": N, "output": N}, got ${shown(value)}`;
    const field = String(path[path.length - 1]);
    if (value === undefined) return `${where}: missing (a price needs ${field === 'input' || field === 'output' ? 'input and output' : field})`;
    return `${where}: must be a non-negative number (USD per million tokens), got ${shown(value)}`;
  });
  const more = problems.length > MAX_PROBLEMS ? [`(and ${problems.length - MAX_PROBLEMS} more)`] : [];
  return { table: null, problems: [...problems.slice(0, MAX_PROBLEMS), ...more] };
}

/**
 * The keys of the price entries of `json` that a price does not take
 * (anything but {@link PRICE_FIELDS}): `{where, key}` each, `where` being
 * `<prefix>.<model>`. Reading the table ignores them.
 */
function unknownPriceKeys(json: unknown, prefix: string): { where: string; key: string }[] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return [];
  const out: { where: string; key: string }[] = [];
  for (const [model, entry] of Object.entries(json)) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    for (const key of Object.keys(entry)) if (!PRICE_FIELDS.includes(key)) out.push({ where: joinPath(prefix, [model]), key });
  }
  return out;
}

/** The warning for one unknown key of a price entry; `source` names the file (`config /p/config.json`, `pricing file /p/x.json`). */
function unknownPriceKeyWarning(source: string, u: { where: string; key: string }): string {
  return `${source}: unknown key ${JSON.stringify(u.key)} in ${u.where} ignored (a price takes ${PRICE_FIELDS.join(', ')})`;
}

/** How {@link loadPricingFile} reports what it ignores. */
export interface LoadPricingOptions {
  /** Called once per unknown key of a price entry, with a one-line message naming the key, the model and the file. */
  warn?: (message: string) => void;
}

/**
 * Reads and validates a pricing file. Throws an Error naming the file and what
 * is wrong (unreadable, not JSON, or the first few bad fields, each named
 * `<model>.<field>` with what it must be and what it was); unknown keys of a
 * price entry are ignored and reported through `opts.warn`.
 */
export function loadPricingFile(path: string, opts: LoadPricingOptions = {}): PriceTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String((err as Error).message);
    throw new Error(`cannot read pricing file ${path}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`pricing file ${path} is not valid JSON: ${jsonErrorMessage(err)}`);
  }
  const { table, problems } = readPriceTable(json, '', opts.warn && { source: `pricing file ${path}`, warn: opts.warn });
  if (table === null) throw new Error(`pricing file ${path} is invalid: ${problems.join('; ')}. Expected ${PRICE_TABLE_SHAPE}.`);
  return table;
}
