import { describe, expect, it } from 'vitest';
import { codeFence, containMarkdown, inlineCode } from '../src/format/fence.js';

describe('codeFence', () => {
  it('uses three backticks for plain text', () => {
    expect(codeFence('hello', 'json')).toBe('```json\nhello\n```');
    expect(codeFence('ends\n')).toBe('```\nends\n```');
  });

  it('opens with a longer fence than any backtick run inside', () => {
    const text = 'before\n```\n# not a heading\n`````\nafter';
    const block = codeFence(text);
    expect(block.startsWith('``````\n')).toBe(true);
    expect(block.endsWith('\n``````')).toBe(true);
    expect(block.slice(7, -6)).toBe(`${text}\n`);
  });
});

describe('inlineCode', () => {
  it('wraps text so inner backticks cannot end the span', () => {
    expect(inlineCode('read_file')).toBe('`read_file`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(inlineCode('')).toBe('` `');
  });
});

describe('containMarkdown', () => {
  it('closes a fence a message left open', () => {
    expect(containMarkdown('Here:\n```python\nprint(1)')).toBe('Here:\n```python\nprint(1)\n```');
    expect(containMarkdown('~~~~\nx\n')).toBe('~~~~\nx\n~~~~');
  });

  it('leaves balanced fences and ordinary markdown alone', () => {
    const text = '# Plan\n\n- one\n- two\n\n```js\nlet a = `x`;\n```\n\n`inline` code';
    expect(containMarkdown(text)).toBe(text);
  });

  it('only closes on a matching fence', () => {
    // A shorter run or other fence character does not close ````.
    expect(containMarkdown('````\n```\n~~~\n')).toBe('````\n```\n~~~\n````');
  });

  it('escapes a line that would open a raw HTML block, but not inside code', () => {
    expect(containMarkdown('<!-- hide everything\nrest')).toBe('\\<!-- hide everything\nrest');
    expect(containMarkdown('```\n<div>\n```')).toBe('```\n<div>\n```');
    expect(containMarkdown('a < b')).toBe('a < b');
  });
});
