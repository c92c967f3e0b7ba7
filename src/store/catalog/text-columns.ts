/**
 * The full-text index's vocabulary, free of SQLite: what a read pass hands
 * the index (TextWrite), how text becomes the two FTS columns (CJK runs as
 * bigrams), and the read interface the search uses (FullTextIndex). The
 * tables themselves are in text-index.ts; keeping this apart keeps the
 * library's public types free of the better-sqlite3 typings.
 */
import type { SessionSummary } from '../types.js';

/** Chunks per file: rowid = file number × this + seq (22 bits: 4 M chunks of 4 KB = 16 GB of text per session). */
export const SEQ_SPAN = 2 ** 22;

/** What one read pass of a file adds to the index. */
export interface TextWrite {
  /** True when the file was read from its start: its old chunks are dropped first. */
  fresh: boolean;
  /** The meta document (title, id, workspace, model), replaced on every write. */
  meta: string;
  /** New content chunks, appended after the file's earlier ones. */
  chunks: readonly string[];
}

/** The meta document of a session: what a title/id search finds. */
export function metaText(s: Pick<SessionSummary, 'title' | 'id' | 'workspace' | 'model'>): string {
  return [s.title, s.id, s.workspace ?? '', s.model].filter(Boolean).join('\n');
}

/**
 * The meta document of a session read without its text (text policy
 * 'appends', a cold listing): {@link metaText} plus its first and last
 * prompts, which the summary holds anyway. Until the text is indexed (and
 * this document replaced by {@link metaText}), a search finds the session
 * by what the list shows of it: a title on screen found nothing before.
 */
export function pendingMetaText(s: Pick<SessionSummary, 'title' | 'id' | 'workspace' | 'model' | 'firstPrompt' | 'lastPrompt'>): string {
  return [metaText(s), s.firstPrompt, s.lastPrompt === s.firstPrompt ? '' : s.lastPrompt].filter(Boolean).join('\n');
}

/**
 * Two writes of the same file not yet committed, as one: a fresh newer
 * write (or a `'forget'`) replaces the older; an appending one adds its
 * chunks after the older's, and the newer meta wins. (An appending write
 * never follows a `'forget'`: text is only appended to a file indexed whole.)
 */
export function mergeTextWrites(older: TextWrite | 'forget' | undefined, newer: TextWrite | 'forget'): TextWrite | 'forget' {
  if (!older || older === newer || newer === 'forget' || newer.fresh) return newer;
  if (older === 'forget') return 'forget';
  return { fresh: older.fresh, meta: newer.meta, chunks: [...older.chunks, ...newer.chunks] };
}

/** Scripts written without spaces between words (plus the marks that live inside their runs). */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3007\u30fc\uff70]+/gu;

/** True when `s` holds a CJK character. */
export function hasCjk(s: string): boolean {
  CJK_RUN.lastIndex = 0;
  return CJK_RUN.test(s);
}

/** The CJK runs of `s`, in order. */
export function cjkRuns(s: string): string[] {
  return s.match(CJK_RUN) ?? [];
}

/** Overlapping bigrams of a CJK run (code points); a single character is its own token. */
export function cjkBigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The two FTS columns of a text: it with CJK runs blanked, and the bigrams of those runs. */
export function ftsColumns(text: string): { text: string; cjk: string } {
  CJK_RUN.lastIndex = 0;
  if (!CJK_RUN.test(text)) return { text, cjk: '' };
  const grams: string[] = [];
  const plain = text.replace(CJK_RUN, (run) => {
    grams.push(...cjkBigrams(run));
    return ' ';
  });
  return { text: plain, cjk: grams.join(' ') };
}

/** One indexed file as the search sees it. */
export interface IndexedFile {
  path: string;
  projectId: string;
}

/**
 * What the search reads from a full-text index (text-index.ts implements
 * it). Methods may throw a SqliteError when the database fails; the search
 * then falls back to substrings.
 */
export interface FullTextIndex {
  /**
   * Files (by number) whose documents match the FTS5 expression `expr`,
   * each with `META` and/or `CONTENT` set. `expr` must be built from quoted
   * strings only (search/fts-query.ts).
   */
  match(expr: string): Map<number, number>;
  /** Text of the first content chunk of file `no` matching `expr`, or null. */
  firstChunk(no: number, expr: string): string | null;
  /** Indexed terms in [from, to) with the number of documents (chunks) holding each. */
  vocabulary(from: string, to: string): { term: string; doc: number }[];
  /** Every indexed file by number. */
  fileMap(): Map<number, IndexedFile>;
}

/** {@link FullTextIndex.match} flag: the meta document (title, id, workspace, model) matched. */
export const META = 1;
/** {@link FullTextIndex.match} flag: a content chunk matched. */
export const CONTENT = 2;
