import { inertJson } from '../format/json.js';
import { sanitize } from '../format/sanitize.js';
import { writableSink, type TextSink } from '../store/actions/text-sink.js';

/** Where commands write: injectable so tests and the fzf-style mode can redirect. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Width for text tables (the terminal's, else $COLUMNS: see outputColumns), null = not known (tables use 80). */
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

/** Characters handed to stdout at a time by {@link writeBatched}. */
const BATCH_CHARS = 64 * 1024;

/**
 * Writes `pieces` to stdout joined, a batch of about 64 KB at a time (never
 * all of them as one string); `each` maps a batch before it goes (JSON's
 * inertJson). Batches are cut between pieces only.
 */
export async function writeBatched(io: Io, pieces: Iterable<string>, each: (batch: string) => string = (b) => b): Promise<void> {
  const sink = outSink(io);
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= BATCH_CHARS) {
      await sink.write(each(batch));
      batch = '';
    }
  }
  if (batch) await sink.write(each(batch));
  await sink.end();
}

/** Writes `lines` to stdout, each with its newline, in batches ({@link writeBatched}). */
export async function writeLines(io: Io, lines: Iterable<string>): Promise<void> {
  await writeBatched(io, (function* () {
    for (const line of lines) yield `${line}\n`;
  })());
}

/**
 * The width text tables fit: the terminal's own (`stdout.columns` when stdout
 * is a TTY), else `$COLUMNS`, else null (tableWidth makes that 80). The
 * terminal wins over `$COLUMNS`, which a shell sets once and a resize leaves stale.
 */
export function outputColumns(stdout: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | null {
  if (stdout.isTTY && Number.isInteger(stdout.columns) && (stdout.columns ?? 0) > 0) return stdout.columns!;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : null;
}

export function processIo(): Io {
  const columns = outputColumns(process.stdout, process.env);
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    // Every message and warning passes here: none may carry a control sequence, whatever built it (lines kept).
    err: (text) => void process.stderr.write(sanitize(text.endsWith('\n') ? text : `${text}\n`)),
    columns,
    sink: () => writableSink(process.stdout, { close: false }),
  };
}

/** JSON for stdout: pretty, and inert in a terminal (see inertJson). */
export function toJson(value: unknown): string {
  return inertJson(JSON.stringify(value, null, 2));
}
