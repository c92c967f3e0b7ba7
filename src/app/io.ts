import { inertJson } from '../format/json.js';
import { writableSink, type TextSink } from '../store/actions/text-sink.js';

/** Where commands write: injectable so tests and the fzf-style mode can redirect. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Width for text tables (COLUMNS or the terminal), null = unlimited. */
  columns: number | null;
  /**
   * Standard output as a streaming sink (replay, export): writes wait for
   * 'drain'. Optional: without it, `outSink` falls back to `out` line by line.
   */
  sink?: () => TextSink;
}

/**
 * The sink streamed commands write stdout through: `io.sink()` when the Io
 * has one, else complete lines handed to `io.out` (which then adds no
 * newline of its own), and a last partial line on `end()`.
 */
export function outSink(io: Io): TextSink {
  if (io.sink) return io.sink();
  let pending = '';
  return {
    write: async (chunk) => {
      pending += chunk;
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) return;
      io.out(pending.slice(0, cut + 1));
      pending = pending.slice(cut + 1);
    },
    end: async () => {
      if (pending) io.out(pending);
      pending = '';
    },
  };
}

export function processIo(): Io {
  const fromEnv = Number(process.env.COLUMNS);
  const columns = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : process.stdout.isTTY ? process.stdout.columns : null;
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    columns,
    sink: () => writableSink(process.stdout, { close: false }),
  };
}

/** JSON for stdout: pretty, and inert in a terminal (see inertJson). */
export function toJson(value: unknown): string {
  return inertJson(JSON.stringify(value, null, 2));
}
