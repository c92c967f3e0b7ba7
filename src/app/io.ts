/** Where commands write: injectable so tests and the fzf-style mode can redirect. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Width for text tables (COLUMNS or the terminal), null = unlimited. */
  columns: number | null;
}

export function processIo(): Io {
  const fromEnv = Number(process.env.COLUMNS);
  const columns = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : process.stdout.isTTY ? process.stdout.columns : null;
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    columns,
  };
}

/**
 * Characters JSON.stringify leaves raw that a terminal would still act on:
 * C1 controls, bidi overrides and isolates, line/paragraph separators.
 */
const UNSAFE_IN_JSON = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON for stdout: pretty, and inert in a terminal (the escapes above are still valid JSON). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
