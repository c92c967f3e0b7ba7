import { describe, expect, it } from 'vitest';
import { graphemeChunks, graphemes } from '../src/format/graphemes.js';

const reference = (text: string): string[] => [...new Intl.Segmenter().segment(text)].map((s) => s.segment);

describe('graphemes', () => {
  it('matches Intl.Segmenter across window boundaries', () => {
    // Odd lengths so clusters straddle every possible window edge.
    const units = ['日本語', 'e\u0301', '👩‍💻', '👨‍👩‍👧‍👦', '🇯🇵🇺🇸', '❤️', '1️⃣', '한국어', 'ab', '\r\n', '\uD800'];
    let text = '';
    for (let i = 0; i < 400; i++) text += units[i % units.length]! + (i % 7 === 0 ? 'x' : '');
    expect([...graphemes(text)]).toEqual(reference(text));
  });

  it('keeps a run of regional indicators paired as flags', () => {
    const flags = '🇯🇵🇺🇸🇫🇷'.repeat(101);
    const out = [...graphemes(flags)];
    expect(out).toEqual(reference(flags));
    expect(out.every((g) => g.length === 4)).toBe(true);
  });

  it('chunks rebuild the text exactly, even with a huge cluster', () => {
    const hostile = 'a' + '\u0301'.repeat(5_000) + 'b日本';
    expect([...graphemeChunks(hostile)].join('')).toBe(hostile);
    expect([...graphemes(hostile)].join('')).toBe(hostile);
    expect([...graphemeChunks('')]).toEqual([]);
  });
});
