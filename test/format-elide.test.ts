/** Model ids cut in the middle keep the ends that tell them apart (issue 10: two "anthropic/claude-sonne…" rows at 80 columns). */
import { describe, expect, it } from 'vitest';
import { elideMiddle, modelCutter } from '../src/format/elide.js';
import { displayWidth } from '../src/format/width.js';

const IDS = [
  'anthropic/claude-sonnet-4-5-20250929',
  'anthropic/claude-sonnet-4-20250514',
  'anthropic/claude-haiku-4-5-20251001',
  'anthropic/claude-opus-4-6',
  'google/gemini-3.1-pro-preview',
  'openai/gpt-5.3-codex',
];

describe('modelCutter', () => {
  for (const width of [30, 21, 12, 9]) {
    it(`at ${width} columns every id stays apart from the others and within the width`, () => {
      const cut = modelCutter(IDS);
      const shown = IDS.map((id) => cut(id, width));
      expect(new Set(shown).size).toBe(IDS.length);
      for (const s of shown) expect(displayWidth(s)).toBeLessThanOrEqual(width);
    });
  }

  it('keeps the provider and the family where there is room: "anthropic/…sonnet-4-5"', () => {
    const cut = modelCutter(IDS);
    expect(cut('anthropic/claude-sonnet-4-5-20250929', 21)).toBe('anthropic/…sonnet-4-5');
    expect(cut('anthropic/claude-sonnet-4-20250514', 21)).toBe('anthropic/…sonnet-4');
    // With room for all but the snapshot date, the date goes, marked.
    expect(cut('anthropic/claude-sonnet-4-5-20250929', 30)).toBe('anthropic/claude-sonnet-4-5…');
    expect(cut('openai/gpt-5.3-codex', 30)).toBe('openai/gpt-5.3-codex');
  });

  it('keeps the date of two snapshots of one model, the only thing telling them apart', () => {
    const ids = ['anthropic/claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5-20251101'];
    const cut = modelCutter(ids);
    expect(cut(ids[0]!, 21)).not.toBe(cut(ids[1]!, 21));
    expect(cut(ids[1]!, 21)).toMatch(/1101$/);
  });
});

describe('elideMiddle', () => {
  it('leaves what fits alone and never splits a wide character', () => {
    expect(elideMiddle('short', 10)).toBe('short');
    const cut = elideMiddle('模型/非常长的模型名字版本四', 11);
    expect(displayWidth(cut)).toBeLessThanOrEqual(11);
    expect(cut).toContain('…');
  });
});
