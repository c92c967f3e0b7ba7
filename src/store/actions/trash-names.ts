/**
 * Names of files in `<home>/.trash/<projectId>/`: the first copy of a
 * session is `<id>.jsonl`; when a copy with that id is already there, the
 * next is `<id>~<n>.jsonl` (n from 2). '~' is in no session id, so the name
 * alone says whose copy it is: `restore` brings it back as `<id>`, never as
 * a session of another id. Trashes made before kept later copies as
 * `<id>.<n>.jsonl`, which is a valid id itself: such a file is a copy of
 * `<id>` when its first record names `<id>` (store `meta.id`, events
 * `session_id`), else a session of its own.
 */
import { isValidSessionId } from '../project.js';
import { readHeadRecordsSync } from '../sources/common/heads.js';

/** Whose copy a trash file is: the session `id` it restores as, and its copy number (1: `<id>.jsonl`). */
export interface TrashName {
  id: string;
  copy: number;
}

const COPY = /^(.+)~([1-9]\d*)$/;
const OLD_COPY = /^(.+)\.([1-9]\d*)$/;

/**
 * A copy's name as `restore` takes it and the trash listing prints it
 * (`<id>~<n>`, the file name without `.jsonl`): the prefix of an id, which
 * the caller resolves, and the copy number (≥ 1); null when `name` has no
 * `~<n>` (then it names the session, its copy deleted last).
 */
export function parseCopyName(name: string): { id: string; copy: number } | null {
  const m = COPY.exec(name);
  return m ? { id: m[1]!, copy: Number(m[2]) } : null;
}

/** The file name (`<id>.jsonl`, `<id>~<n>.jsonl`) of copy `copy` (≥ 1) of session `id` in the trash. */
export function trashFileName(id: string, copy: number): string {
  return copy === 1 ? `${id}.jsonl` : `${id}~${copy}.jsonl`;
}

/**
 * Reads a trash file's name (`fileName`, at `path`): its session id and copy
 * number, or null when it is no session file. Only an old-style `<id>.<n>`
 * name opens the file (its first line, up to 64 KB); unreadable: a session of
 * its own.
 */
export function parseTrashName(fileName: string, path: string): TrashName | null {
  if (!fileName.endsWith('.jsonl')) return null;
  const stem = fileName.slice(0, -'.jsonl'.length);
  const copy = COPY.exec(stem);
  if (copy) return isValidSessionId(copy[1]!) && Number(copy[2]) >= 2 ? { id: copy[1]!, copy: Number(copy[2]) } : null;
  if (!isValidSessionId(stem)) return null;
  const old = OLD_COPY.exec(stem);
  if (old && Number(old[2]) >= 2 && isValidSessionId(old[1]!) && recordedId(path) === old[1]) return { id: old[1]!, copy: Number(old[2]) };
  return { id: stem, copy: 1 };
}

const HEAD_BYTES = 64 * 1024;

/** The session id the file's first record names (store `meta.id`, events `session_id`), or null (none, or unreadable). */
function recordedId(path: string): string | null {
  let first: Record<string, unknown> | undefined;
  try {
    // The first JSON object of the file, read as every source reads a head (heads.ts: BOM, a cut line, blank lines).
    first = readHeadRecordsSync(path, 1, HEAD_BYTES)[0];
  } catch {
    return null;
  }
  if (!first) return null;
  if (typeof first.session_id === 'string') return first.session_id;
  return first.type === 'meta' && typeof first.id === 'string' ? first.id : null;
}
