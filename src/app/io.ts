import { inertJson } from '../format/json.js';

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

/** JSON for stdout: pretty, and inert in a terminal (see inertJson). */
export function toJson(value: unknown): string {
  return inertJson(JSON.stringify(value, null, 2));
}
