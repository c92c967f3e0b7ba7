import { describe, expect, it } from 'vitest';
import { inertJson } from '../src/format/json.js';

describe('inertJson', () => {
  it('escapes what a terminal or a line splitter would act on, and parses back to the same value', () => {
    const value = { t: 'a\u202Eb\u2028c\u009bd\u200fe 日本 🐛' };
    const text = inertJson(JSON.stringify(value));
    expect(text).not.toMatch(/[\u0080-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\\u202e');
    expect(text).toContain('日本 🐛');
    expect(JSON.parse(text)).toEqual(value);
  });
});
