/**
 * A search over sessions given in memory: an in-memory SQLite full-text
 * index built from summaries and their text, for tests, fake browser
 * sources and library callers that hold sessions of their own. It uses the
 * very tables and queries of the catalog's index, so it ranks the same.
 */
import { sqlite } from '../catalog/sqlite.js';
import { metaText } from '../catalog/text-columns.js';
import { TextIndex } from '../catalog/text-index.js';
import { TextChunker } from '../scan/text-chunks.js';
import type { SessionSummary } from '../types.js';
import { SessionSearch } from './session-search.js';

/** One session to index: its summary (title, id, workspace and model are indexed too) and its text. */
export interface SearchDoc {
  summary: SessionSummary;
  /** The session's searchable text, in any number of pieces (messages, tool output, …). */
  texts?: readonly string[];
}

/**
 * A SessionSearch over `docs`, indexed in a private `:memory:` database
 * (keyed by `summary.path`: give each doc a distinct path). Without the
 * SQLite addon it is the substring fallback of SessionSearch. Cost: about
 * the time SQLite takes to index the text; nothing touches the disk.
 */
export function buildMemorySearch(docs: readonly SearchDoc[]): SessionSearch {
  const Database = sqlite();
  if (!Database) return new SessionSearch(null);
  const db = new Database(':memory:');
  const index = TextIndex.create(db);
  db.transaction(() => {
    for (const { summary, texts = [] } of docs) {
      const chunker = new TextChunker();
      for (const t of texts) chunker.add(t);
      index.write(summary.path, summary.projectId, { fresh: true, meta: metaText(summary), chunks: chunker.take() });
    }
  })();
  return new SessionSearch(index);
}
