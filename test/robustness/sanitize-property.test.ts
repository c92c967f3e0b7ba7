/**
 * Hostile case "escape payloads and invisible characters" as properties
 * (issue 9, deliver 2): whatever text a log holds, sanitize's output holds no
 * ESC, BEL, 8-bit CSI (0x9B) or OSC (0x9D), no invisible character survives
 * unmarked, sanitize is idempotent, and printable text is left as it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertJson } from '../../src/format/json.js';
import { sanitize } from '../../src/format/sanitize.js';

/** Control and invisible characters a payload is built from. */
const HOSTILE = [
  '\x1b', '\x07', '\x9b', '\x9d', '\x90', '\x9f', '\r', '\x00', '\x7f', '\u061c', '\u200e', '\u202e', '\u2066', '\u2028',
  '\u200b', '\u200c', '\u200d', '\u2060', '\u2063', '\ufeff', '\u{e0001}', '\u{e0041}', '\u{e007f}', '\ud800', '\udc00',
];
/** Printable text that must pass unchanged: CJK, Hangul, accents, combining marks, emoji (ZWJ sequences, flags, keycaps, tones). */
const PRINTABLE = [
  'a', 'Z', ' ', '\n', '\t', '日本語', '한국어', 'café', 'e\u0301', 'n\u0303\u0323', '😀', '👩‍💻', '👨‍👩‍👧‍👦', '🏃‍♀️', '👍🏽', '🇯🇵', '❤️', '1️⃣',
  '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', 'Ωμέγα', 'עברית',
];

const hostileText = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...PRINTABLE), fc.string({ unit: 'binary' })), { maxLength: 40 }).map((a) => a.join(''));
const printableText = fc.array(fc.constantFrom(...PRINTABLE), { maxLength: 40 }).map((a) => a.join(''));

const FORBIDDEN_BYTES = [0x1b, 0x07, 0x9b, 0x9d];
/** Invisible characters that may only appear inside an emoji ZWJ sequence or a subdivision flag. */
const INVISIBLE = /[\u200b\u200c\u2060-\u2064\ufeff]|(?<!\p{Extended_Pictographic}[\u{fe0f}\u{1f3fb}-\u{1f3ff}]?)\u200d|\u200d(?!\p{Extended_Pictographic})/u;

function hasForbiddenByte(text: string): boolean {
  const bytes = Buffer.from(text, 'utf8');
  // As UTF-8, 0x9B/0x9D appear inside multi-byte sequences; what matters is the code point, and raw C1 as one.
  for (const ch of text) if (FORBIDDEN_BYTES.includes(ch.codePointAt(0)!)) return true;
  return bytes.includes(0x1b) || bytes.includes(0x07);
}

/** Tag characters outside a well-formed subdivision flag. */
function hasLooseTag(text: string): boolean {
  const stripped = text.replace(/\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,7}\u{E007F}/gu, '');
  return /[\u{E0000}-\u{E007F}]/u.test(stripped);
}

describe('robustness: the sanitize boundary (properties)', () => {
  for (const singleLine of [false, true]) {
    const mode = singleLine ? 'single-line' : 'multi-line';
    it(`${mode}: no ESC, BEL, 0x9B or 0x9D ever comes out`, () => {
      fc.assert(fc.property(hostileText, (t) => !hasForbiddenByte(sanitize(t, { singleLine }))), { numRuns: 2000 });
    });

    it(`${mode}: no invisible character survives unmarked`, () => {
      fc.assert(fc.property(hostileText, (t) => {
        const out = sanitize(t, { singleLine });
        return !INVISIBLE.test(out) && !hasLooseTag(out) && !/\p{Surrogate}/u.test(out);
      }), { numRuns: 2000 });
    });

    it(`${mode}: sanitize is idempotent`, () => {
      fc.assert(fc.property(hostileText, (t) => {
        const once = sanitize(t, { singleLine });
        return sanitize(once, { singleLine }) === once;
      }), { numRuns: 2000 });
    });
  }

  it('printable text (CJK, emoji, combining marks) is unchanged', () => {
    fc.assert(fc.property(printableText, (t) => sanitize(t) === t), { numRuns: 1000 });
  });

  it('inert JSON escapes the same invisible characters and still parses to the same value', () => {
    fc.assert(fc.property(hostileText, (t) => {
      const json = inertJson(JSON.stringify({ t }));
      return !INVISIBLE.test(json) && !hasLooseTag(json) && (JSON.parse(json) as { t: string }).t === t;
    }), { numRuns: 1000 });
  });
});
