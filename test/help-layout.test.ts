/**
 * `--help` is a table a new user reads at 80 columns: every command's
 * description starts in one column (delete's, restore's and doctor's used to
 * start in three different ones), long lines wrap under their column, and
 * no line runs past 80 columns or a narrower terminal. Nothing listed before
 * is dropped.
 */
import { describe, expect, it } from 'vitest';
import { helpFor, helpText, helpWidth } from '../src/app/help.js';
import { displayWidth } from '../src/format/width.js';
import { runCli } from './helpers/cli.js';

const lines = (text: string): string[] => text.replace(/\n$/, '').split('\n');
const widest = (text: string): number => Math.max(...lines(text).map(displayWidth));
/** The column a line's text starts at. */
const indentOf = (line: string): number => line.length - line.trimStart().length;
/** The text with every run of whitespace (line breaks included) made one space. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** What the help listed before it was a table: each synopsis and option must still be there, whole. */
const SYNOPSES = [
  'session-browser [--no-alt-screen] [options]',
  'session-browser list [--json] [--query Q] [--limit N] [--reveal-secrets]',
  'session-browser show ID [--json] [--reveal-secrets]',
  'session-browser replay ID [--from-checkpoint] [--full] [--reveal-secrets]',
  'session-browser usage [--since SPEC] [--by model|endpoint|day|session] [--json]',
  'session-browser export ID [--format md|json] [-o FILE [--force]] [--reveal-secrets]',
  'session-browser resume ID|--last [--max-age DUR] [--dry-run] [--context FILE] [--force]',
  'session-browser cleanup --older-than DUR [--dry-run] [--yes]',
  'session-browser delete ID [--yes] [--force]',
  'session-browser restore [ID | ID~N]',
  'session-browser doctor [--json]',
  'session-browser help [COMMAND]',
];
const OPTIONS = ['--home DIR', '--project DIR', '--all', '--include-empty', '--demo', '--pricing FILE', '--resume-cmd TEMPLATE', '--tz ZONE', '--source LIST', '--claude-dir DIR', '--codex-dir DIR', '--gemini-dir DIR'];

describe('the command list', () => {
  const help = helpText(80);
  const usage = lines(help.slice(help.indexOf('Usage:\n') + 7, help.indexOf('\n\nIDs:')));

  it('starts every description in one column, delete, restore and doctor included', () => {
    const starts = ['moves it to <home>/.trash/', 'brings a deleted session back', 'per-file problems with line numbers', "this help, or one command's", 'the sessions of the project']
      .map((d) => usage.find((l) => l.includes(d))!)
      .map((l) => l.indexOf(l.trimStart()));
    expect(new Set(starts)).toEqual(new Set([6]));
    // Every line is a synopsis (at 2), its arguments carried on (under the first argument, 26), or a description (at 6).
    for (const l of usage) expect([2, 6, 26], l).toContain(indentOf(l));
  });

  it('wraps a long description under its column, never past 80 columns', () => {
    expect(widest(help)).toBeLessThanOrEqual(80);
    const browse = usage.findIndex((l) => l.includes('--no-alt-screen draws') || l.includes('the interactive browser'));
    expect(indentOf(usage[browse]!)).toBe(6);
    expect(indentOf(usage[browse + 1]!)).toBe(6); // the rest of the browser's description, same column
    // A synopsis too long for one line goes on under its first argument.
    const resume = usage.findIndex((l) => l.startsWith('  session-browser resume  ID|--last'));
    expect(usage[resume + 1]).toMatch(/^ {26}\[/);
  });

  it('keeps every command and option it listed', () => {
    for (const s of SYNOPSES) expect(flat(help)).toContain(s);
    for (const o of OPTIONS) expect(help).toMatch(new RegExp(`^  ${o.replace(/[[\]|]/g, '\\$&')} +\\S`, 'm'));
  });
});

describe('the options table', () => {
  it('starts every description at column 24 and wraps under it', () => {
    const help = helpText(80);
    const table = lines(help.slice(help.indexOf('Options for every command:\n') + 27, help.indexOf('\n\n--since')));
    for (const l of table) {
      const term = OPTIONS.find((o) => l.startsWith(`  ${o} `));
      // An option's row: its description from column 24; a carried-on line: under it.
      if (term) expect(l.slice(2 + term.length, 25).trim(), l).toBe(l[24]);
      else expect(indentOf(l), l).toBe(24);
    }
  });
});

describe('its width', () => {
  it('is 80 columns, or the terminal when narrower (never below 40)', () => {
    expect(helpWidth(null)).toBe(80);
    expect(helpWidth(200)).toBe(80);
    expect(helpWidth(60)).toBe(60);
    expect(helpWidth(10)).toBe(40);
    for (const w of [40, 50, 60, 72]) {
      expect(widest(helpText(w)), `width ${w}`).toBeLessThanOrEqual(w);
      expect(widest(helpFor('export', w)), `help export at ${w}`).toBeLessThanOrEqual(w);
      for (const s of SYNOPSES) expect(flat(helpText(w))).toContain(s);
    }
  });

  it('`help COMMAND` fits 80 columns too, its text wrapped', () => {
    for (const c of ['replay', 'export', 'resume', 'usage']) expect(widest(helpFor(c)), c).toBeLessThanOrEqual(80);
  });

  it('the CLI lays it out for $COLUMNS (its output is no terminal): 200 gives 80, 60 gives 60', { timeout: 60_000 }, () => {
    const wide = runCli(['--help']); // runCli sets COLUMNS=200
    expect(wide.code).toBe(0);
    expect(widest(wide.stdout)).toBeLessThanOrEqual(80);
    expect(wide.stdout).toContain('\n      moves it to <home>/.trash/\n');
    const narrow = runCli(['help'], { env: { COLUMNS: '60' } });
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(60);
    expect(widest(runCli(['help', 'export'], { env: { COLUMNS: '60' } }).stdout)).toBeLessThanOrEqual(60);
  });
});
