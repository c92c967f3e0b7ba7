/**
 * The user's config file: `$XDG_CONFIG_HOME/session-browser/config.json`
 * (else ~/.config/session-browser/config.json). Every key is optional.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as z from './zod.js';
import { jsonErrorMessage } from '../format/json.js';
import type { PriceTable } from './pricing.js';
import { loadPricingFile, PRICE_TABLE_SHAPE, pricingFileSchema, readPriceTable } from './pricing-file.js';

export const configSchema = z.object({
  /** Resume command template, e.g. "claude --resume {id}". */
  resumeCommand: z.optional(z.string()),
  /** A price table laid over the built-in one, or the path of a pricing file. */
  pricing: z.optional(z.union([z.string(), pricingFileSchema])),
  /** Prompt-cache TTL in seconds per provider (`default` for the rest). */
  cacheTtlSeconds: z.optional(z.record(z.string(), z.number().check(z.positive()))),
  /** Default IANA zone for --since windows and day grouping. */
  timeZone: z.optional(z.string()),
  /** Sources read by default: a list (or comma list) of native, claude, codex, gemini; absent: every source that exists. */
  sources: z.optional(z.union([z.string(), z.array(z.string())])),
  /** Claude Code's folder (default `$CLAUDE_CONFIG_DIR`, else ~/.claude). */
  claudeDir: z.optional(z.string()),
  /** Codex's folder (default `$CODEX_HOME`, else ~/.codex). */
  codexDir: z.optional(z.string()),
  /** Gemini CLI's folder (default ~/.gemini). */
  geminiDir: z.optional(z.string()),
});
export type Config = z.infer<typeof configSchema>;

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME ? resolve(env.XDG_CONFIG_HOME) : join(homedir(), '.config');
  return join(base, 'session-browser', 'config.json');
}

/** How {@link loadConfig} reports what it ignores. */
export interface LoadConfigOptions {
  /**
   * Called once per top-level key the config does not know (a typo such as
   * "timezone" would otherwise be ignored silently), and once per key of a
   * `pricing` entry a price does not take (`cache_reed`), with a one-line
   * message naming the key and the file. The store prints nothing itself.
   */
  warn?: (message: string) => void;
}

/**
 * Reads the config; a missing file is an empty config, a broken one a clear
 * error (Error naming the file and the field: `pricing.gpt-5.input: must be
 * a non-negative number …`). Unknown top-level keys, and unknown keys of a
 * `pricing` entry, are ignored and reported through `opts.warn`.
 */
export function loadConfig(path: string = configPath(), opts: LoadConfigOptions = {}): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`cannot read config ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`config ${path} is not valid JSON: ${jsonErrorMessage(err)}`);
  }
  if (opts.warn && json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const known = Object.keys(configSchema.shape);
    for (const key of Object.keys(json)) {
      if (!known.includes(key)) opts.warn(`config ${path}: unknown key ${JSON.stringify(key)} ignored (known keys: ${known.join(', ')})`);
    }
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) checkPricing((json as Record<string, unknown>).pricing, path, opts);
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`config ${path}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Checks the config's `pricing` when it is a table, before the config schema
 * does: zod reports a bad table inside the string-or-table union as
 * "pricing: Invalid input", where this names the model and the field
 * (pricing-file.ts). Warns about unknown keys of a price entry; throws an
 * Error naming the file for a bad table.
 */
function checkPricing(pricing: unknown, path: string, opts: LoadConfigOptions): void {
  if (pricing === undefined || typeof pricing === 'string') return;
  if (pricing === null || typeof pricing !== 'object' || Array.isArray(pricing)) {
    throw new Error(`config ${path}: pricing: must be a price table, ${PRICE_TABLE_SHAPE}, or the path of a pricing file`);
  }
  const { problems } = readPriceTable(pricing, 'pricing', opts.warn && { source: `config ${path}`, warn: opts.warn });
  if (problems.length > 0) throw new Error(`config ${path}: ${problems.join('; ')}`);
}

/**
 * The config's price table, resolving a pricing file path relative to the
 * config file (read by loadPricingFile: its errors, prefixed with the
 * config's path, and its `opts.warn` warnings name that file).
 */
export function configPricing(config: Config, path: string = configPath(), opts: LoadConfigOptions = {}): PriceTable | undefined {
  if (config.pricing === undefined) return undefined;
  if (typeof config.pricing === 'string') {
    try {
      return loadPricingFile(resolve(dirname(path), config.pricing), opts);
    } catch (err) {
      // Said to come from the config: the command line named no pricing file.
      throw new Error(`config ${path}: pricing: ${(err as Error).message}`);
    }
  }
  return config.pricing as PriceTable;
}
