/**
 * The README's key reference, generated from the key table (keys.ts) and the
 * badge legend, so the document cannot drift from what the keys do: a test
 * compares the README's block with this text.
 */
import { BADGE_SECTION, HELP_SECTIONS } from './keys.js';

/** Markers around the generated block in README.md. */
export const KEYS_DOC_START = '<!-- keys: generated from src/app/keys.ts by test/readme-keys.test.ts; do not edit by hand -->';
export const KEYS_DOC_END = '<!-- /keys -->';

/** A table cell: code spans for the keys, pipes escaped. */
const cell = (s: string): string => s.replace(/\|/g, '\\|');
const keysCell = (keys: string): string =>
  keys === 'letters' || keys === 'any key' ? keys : keys.split(' ').map((k) => `\`${k.replace(/`/g, "'")}\``).join(' ');

/** Every mode's keys and the badges, as markdown (the block between the markers). */
export function keysMarkdown(): string {
  const out: string[] = [];
  for (const s of [...HELP_SECTIONS, BADGE_SECTION]) {
    out.push(`**${s.title}**`, '', '| key | what it does |', '|---|---|');
    for (const b of s.bindings) out.push(`| ${s === BADGE_SECTION ? `\`${b.keys}\`` : keysCell(b.keys)} | ${cell(b.description)} |`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
