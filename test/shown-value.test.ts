/**
 * A new user's report: `show $(python3 -c 'print("a"*5000)')` answered
 * with the id echoed back (cut at an arbitrary 80 characters with nothing
 * saying so there; `usage aaaa…` and an unknown option echoed all 5,000).
 * Every message that shows a value the user gave now shows it through one
 * helper: sanitized, its first 40 columns, `…` and how long it was.
 */
import { describe, expect, it } from 'vitest';
import { SHOWN_VALUE_COLUMNS, shownValue } from '../src/format/shown-value.js';
import { displayWidth } from '../src/format/width.js';
import { runCli } from './helpers/cli.js';

describe('shownValue', () => {
  it('shows a short value as it is, quoted JSON-style when asked', () => {
    expect(shownValue('abc')).toBe('abc');
    expect(shownValue('a b', { quote: true })).toBe('"a b"');
    expect(shownValue('say "hi"', { quote: true })).toBe('"say \\"hi\\""');
    expect(shownValue('', { quote: true })).toBe('""');
    const uuid = '019c8a59-e9dd-71f0-9ae3-4079fe9726a9';
    expect(shownValue(uuid)).toBe(uuid);
  });

  it('cuts a long value to its first 40 columns, then says how long it was', () => {
    expect(shownValue('a'.repeat(5000), { quote: true })).toBe(`"${'a'.repeat(40)}…" (5,000 characters)`);
    expect(shownValue('b'.repeat(41))).toBe(`${'b'.repeat(40)}… (41 characters)`);
    expect(shownValue('b'.repeat(40))).toBe('b'.repeat(40));
  });

  it('measures in columns and counts characters, never splitting one', () => {
    // Two columns each: 20 of them fill the 40.
    expect(shownValue('修'.repeat(30))).toBe(`${'修'.repeat(20)}… (30 characters)`);
    const emoji = shownValue('👩‍💻'.repeat(25));
    expect(emoji).toBe(`${'👩‍💻'.repeat(20)}… (75 characters)`);
  });

  it('sanitizes: control characters are markers, a line break ⏎ and a tab ⇥ (never a space: "1⏎2" is not "1 2"), and a cut never falls inside a marker', () => {
    expect(shownValue('\u001b[2Jx\ny')).toBe('␛[2Jx⏎y');
    expect(shownValue(' é\t\r\nb\uFEFF ', { quote: true })).toBe('" é⇥⏎b⟦U+FEFF⟧ "');
    expect(shownValue('1\n2', { quote: true })).toBe('"1⏎2"');
    // 35 columns, then a bidi override whose marker (⟦U+202E⟧, 8 columns) would cross the 40: cut before it.
    const cut = shownValue(`${'a'.repeat(35)}\u202Ebbbbbbbbbb`);
    expect(cut).toBe(`${'a'.repeat(35)}… (46 characters)`);
    expect(shownValue('ab\u202Ecd')).toBe('ab⟦U+202E⟧cd');
    expect(displayWidth(shownValue('x'.repeat(10_000)).split('…')[0]!)).toBe(SHOWN_VALUE_COLUMNS);
  });
});

describe('on the command line: a long value given is cut in the message, the exit code kept', () => {
  const long = 'a'.repeat(5000);
  const run = (args: string[]) => runCli(args, { env: { SESSION_BROWSER_NOW: '2026-11-21T12:00:00Z' } });
  const shown = `"${'a'.repeat(40)}…" (5,000 characters)`;

  it.each([
    ['an invalid id', ['--demo', 'show', long], `invalid session id ${shown}: ids are`],
    ['an invalid id to delete', ['--demo', 'delete', long], `invalid session id ${shown}`],
    ['an unexpected argument', ['--demo', 'usage', long], `unexpected argument ${shown}`],
    ['an unknown command', [long], `unknown command ${shown}; commands:`],
    ['an unknown option', ['--demo', 'list', `--${long}`], `unknown option "--${'a'.repeat(38)}…" (5,002 characters)`],
    ['a bad --since', ['--demo', 'usage', '--since', long], `bad --since ${shown}: unknown form`],
    ['a bad --tz', ['--demo', '--tz', long, 'list'], `unknown time zone ${shown}: use an IANA name`],
    ['a bad --limit', ['--demo', 'list', '--limit', long], `--limit takes a positive whole number, not ${shown}`],
    ['a bad --source', ['--demo', '--source', long, 'list'], `--source takes a comma list of native, claude, codex, gemini, not ${shown}`],
  ])('%s: exit 2, one short line', (_name, args, expected) => {
    const res = run(args);
    expect(res.code).toBe(2);
    const [first, hint] = res.stderr.split('\n');
    expect(first).toContain(expected);
    expect(first!.length).toBeLessThan(250);
    expect(hint).toBe("Run 'session-browser --help' for usage.");
  });

  it('a valid id that names no session: exit 1, cut the same way', () => {
    const res = run(['--demo', 'show', 'b'.repeat(120)]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`no session ${'b'.repeat(40)}… (120 characters) under `);
    // A short one is shown whole, as before.
    expect(run(['--demo', 'show', 'nope']).stderr).toContain('no session nope under ');
  });
});
