/**
 * Masks values shaped like API keys, tokens and private keys (issue 9,
 * "secrets are shown and exported in clear"). Logs hold what agents saw:
 * a key pasted into a prompt, a token echoed by a tool. The browser and the
 * exports show `sk-…[secret: 48 chars]` instead, unless asked to reveal.
 *
 * Pure and idempotent: a masked value never matches again (the mark holds
 * no key characters right after its prefix, and a PEM mark lacks the
 * header's closing dashes). Ordinary text is left alone: a key must start
 * at a word boundary and look random (see `looksRandom`).
 */

/** The mark left for a secret of `length` characters that began with `prefix`. */
export const secretMark = (prefix: string, length: number): string => `${prefix}…[secret: ${length} chars]`;

/** A random-looking key body: a digit, and a run of 16 letters and digits (`sk-learn-2024-notes` is text, not a key). */
const looksRandom = (body: string): boolean => /\d/.test(body) && /[A-Za-z0-9]{16}/.test(body);

interface Rule {
  pattern: RegExp;
  /** The mark for one match, or null to leave it (not a secret after all). */
  mask: (match: string, groups: string[]) => string | null;
}

const RULES: readonly Rule[] = [
  {
    // PEM private keys, whole; one cut short is masked to the end of its text (or a quote, where JSON holds it).
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[^"]*?(?:-----END \1PRIVATE KEY-----|(?=")|$)/g,
    mask: (m, [kind]) => secretMark(`-----BEGIN ${kind ?? ''}PRIVATE KEY`, m.length),
  },
  {
    // Authorization headers, as text or as JSON (escaped or not): the credential after the scheme.
    // `\s*(?:\\?["']\s*)?`, not `\s*(?:\\?["'])?\s*`: two optional runs of spaces side by side backtracked over
    // each other, quadratic on a long run of spaces after "authorization:" (0.2 s a prompt of 200,000).
    pattern: /(authorization(?:\\?["'])?\s*[:=]\s*(?:\\?["']\s*)?(?:(?:bearer|basic|token|bot)\s+)?)((?:(?!authorization)[^\s"'\\…]){8,})/gi,
    // A word of prose ("Authorization: required") is not a credential: one has a digit or is long.
    // The credential stops before another header's name, so text glued to one never hides the next.
    mask: (_m, [head, token]) => (/\d/.test(token!) || token!.length >= 20 ? `${head}…[secret: ${token!.length} chars]` : null),
  },
  {
    pattern: /(?<![A-Za-z0-9_-])(sk-ant-|sk-proj-|sk-)([A-Za-z0-9_-]{20,})/g,
    mask: (m, [prefix, body]) => (looksRandom(body!) ? secretMark(prefix === 'sk-proj-' ? 'sk-' : prefix!, m.length) : null),
  },
  {
    pattern: /(?<![A-Za-z0-9_])(gh[pousr]_)([A-Za-z0-9]{20,})/g,
    mask: (m, [prefix]) => secretMark(prefix!, m.length),
  },
  {
    pattern: /(?<![A-Za-z0-9_])(github_pat_)([A-Za-z0-9_]{20,})/g,
    mask: (m, [prefix]) => secretMark(prefix!, m.length),
  },
  {
    pattern: /(?<![A-Za-z0-9])(AKIA|ASIA)([0-9A-Z]{16})(?![0-9A-Za-z])/g,
    mask: (m, [prefix]) => secretMark(prefix!, m.length),
  },
  {
    pattern: /(?<![A-Za-z0-9_])(xox[abpr]-)([A-Za-z0-9-]{10,})/g,
    mask: (m, [prefix, body]) => (/\d/.test(body!) ? secretMark(prefix!, m.length) : null),
  },
];

/** A cheap test first: most text holds none of the markers, and is returned as it is. */
const ANY = /PRIVATE KEY|authorization|sk-|gh[pousr]_|github_pat_|AKIA|ASIA|xox[abpr]-/i;

/**
 * `text` with every secret-shaped value replaced by its mark: the prefix
 * that names the kind, then `…[secret: N chars]` (N the length of what was
 * hidden). Never shows more of a secret than its prefix.
 */
export function maskSecrets(text: string): string {
  if (!ANY.test(text)) return text;
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // No named groups: the captures, then the offset and the whole text.
      return rule.mask(match, rest.slice(0, -2) as string[]) ?? match;
    });
  }
  return out;
}

/** How far past a cut a secret may run and still be kept whole before it (a key; a PEM private key is longer). */
const KEEP_WHOLE_CHARS = 512;

/**
 * Where to cut `text` at about `at` so that no secret is split: `at`
 * itself; or, for a value {@link maskSecrets} would hide that runs across
 * `at`, its end when it ends within KEEP_WHOLE_CHARS past `at` (kept whole,
 * so the mask shows its kind and length where the text is shown), else its
 * start. A title or a prompt cut at 100 characters through a key kept its
 * first characters, too few for maskSecrets to know it as a key
 * (`sk-ant-api03-AbCd`), and the browser showed them; cutting before the
 * key instead left a prompt that starts with one untitled. `at` is a UTF-16
 * index; `text` should run at least a key's length past it, else a key the
 * caller already cut is not seen.
 */
export function secretSafeCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length || !ANY.test(text)) return at;
  let before = at;
  let after = at;
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (start >= at || end <= at || rule.mask(m[0], m.slice(1)) === null) continue;
      if (end - at <= KEEP_WHOLE_CHARS) after = Math.max(after, end);
      else before = Math.min(before, start);
    }
  }
  return before < at ? before : after;
}

/** Whether `text` holds a value maskSecrets would hide. */
export const hasSecrets = (text: string): boolean => maskSecrets(text) !== text;

/**
 * `value` with every string in it masked (objects and arrays copied; other
 * values as they are). Depth is capped (log values are cut at 64 levels
 * where a line is parsed): deeper values are left as they are.
 */
export function maskSecretsDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (depth > 100 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskSecretsDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskSecretsDeep(v, depth + 1);
  return out as T;
}
