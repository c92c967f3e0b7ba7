/**
 * Ink draws only the final frame when it thinks it runs in CI, and decides
 * that once, when it is imported (is-in-ci reads $CI / $CONTINUOUS_INTEGRATION).
 * A person at a terminal is not CI even if their shell exports CI=true, so
 * this module, imported before anything that loads Ink, hides those
 * variables while a terminal is attached; `restoreCiEnv` puts them back so
 * the resume command sees the environment it was given.
 */
const KEYS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;
const saved: Partial<Record<(typeof KEYS)[number], string>> = {};

if (process.stdin.isTTY && (process.stdout.isTTY || process.stderr.isTTY)) {
  for (const key of KEYS) {
    const value = process.env[key];
    if (value !== undefined) {
      saved[key] = value;
      process.env[key] = 'false';
    }
  }
}

export function restoreCiEnv(): void {
  for (const key of KEYS) {
    const value = saved[key];
    if (value !== undefined) process.env[key] = value;
  }
}
