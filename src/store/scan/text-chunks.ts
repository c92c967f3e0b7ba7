/**
 * The searchable text of one read pass, cut into chunks for the full-text
 * index (catalog/text-index.ts). The summary fold hands every message, tool
 * argument and tool output to a {@link TextChunker}; the chunker keeps the
 * raw pieces until about a chunk's worth has arrived, then joins them and
 * collapses whitespace once for the whole chunk (not once per message: the
 * regex pass was 13 % of a cold scan when it ran per message).
 *
 * Nothing here is persisted with the fold state: a pass hands out only the
 * text it read (`SummaryResult.texts`), and the catalog appends it.
 */

/** Characters (UTF-16 units) per chunk: small enough that a snippet reads little, large enough to keep rows few. */
export const CHUNK_CHARS = 4096;
/**
 * Characters one read pass hands to the index at most (32 Mi UTF-16 units,
 * 64 MB in memory): a pass holds its text until the catalog writes it, so a
 * 1 GB session read cold must not hold a gigabyte of text. What a pass reads
 * beyond it is not indexed (each later append is indexed again, up to the
 * same limit); see {@link TextChunker.dropped}.
 */
export const PASS_TEXT_CHARS = 32 * 1024 * 1024;
/** What a user is told of a session whose text went past {@link PASS_TEXT_CHARS} (SessionSummary.unindexedChars > 0): browser preview, search, doctor. */
export const UNINDEXED_NOTE = `text past ${PASS_TEXT_CHARS / 2 ** 20} Mi characters of this session is not searchable`;
/** A cut looks this far back for a space, so words are rarely split across chunks. */
const SNAP_BACK = 256;

/** Where the fold's searchable text goes. */
export interface TextSink {
  /** One piece of text (raw; blank pieces are ignored). */
  add(text: string): void;
}

/**
 * Collects text into chunks of at most {@link CHUNK_CHARS} characters,
 * whitespace runs collapsed to one space, trimmed. Pieces are joined by a
 * space. A message of any size is indexed whole, up to
 * {@link PASS_TEXT_CHARS} per pass.
 */
export class TextChunker implements TextSink {
  private pieces: string[] = [];
  private pending = 0;
  private kept = 0;
  private readonly done: string[] = [];
  /** Characters not kept because the pass reached {@link PASS_TEXT_CHARS}. */
  dropped = 0;

  constructor(private readonly limit = PASS_TEXT_CHARS) {}

  add(text: string): void {
    if (!text) return;
    if (this.kept + text.length > this.limit) {
      const room = Math.max(0, this.limit - this.kept);
      this.dropped += text.length - room;
      if (room === 0) return;
      text = text.slice(0, room);
    }
    this.kept += text.length;
    this.pieces.push(text);
    this.pending += text.length + 1;
    if (this.pending >= CHUNK_CHARS) this.cut(false);
  }

  /** The chunks so far, the last (short) one included; the chunker is empty afterwards. */
  take(): string[] {
    this.cut(true);
    const out = this.done.splice(0);
    return out;
  }

  /** Collapses what waits and moves whole chunks out; unless `all`, a short remainder keeps waiting. */
  private cut(all: boolean): void {
    if (this.pieces.length === 0) return;
    const text = (this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join(' ')).replace(/\s+/g, ' ').trim();
    this.pieces = [];
    this.pending = 0;
    let start = 0;
    while (text.length - start > CHUNK_CHARS) {
      let end = start + CHUNK_CHARS;
      const space = text.lastIndexOf(' ', end);
      if (space > end - SNAP_BACK) end = space;
      else if (isLowSurrogate(text.charCodeAt(end))) end--; // never half a pair
      this.done.push(text.slice(start, end).trim());
      start = end;
    }
    const rest = text.slice(start).trim();
    if (!rest) return;
    if (all) this.done.push(rest);
    else {
      this.pieces.push(rest);
      this.pending = rest.length;
    }
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
