/**
 * What other agents' locations learn from the first lines of a session
 * file before any summary is read: its recorded working directory (project
 * scope), its own session id, its parent (Codex subagent threads). A
 * location reads a head once per file and keeps it in a {@link HeadMemo}
 * (persisted by the catalog), so a start-up does not re-read every file.
 */
import { open } from 'node:fs/promises';

/** Facts from a file's head; any may be missing. */
export interface HeadFacts {
  /** The recorded working directory (Claude `cwd`, Codex `session_meta.cwd`). */
  cwd?: string;
  /** The agent's own session id (Claude `sessionId`, Codex `session_meta` id, Gemini `sessionId`). */
  id?: string;
  /** The parent session or thread (a Codex subagent's `parent_thread_id`, a Claude `agent-*` file's `sessionId`). */
  parent?: string;
  /** Gemini `projectHash` (sha256 of the project root). */
  projectHash?: string;
  /** Gemini `kind` (`main`, `subagent`). */
  kind?: string;
}

/** Remembered heads, keyed by path and valid while the file keeps its inode (heads never change once written). */
export interface HeadMemo {
  get(path: string, ino: number): HeadFacts | undefined;
  set(path: string, ino: number, facts: HeadFacts): void;
  /** Persists what changed, if the memo persists at all. Never throws. */
  save?(): void;
}

/** A memo that lives as long as the process: the default. */
export function memoryHeadMemo(): HeadMemo {
  const map = new Map<string, { ino: number; facts: HeadFacts }>();
  return {
    get: (path, ino) => {
      const hit = map.get(path);
      return hit && hit.ino === ino ? hit.facts : undefined;
    },
    set: (path, ino, facts) => void map.set(path, { ino, facts }),
  };
}

/** Bytes of a file's head read to find its facts: 256 KB. */
export const HEAD_BYTES = 256 * 1024;

/**
 * The JSON objects among the first complete lines of `path` (at most
 * `maxLines`, within `maxBytes`). Lines that are not JSON objects are
 * skipped; a line cut by the byte limit is dropped. Throws what the file
 * system throws.
 */
export async function readHeadRecords(path: string, maxLines = 40, maxBytes = HEAD_BYTES): Promise<Record<string, unknown>[]> {
  const handle = await open(path, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(maxBytes);
    const { bytesRead } = await handle.read(buf, 0, maxBytes, 0);
    text = buf.subarray(0, bytesRead).toString('utf8');
    if (bytesRead === maxBytes) text = text.slice(0, text.lastIndexOf('\n') + 1);
  } finally {
    await handle.close();
  }
  const out: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (out.length >= maxLines) break;
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(v as Record<string, unknown>);
    } catch {
      // Not JSON (a pretty-printed document's line): skipped.
    }
  }
  return out;
}
