/**
 * Issue 10 item 8: the README lists the keys generated from the key table.
 * `UPDATE_README=1 npx vitest run test/readme-keys.test.ts` rewrites the block.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS_DOC_END, KEYS_DOC_START, keysMarkdown } from '../src/app/keys-doc.js';
import { KEY_BINDINGS } from '../src/app/keys.js';
import { ROOT } from './helpers/cli.js';

const README = join(ROOT, 'README.md');

describe('README keys', () => {
  it('holds the block generated from the key table, unchanged', () => {
    const block = `${KEYS_DOC_START}\n\n${keysMarkdown()}\n\n${KEYS_DOC_END}`;
    if (process.env.UPDATE_README === '1') {
      const old = readFileSync(README, 'utf8');
      const from = old.indexOf(KEYS_DOC_START);
      writeFileSync(README, old.slice(0, from) + block + old.slice(old.indexOf(KEYS_DOC_END) + KEYS_DOC_END.length));
    }
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(KEYS_DOC_START);
    expect(start, 'the README has the keys markers').toBeGreaterThanOrEqual(0);
    expect(text.slice(start, text.indexOf(KEYS_DOC_END) + KEYS_DOC_END.length)).toBe(block);
  });

  it('the generated block names every binding', () => {
    const md = keysMarkdown();
    for (const b of KEY_BINDINGS) expect(md).toContain(b.description.replace(/\|/g, '\\|'));
  });
});
