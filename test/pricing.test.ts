import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';
import { loadPricingFile } from '../src/store/pricing-file.js';
import {
  lookupPrice,
  mergePrices,
  priceMicros,
  providerOf,
  type ModelPrice,
  type PriceTable,
} from '../src/store/pricing.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-pricing-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const price = (input: number, output = input * 4): ModelPrice => ({
  input,
  output,
  cache_read: input / 10,
  cache_write: input * 1.25,
});

describe('lookupPrice', () => {
  const table: PriceTable = {
    'gpt-5': price(1.25, 10),
    'gpt-5-mini': price(0.25, 2),
    'claude-sonnet-4-6': price(3, 15),
    'claude-opus-4': price(15, 75),
    'gemini-2.5-flash': price(0.3, 2.5),
    'gemini-2.5-flash-lite': price(0.1, 0.4),
  };

  it('finds exact ids', () => {
    expect(lookupPrice(table, 'gpt-5')).toBe(table['gpt-5']);
    expect(lookupPrice(table, 'gpt-5-mini')).toBe(table['gpt-5-mini']);
  });

  it.each([
    ['anthropic/claude-sonnet-4.6', 'claude-sonnet-4-6'],
    ['claude-sonnet-4.6', 'claude-sonnet-4-6'],
    ['Claude-Sonnet-4-6', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-6-20260217', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-6@20260217', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-6[1m]', 'claude-sonnet-4-6'],
    ['us.anthropic.claude-sonnet-4-6-v1:0', 'claude-sonnet-4-6'],
    ['claude-opus-4-0', 'claude-opus-4'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['openai/gpt-5-latest', 'gpt-5'],
    ['gpt-5-chat-latest', 'gpt-5'],
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini'],
    ['gpt-5-mini-x', 'gpt-5-mini'],
    ['gemini-2-5-flash', 'gemini-2.5-flash'],
    ['google/gemini-2.5-flash-preview-09-2025', 'gemini-2.5-flash'],
    ['gemini-2.5-flash-lite-preview', 'gemini-2.5-flash-lite'],
  ])('normalises %s to %s', (model, key) => {
    expect(lookupPrice(table, model)).toBe(table[key]);
  });

  it('never falls back from a more specific id to a shorter one it merely starts with', () => {
    expect(lookupPrice(table, 'gpt-50')).toBeNull();
    expect(lookupPrice(table, 'gpt-5minimal')).toBeNull();
  });

  it('does not price a newer version at an older version\'s price', () => {
    expect(lookupPrice(table, 'claude-opus-4-9')).toBeNull();
    expect(lookupPrice(table, 'gpt-5.4')).toBeNull();
    expect(lookupPrice(table, 'gpt-5-4-mini')).toBeNull();
    expect(lookupPrice(table, 'claude-opus-4.9:thinking')).toBeNull();
    expect(lookupPrice(table, 'claude-opus-4-9 (1M)')).toBeNull();
  });

  it('prices a model id with a suffix after any separator as the version it names, not an older one', () => {
    const versions: PriceTable = { ...table, 'claude-opus-4-6': price(5, 25) };
    for (const model of ['anthropic/claude-opus-4.6:thinking', 'claude-opus-4-6 (1M)', 'claude-opus-4-6_v2', 'claude-opus-4.6:extended', 'claude-opus-4-6\u001b[31m']) {
      expect(lookupPrice(versions, model), model).toBe(versions['claude-opus-4-6']);
    }
    expect(lookupPrice(versions, 'claude-opus-4:thinking')).toBe(versions['claude-opus-4']);
    expect(lookupPrice(versions, 'gpt-5o')).toBeNull();
  });

  it('returns null for unknown and empty models', () => {
    expect(lookupPrice(table, 'qwen3-coder-30b')).toBeNull();
    expect(lookupPrice(table, '')).toBeNull();
    expect(lookupPrice(table, '   ')).toBeNull();
    expect(lookupPrice(table, 'anthropic/')).toBeNull();
  });

  it('gives the same answer when asked again (cached)', () => {
    const first = lookupPrice(table, 'anthropic/claude-sonnet-4.6-20260101');
    expect(lookupPrice(table, 'anthropic/claude-sonnet-4.6-20260101')).toBe(first);
    expect(first).toBe(table['claude-sonnet-4-6']);
  });

  it('prices the built-in models under the spellings agents record', () => {
    expect(lookupPrice(BUILTIN_PRICES, 'claude-sonnet-4-5-20250929')).toEqual({
      input: 3,
      output: 15,
      cache_read: 0.3,
      cache_write: 3.75,
      cache_write_1h: 6, // 2x input (ADAPTERS.md)
    });
    expect(lookupPrice(BUILTIN_PRICES, 'gpt-5-2025-08-07')?.cache_read).toBe(0.125);
    expect(lookupPrice(BUILTIN_PRICES, 'gpt-5-mini')?.input).toBe(0.25);
    expect(lookupPrice(BUILTIN_PRICES, 'gpt-4o-mini-2024-07-18')?.input).toBe(0.15);
    expect(lookupPrice(BUILTIN_PRICES, 'gpt-4.1-nano')?.input).toBe(0.1);
    expect(lookupPrice(BUILTIN_PRICES, 'o4-mini')?.output).toBe(4.4);
    expect(lookupPrice(BUILTIN_PRICES, 'claude-3-5-haiku-20241022')?.input).toBe(0.8);
    expect(lookupPrice(BUILTIN_PRICES, 'claude-opus-4-1-20250805')?.input).toBe(15);
    expect(lookupPrice(BUILTIN_PRICES, 'claude-opus-4-5-20251101')?.input).toBe(5);
    expect(lookupPrice(BUILTIN_PRICES, 'gemini-3-pro-preview')?.input).toBe(2);
  });

  it('keeps the built-in table consistent with the vendors\' cache rules', () => {
    for (const [id, p] of Object.entries(BUILTIN_PRICES)) {
      expect(p.input, id).toBeGreaterThan(0);
      expect(p.output, id).toBeGreaterThan(0);
      expect(p.cache_read, id).toBeLessThanOrEqual(p.input);
      if (id.startsWith('claude-')) expect(p.cache_write, id).toBeCloseTo(p.input * 1.25, 10);
      else expect(p.cache_write, id).toBe(p.input);
    }
  });
});

describe('mergePrices', () => {
  it('lets a later table win per model id and keeps the rest', () => {
    const merged = mergePrices({ a: price(1), b: price(2) }, undefined, { b: price(20), c: price(3) });
    expect(merged).toEqual({ a: price(1), b: price(20), c: price(3) });
  });

  it('makes user prices win over built-in ones in lookups', () => {
    const merged = mergePrices(BUILTIN_PRICES, { 'gpt-5': price(9, 9) });
    expect(lookupPrice(merged, 'gpt-5-2025-08-07')?.input).toBe(9);
    expect(lookupPrice(BUILTIN_PRICES, 'gpt-5-2025-08-07')?.input).toBe(1.25);
  });
});

describe('priceMicros', () => {
  it('turns per-million prices times tokens into integer micro-USD', () => {
    const p = { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 };
    // 900*3 + 120*15 + 0*0.3 + 900*3.75 = 2700 + 1800 + 3375
    expect(priceMicros(p, { input: 900, output: 120, cacheRead: 0, cacheWrite: 900 })).toBe(7875);
    expect(priceMicros(p, { input: 1_000_000, output: 0, cacheRead: 0, cacheWrite: 0 })).toBe(3_000_000);
  });

  it('rounds away float noise to a whole micro-dollar', () => {
    const p = { input: 0.1, output: 0.2, cache_read: 0.3, cache_write: 0 };
    const micros = priceMicros(p, { input: 3, output: 3, cacheRead: 1, cacheWrite: 0 });
    expect(Number.isInteger(micros)).toBe(true);
    expect(micros).toBe(1);
  });

  it('prices cache reads separately from input (input excludes cache)', () => {
    const p = BUILTIN_PRICES['gpt-5']!;
    expect(priceMicros(p, { input: 0, output: 0, cacheRead: 1000, cacheWrite: 0 })).toBe(125);
  });
});

describe('providerOf', () => {
  it('follows format §3', () => {
    expect(providerOf('anthropic/claude-sonnet-4.6', 'bedrock')).toBe('anthropic');
    expect(providerOf('claude-sonnet-4.6', 'anthropic')).toBe('anthropic');
    expect(providerOf('gpt-5', null)).toBe('default');
    expect(providerOf('gpt-5')).toBe('default');
    expect(providerOf('gpt-5', '  ')).toBe('default');
    expect(providerOf('/odd', 'openai')).toBe('openai');
  });
});

describe('loadPricingFile', () => {
  it('reads prices and defaults missing cache prices to the input price', () => {
    const path = file('ok.json', JSON.stringify({
      'my-model': { input: 2, output: 8 },
      'other/model': { input: 1, output: 2, cache_read: 0.1, cache_write: 1.5 },
    }));
    expect(loadPricingFile(path)).toEqual({
      'my-model': { input: 2, output: 8, cache_read: 2, cache_write: 2 },
      'other/model': { input: 1, output: 2, cache_read: 0.1, cache_write: 1.5 },
    });
  });

  it('names the file when it cannot be read', () => {
    const path = join(dir, 'missing.json');
    expect(() => loadPricingFile(path)).toThrow(`cannot read pricing file ${path}: no such file`);
  });

  it('names the file when it is not JSON', () => {
    const path = file('broken.json', '{"gpt-5": {');
    expect(() => loadPricingFile(path)).toThrow(new RegExp(`pricing file ${path} is not valid JSON`));
  });

  it('says which field is wrong', () => {
    const path = file('bad.json', JSON.stringify({ 'gpt-5': { input: '1.25', output: 10 } }));
    expect(() => loadPricingFile(path)).toThrow(/pricing file .*bad\.json is invalid: gpt-5\.input: must be a non-negative number \(USD per million tokens\), got "1\.25"/);
  });

  it('refuses negative prices and a top level that is not an object', () => {
    expect(() => loadPricingFile(file('neg.json', '{"m": {"input": -1, "output": 1}}'))).toThrow(/: m\.input: must be a non-negative number .*got -1/);
    expect(() => loadPricingFile(file('arr.json', '[]'))).toThrow(/is invalid/);
  });
});
