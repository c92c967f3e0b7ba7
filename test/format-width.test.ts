import { describe, expect, it } from 'vitest';
import { displayWidth, fit, padEnd, padStart, truncate } from '../src/format/width.js';

describe('displayWidth', () => {
  it('counts CJK and emoji as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('👩‍💻')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('')).toBe(0);
  });
});

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('日本語', 6)).toBe('日本語');
  });

  it('cuts ASCII with an ellipsis to exactly the width', () => {
    expect(truncate('hello world', 8)).toBe('hello w…');
  });

  it('never leaves half a wide character', () => {
    expect(truncate('日本語テキスト', 5)).toBe('日本…');
    expect(displayWidth(truncate('日本語テキスト', 5))).toBe(5);
    // 4 columns: '日' + '…' is 3; a second ideograph would not fit.
    expect(truncate('日本語テキスト', 4)).toBe('日…');
  });

  it('never splits a ZWJ emoji or a combining accent', () => {
    expect(truncate('ab👩‍💻cd', 4)).toBe('ab…');
    expect(truncate('ab👩‍💻cd', 5)).toBe('ab👩‍💻…');
    expect(truncate('cafe\u0301 au lait', 5)).toBe('cafe\u0301…');
  });

  it('gives an empty string for width <= 0 and just the ellipsis for width 1', () => {
    expect(truncate('anything', 0)).toBe('');
    expect(truncate('anything', -3)).toBe('');
    expect(truncate('anything', 1)).toBe('…');
    expect(truncate('日本', 1)).toBe('…');
  });

  it('accepts another ellipsis, and cuts without one when it is too wide', () => {
    expect(truncate('hello world', 8, '...')).toBe('hello...');
    expect(truncate('hello world', 2, '...')).toBe('he');
    expect(truncate('日本語', 3, '')).toBe('日');
  });

  it('stays fast on a huge non-ASCII string', () => {
    const huge = '日本語テキスト👩‍💻'.repeat(200_000);
    const start = performance.now();
    expect(truncate(huge, 20)).toBe('日本語テキスト👩‍💻日…');
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('padding', () => {
  it('pads by display width, not string length', () => {
    expect(padEnd('日本', 6)).toBe('日本  ');
    expect(padStart('日本', 6)).toBe('  日本');
    expect(padEnd('ab', 4)).toBe('ab  ');
  });

  it('truncates first when too long', () => {
    expect(padEnd('hello world', 5)).toBe('hell…');
    expect(padStart('hello world', 5)).toBe('hell…');
  });

  it('fit always yields exactly the width, even after cutting wide text', () => {
    for (const text of ['', 'a', '日本語テキスト', '👩‍💻👩‍💻👩‍💻', 'plain ascii text']) {
      for (const w of [1, 2, 3, 4, 5, 9]) {
        expect(displayWidth(fit(text, w))).toBe(w);
        expect(displayWidth(fit(text, w, 'right'))).toBe(w);
      }
    }
    expect(fit('日本語テキスト', 4)).toBe('日… ');
    expect(fit('42', 5, 'right')).toBe('   42');
  });
});

describe('long text', () => {
  it('measures a 100k-character CJK/emoji string in linear time', () => {
    // Intl.Segmenter in Node 20 is quadratic on one long string: ~30 s here.
    const text = '日本語テキスト👩‍💻'.repeat(10_000);
    const start = performance.now();
    expect(displayWidth(text)).toBe(160_000); // 7 wide chars + 1 emoji, 2 columns each
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
