/** Hostile case "invisible characters pass unmarked" (issue 9): zero-width characters, a BOM inside text and tag characters are marked. */
import { describe, expect, it } from 'vitest';
import { inertJson } from '../../src/format/json.js';
import { sanitize } from '../../src/format/sanitize.js';

describe('robustness: invisible characters are marked', () => {
  it('zero-width space, non-joiner, joiner, word joiner and a BOM inside text', () => {
    expect(sanitize('a\u200bb\u200cc\u200dd\u2060e\ufefff')).toBe('a⟦U+200B⟧b⟦U+200C⟧c⟦U+200D⟧d⟦U+2060⟧e⟦U+FEFF⟧f');
    expect(sanitize('rm\u200b -rf', { singleLine: true })).toBe('rm⟦U+200B⟧ -rf');
  });

  it('tag characters (hidden instructions) are shown one by one', () => {
    const hidden = [...'ignore'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(sanitize(`ok${hidden}`)).toBe('ok⟦U+E0069⟧⟦U+E0067⟧⟦U+E006E⟧⟦U+E006F⟧⟦U+E0072⟧⟦U+E0065⟧');
  });

  it('emoji ZWJ sequences and subdivision flags still draw', () => {
    const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    for (const t of ['👩‍💻', '👨‍👩‍👧‍👦', '🏃‍♀️', '👩🏽‍🚀', england]) expect(sanitize(t)).toBe(t);
    // A flag's tag run with something hidden after it is not a flag.
    expect(sanitize('\u{1F3F4}\u{E0041}\u{E007F}')).toBe('\u{1F3F4}⟦U+E0041⟧⟦U+E007F⟧');
  });

  it('JSON output escapes them and still parses to the same value', () => {
    const text = 'a\u200bb\u{e0041}';
    const json = inertJson(JSON.stringify({ text }));
    expect(json).toBe('{"text":"a\\u200bb\\udb40\\udc41"}');
    expect(JSON.parse(json)).toEqual({ text });
  });
});
