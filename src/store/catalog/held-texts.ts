/**
 * Rows whose text is too big for one transaction, written slice by slice.
 * The catalog has one writer, the main thread, and a browser indexes in
 * the background while the user types: a session's text (up to 32 Mi
 * characters a read) written into FTS5 in one go held the event loop for
 * over a second (17 Mi characters: 1.3 s). Such a row is held back; its
 * text goes in slices of TEXT_SLICE_CHARS, each in its own transaction
 * after a turn of the event loop; the row itself goes last, with the last
 * slice and its `textDone`, so the index never says a session is indexed
 * before all of it is. A run cut short leaves the row as it was: the next
 * run reads the file again (a fresh read drops the slices written; an
 * appended one may index its new lines twice, which only repeats a
 * snippet). While indexing is paused (text-pause.ts: a session open in the
 * replay) the slices wait, in order, and are written once it resumes.
 */
import type { FileRow } from './catalog-db.js';
import type { TextWrite } from './text-columns.js';
import type { TextPause } from './text-pause.js';

/** Characters of text written in one transaction (about 20 ms of FTS5 work). */
export const TEXT_SLICE_CHARS = 1 << 18;

/** `t` as slices of at most `maxChars` characters (a chunk is never split); the first keeps `fresh`, the others append. */
export function sliceTextWrite(t: TextWrite, maxChars = TEXT_SLICE_CHARS): TextWrite[] {
  const slices: TextWrite[] = [];
  let chunks: string[] = [];
  let chars = 0;
  for (const chunk of t.chunks) {
    if (chunks.length > 0 && chars + chunk.length > maxChars) {
      slices.push({ fresh: slices.length === 0 && t.fresh, meta: t.meta, chunks });
      chunks = [];
      chars = 0;
    }
    chunks.push(chunk);
    chars += chunk.length;
  }
  slices.push({ fresh: slices.length === 0 && t.fresh, meta: t.meta, chunks });
  return slices;
}

/** Characters of text a row writes (0 for none or 'forget'). */
export function textChars(row: FileRow): number {
  if (!row.texts || row.texts === 'forget') return 0;
  let chars = 0;
  for (const chunk of row.texts.chunks) chars += chunk.length;
  return chars;
}

interface Held {
  /** The row, its text cut to the last slice. */
  row: FileRow;
  /** The slices still to write before it, in order. */
  slices: TextWrite[];
}

/** The rows held back, and the run that writes their slices. */
export class HeldTexts {
  private readonly rows = new Map<string, Held>();
  private run: Promise<void> | null = null;

  constructor(
    /** Writes one slice in a transaction of its own; false when it could not (the rest is then not tried). */
    private readonly writeSlice: (path: string, projectId: string, slice: TextWrite) => boolean,
    /** Hands a row on once its earlier slices are written (SummaryCache puts it like any other). */
    private readonly release: (row: FileRow) => void,
    /** Called when a background run has written and released everything it held (SummaryCache commits the released rows). */
    private readonly idle: () => void = () => {},
    /** While it is paused, the background run writes nothing; {@link finishNow} and {@link finishAll} still write at once. */
    private readonly pause: Pick<TextPause, 'paused' | 'resumed'> | null = null,
  ) {}

  /** Holds `row` (whose text is over TEXT_SLICE_CHARS) and starts writing its slices after a turn of the event loop. */
  hold(row: FileRow & { texts: TextWrite }): void {
    const slices = sliceTextWrite(row.texts);
    const last = slices.pop()!;
    this.rows.set(row.path, { row: { ...row, texts: last }, slices });
    this.run ??= this.writeAll().finally(() => (this.run = null));
  }

  /** The held row of `path`, as it will be written. */
  get(path: string): FileRow | undefined {
    return this.rows.get(path)?.row;
  }

  /** Every held row. */
  all(): FileRow[] {
    return [...this.rows.values()].map((h) => h.row);
  }

  /** Writes what `path` holds now, in this turn (a new row of the same file must come after it). */
  finishNow(path: string): void {
    const held = this.rows.get(path);
    if (!held) return;
    this.rows.delete(path);
    this.writeSlices(path, held);
    this.release(held.row);
  }

  /** Writes everything held now, in this turn (a save, or a close). */
  finishAll(): void {
    for (const path of [...this.rows.keys()]) this.finishNow(path);
  }

  /** Drops a held row and its slices unwritten (its file is gone). */
  drop(path: string): void {
    this.rows.delete(path);
  }

  /** Resolves once nothing is held. */
  async drained(): Promise<void> {
    while (this.run) await this.run;
  }

  private async writeAll(): Promise<void> {
    for (;;) {
      const next = this.rows.entries().next();
      if (next.done) return this.idle();
      const [path, held] = next.value;
      while (held.slices.length > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.pause?.paused) await this.pause.resumed();
        if (this.rows.get(path) !== held) break; // finished (or dropped) meanwhile
        if (!this.writeSlice(path, held.row.projectId, held.slices.shift()!)) failed(held);
      }
      if (this.rows.get(path) !== held) continue;
      this.rows.delete(path);
      this.release(held.row);
    }
  }

  private writeSlices(path: string, held: Held): void {
    for (const slice of held.slices.splice(0)) {
      if (!this.writeSlice(path, held.row.projectId, slice)) return failed(held);
    }
  }
}

/** A slice could not be written: the row goes without its text and says so, so the next run indexes the file again. */
function failed(held: Held): void {
  held.slices = [];
  held.row = { ...held.row, texts: 'forget', textDone: false };
}
