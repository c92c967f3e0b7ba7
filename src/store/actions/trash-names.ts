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
import { closeSync, openSync, readSync } from 'node:fs';
import { isValidSessionId } from '../project.js';

/** Whose copy a trash file is: the session `id` it restores as, and its copy number (1: `<id>.jsonl`). */
export interface TrashName {
  id: string;
  copy: number;
}

const COPY = /^(.+)~([1-9]\d*)$/;
const OLD_COPY = /^(.+)\.([1-9]\d*)$/;

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
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      text = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0]!;
  try {
    const r = JSON.parse(first) as Record<string, unknown>;
    if (typeof r.session_id === 'string') return r.session_id;
    return r.type === 'meta' && typeof r.id === 'string' ? r.id : null;
  } catch {
    return null;
  }
}
