import { describe, expect, it } from 'vitest';
import { escapeControls, inertJson, JSON_ERROR_EXCERPT_MAX, jsonErrorMessage } from '../src/format/json.js';

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

describe('jsonErrorMessage', () => {
  /** What JSON.parse throws for `text`. */
  const parseError = (text: string): unknown => {
    try {
      JSON.parse(text);
    } catch (err) {
      return err;
    }
    throw new Error('parsed');
  };

  it("writes the file's line breaks and controls in the quote as escapes: one line", () => {
    expect(jsonErrorMessage(parseError('not json\n'))).toBe('Unexpected token \'o\', "not json\\n" is not valid JSON');
    const evil = jsonErrorMessage(parseError('x\u001b]0;t\u0007\r\n'));
    expect(evil).not.toMatch(/[\u0000-\u001f]/);
    expect(evil).toContain('"x\\u001b]0;t\\u0007\\r\\n"');
  });

  it('cuts a long quote, never inside an escape, and marks the cut as V8 does', () => {
    const controls = '\u0001\u0002\u0003\u0004\u0005\u0006\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016';
    const msg = jsonErrorMessage(parseError(controls));
    const quote = /"(.*)"\.\.\. is not valid JSON$/.exec(msg)?.[1];
    expect(quote).toBe('\\u0001\\u0002\\u0003\\u0004');
    expect(quote!.length).toBeLessThanOrEqual(JSON_ERROR_EXCERPT_MAX);
    // V8's own cut of a long file stays marked.
    expect(jsonErrorMessage(parseError(`n${'x'.repeat(40)}`))).toMatch(/"nx+"\.\.\. is not valid JSON$/);
  });

  it('leaves a message without a quote as it is, controls escaped', () => {
    expect(jsonErrorMessage(parseError('{"a": 1'))).toBe(String((parseError('{"a": 1') as Error).message));
    expect(jsonErrorMessage(new Error('a\nb\u009b'))).toBe('a\\nb\\u009b');
    expect(escapeControls('tab\there\u2028')).toBe('tab\\there\\u2028');
  });
});
