/**
 * Config and pricing-file mistakes are told in words a user can act on: a
 * bad price names the model and the field and what it must be (it said
 * "pricing: Invalid input"); a typo inside a price entry is warned about as
 * an unknown top-level key is (it was dropped silently); a bad `timeZone`
 * in the config says it came from the config, with no "--help" hint, since
 * the command line was fine.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'sb-config-errors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** Runs `list --demo` with `config` as the config file's content; returns the result and the config's path. */
function withConfig(config: unknown, args: string[] = []) {
  const home = join(tmp, `cfg${n++}`);
  const path = join(home, 'session-browser', 'config.json');
  mkdirSync(join(home, 'session-browser'), { recursive: true });
  writeFileSync(path, JSON.stringify(config));
  return { ...runCli(['list', '--demo', '--limit', '1', ...args], { env: { XDG_CONFIG_HOME: home } }), path };
}

function pricingFile(table: unknown): string {
  const path = join(tmp, `prices${n++}.json`);
  writeFileSync(path, JSON.stringify(table));
  return path;
}

describe('config: a bad price', () => {
  it('names the model, the field, what it must be and what it was', () => {
    const r = withConfig({ pricing: { 'gpt-5': { input: -1, output: 'x' } } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`config ${r.path}: pricing.gpt-5.input: must be a non-negative number (USD per million tokens), got -1`);
    expect(r.stderr).toContain('pricing.gpt-5.output: must be a non-negative number (USD per million tokens), got "x"');
    expect(r.stderr).not.toContain('Invalid input');
  });

  it('says what a price entry and the table must be', () => {
    expect(withConfig({ pricing: { 'gpt-5': 5 } }).stderr).toContain('pricing.gpt-5: must be an object such as {"input": N, "output": N}, got 5');
    expect(withConfig({ pricing: { 'gpt-5': { input: 1 } } }).stderr).toContain('pricing.gpt-5.output: missing (a price needs input and output)');
    expect(withConfig({ pricing: [1] }).stderr).toMatch(/pricing: must be a price table, .* or the path of a pricing file/);
  });

  it('a pricing file the config names: its errors say they came from the config', () => {
    const r = withConfig({ pricing: 'nowhere.json' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`config ${r.path}: pricing: cannot read pricing file ${join(r.path, '..', 'nowhere.json')}: no such file`);
  });
});

describe('config: an unknown key inside a price entry', () => {
  it('is warned about once, naming the key, the model and the keys a price takes; the cache write tiers are known', () => {
    const r = withConfig({ pricing: { 'qwen3-coder-30b': { input: 1, output: 2, cache_reed: 0.1, cache_write: 1.25, cache_write_1h: 2 } } });
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('unknown key'));
    expect(warnings).toEqual([
      `session-browser: config ${r.path}: unknown key "cache_reed" in pricing.qwen3-coder-30b ignored (a price takes input, output, cache_read, cache_write, cache_write_1h)`,
    ]);
  });

  it('in a --pricing file too', () => {
    const file = pricingFile({ 'gpt-5': { input: 1, output: 2, cache_raed: 0.1 } });
    const r = runCli(['list', '--demo', '--limit', '1', '--pricing', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`session-browser: pricing file ${file}: unknown key "cache_raed" in gpt-5 ignored (a price takes input, output, cache_read, cache_write, cache_write_1h)`);
  });
});

describe('a --pricing file with a bad price', () => {
  it('names the model and the field as the config does, and is a runtime error', () => {
    const file = pricingFile({ 'gpt-5': { input: -1, output: 'x' } });
    const r = runCli(['list', '--demo', '--pricing', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`pricing file ${file} is invalid: gpt-5.input: must be a non-negative number (USD per million tokens), got -1; gpt-5.output: must be a non-negative number (USD per million tokens), got "x"`);
  });
});

describe('config: an unknown timeZone', () => {
  it('says it came from the config file, with no --help hint: the command line was fine', () => {
    const r = withConfig({ timeZone: 'Nowhere/X' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`session-browser: config ${r.path}: timeZone: unknown time zone "Nowhere/X"`);
    expect(r.stderr).not.toContain('--help');
  });

  it('is no error when --tz overrides it; a bad --tz is still a usage error with the hint', () => {
    expect(withConfig({ timeZone: 'Nowhere/X' }, ['--tz', 'UTC']).code).toBe(0);
    const bad = withConfig({}, ['--tz', 'Nowhere/Y']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown time zone "Nowhere/Y"');
    expect(bad.stderr).toContain("Run 'session-browser --help' for usage.");
  });
});

describe('a file that is not JSON', () => {
  // V8 quotes a short file whole, raw: "not json\n" split the message over two lines.
  /** The message of a run, on stderr: exactly one line. */
  const oneLine = (stderr: string): string => {
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.slice(0, -1)).not.toMatch(/[\n\r]/);
    return stderr.slice(0, -1);
  };

  it('is told on one line, the quoted text escaped: a --pricing file', () => {
    const file = join(tmp, `notjson${n++}.json`);
    writeFileSync(file, 'not json\n');
    const r = runCli(['list', '--demo', '--limit', '1', '--pricing', file]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(`session-browser: pricing file ${file} is not valid JSON: Unexpected token 'o', "not json\\n" is not valid JSON`);
  });

  it('is told on one line, the quoted text escaped: the config', () => {
    const home = join(tmp, `cfg${n++}`);
    const path = join(home, 'session-browser', 'config.json');
    mkdirSync(join(home, 'session-browser'), { recursive: true });
    writeFileSync(path, 'nope\r\n\t\u001b[2J\n');
    const r = runCli(['list', '--demo', '--limit', '1'], { env: { XDG_CONFIG_HOME: home } });
    expect(r.code).toBe(1);
    // Escapes, not the markers stderr gives a control character (␛, ␍).
    expect(oneLine(r.stderr)).toBe(`session-browser: config ${path} is not valid JSON: Unexpected token 'o', "nope\\r\\n\\t\\u001b[2J\\n" is not valid JSON`);
  });
});
