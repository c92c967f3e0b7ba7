/** Duration specs of the CLI (`--max-age 2h`, `--older-than 30d`). */

/** The accepted forms, for error messages. */
export const DURATION_FORMS = 'Ns, Nm, Nh, Nd, Nw (e.g. 30m, 2h, 7d)';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses "90s", "30m", "2h", "7d", "2w" or a combination such as "1h30m" into
 * milliseconds. Whole numbers only, each unit at most once, surrounding blanks
 * ignored. Returns null for anything else (empty, "1.5h", "10", "5y", "1h1h").
 * Days and weeks are fixed 24 h / 7 × 24 h spans, not calendar days.
 */
export function parseDuration(spec: string): number | null {
  const s = spec.trim();
  if (!/^(?:\d+[smhdw])+$/.test(s)) return null;
  const seen = new Set<string>();
  let total = 0;
  for (const m of s.matchAll(/(\d+)([smhdw])/g)) {
    const unit = m[2] ?? '';
    if (seen.has(unit)) return null;
    seen.add(unit);
    total += Number(m[1]) * (UNIT_MS[unit] ?? NaN);
  }
  return Number.isSafeInteger(total) ? total : null;
}
