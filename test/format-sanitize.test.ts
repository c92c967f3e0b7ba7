import { describe, expect, it } from 'vitest';
import { collapseWhitespace, sanitize } from '../src/format/sanitize.js';

/** Anything a terminal would act on or that reorders text, besides \n and \t. */
const DANGEROUS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

describe('sanitize', () => {
  it('neutralises a hostile mix of OSC, CSI, bidi override and C1', () => {
    const hostile = '\x1b]0;pwned\x07\x1b[2J\x1b[31mred\u202Eevil\x9b';
    const out = sanitize(hostile);
    expect(out).not.toMatch(DANGEROUS);
    expect(out).toBe('␛]0;pwned␇␛[2J␛[31mred⟦U+202E⟧evil⟦U+009B⟧');
  });

  it('neutralises an OSC 52 clipboard write, leaving the payload visible', () => {
    const osc52 = '\x1b]52;c;cm0gLXJmIH4K\x07';
    const out = sanitize(osc52);
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
    expect(out).toBe('␛]52;c;cm0gLXJmIH4K␇');
    // The ST-terminated form too.
    expect(sanitize('\x1b]52;c;AAAA\x1b\\')).toBe('␛]52;c;AAAA␛\\');
  });

  it('shows C0 controls as control pictures and DEL as ␡', () => {
    expect(sanitize('a\x00b\x08c\x7fd')).toBe('a␀b␈c␡d');
    expect(sanitize('bell\x07')).toBe('bell␇');
  });

  it('marks every bidi control and the line/paragraph separators', () => {
    for (const ch of ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029']) {
      const out = sanitize(`x${ch}y`);
      expect(out).not.toMatch(DANGEROUS);
      expect(out).toBe(`x⟦U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧y`);
    }
  });

  it('keeps newlines and tabs in multi-line mode', () => {
    expect(sanitize('line 1\n\tindented\nline 3')).toBe('line 1\n\tindented\nline 3');
  });

  it('turns CRLF into LF but shows a lone CR (which could overwrite a line)', () => {
    expect(sanitize('a\r\nb')).toBe('a\nb');
    expect(sanitize('safe\rEVIL')).toBe('safe␍EVIL');
  });

  it('keeps CJK, accents, emoji ZWJ sequences, flags and variation selectors exactly', () => {
    const text = '日本語 テキスト — café naïve e\u0301 👩‍💻 👨‍👩‍👧‍👦 🇯🇵 ❤️ 1️⃣ 한국어';
    expect(sanitize(text)).toBe(text);
    expect(sanitize(text, { singleLine: true })).toBe(text);
  });

  it('replaces lone surrogates with U+FFFD but keeps valid pairs', () => {
    expect(sanitize('a\uD800b')).toBe('a\uFFFDb');
    expect(sanitize('a\uDC00b')).toBe('a\uFFFDb');
    expect(sanitize('end\uD83D')).toBe('end\uFFFD');
    expect(sanitize('😀')).toBe('😀');
  });

  it('single-line mode turns breaks and tabs into spaces, collapses and trims', () => {
    expect(sanitize('  Fix\tthe\n\n  flaky\r\ntest \u2028 now  ', { singleLine: true })).toBe('Fix the flaky test now');
  });

  it('single-line mode still marks escapes', () => {
    const out = sanitize('title\x1b[2J\nmore', { singleLine: true });
    expect(out).toBe('title␛[2J more');
    expect(out).not.toMatch(DANGEROUS);
  });

  it('returns plain ASCII unchanged', () => {
    const text = 'The auth test fails one run in ten. Find out why.';
    expect(sanitize(text)).toBe(text);
  });

  it('handles a large log in well under the time of a frame', () => {
    const big = 'tool output line with \x1b[32mcolour\x1b[0m and 日本語\n'.repeat(50_000);
    const start = performance.now();
    const out = sanitize(big);
    const elapsed = performance.now() - start;
    expect(out).not.toMatch(DANGEROUS);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('collapseWhitespace', () => {
  it('collapses every kind of whitespace run to one space and trims', () => {
    expect(collapseWhitespace('  a \t\n b\u3000\u00A0c  ')).toBe('a b c');
    expect(collapseWhitespace('')).toBe('');
  });
});
