/**
 * Where Codex sessions are (ADAPTERS.md): `<dir>/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`
 * and `<dir>/archived_sessions/`, with `<dir>` = `--codex-dir`, else
 * `$CODEX_HOME`, else `~/.codex` (a `.jsonl.zst` copy is not read: the
 * plain `.jsonl` wins). The id is the uuid in the name (= `session_meta`
 * id); the project comes from `session_meta.cwd` (project-scope.ts); the
 * title from `session_index.jsonl` (last non-blank name per id). A
 * subagent thread (`source.subagent` with `parent_thread_id`) is a part of
 * its parent's session when the parent's file is found, else a session.
 * A rollout that is a symbolic link, and a `.jsonl` file under the
 * sessions folders not named as a rollout, are refused and named
 * (common/refused.ts), as in the native home.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { appendAll, byPath } from '../../arrays.js';
import { projectIdOf } from '../../project.js';
import type { SessionFile, SessionLocation, SessionScan, SkippedEntry } from '../format.js';
import { readHeadRecordsSync, type HeadFacts } from '../common/heads.js';
import { notASessionName, takesEntry } from '../common/refused.js';
import { defaultMemo, eachInTurns, folderProblem, headFactsSync, homeOf, wantedIds, type ForeignLocationOptions, watchedFolders } from '../common/location-kit.js';
import { projectIdOfCwd, repoRootOf } from '../common/project-scope.js';

/** The Codex home: `dir`, else `$CODEX_HOME`, else `~/.codex`. */
export function codexDir(opts: ForeignLocationOptions): string {
  const env = opts.env ?? process.env;
  return opts.dir || env.CODEX_HOME || join(homeOf(env), '.codex');
}

const ROLLOUT = /^rollout-.*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/** A rollout under `<dir>/sessions/` (live), not under `<dir>/archived_sessions/` (told apart below `dir`, whose own path may hold "/sessions/"). */
const isLive = (dir: string, path: string): boolean => path.startsWith(`${join(dir, 'sessions')}${sep}`);

/** The session's meta of a head record: a `session_meta` payload, or a legacy file's first record (an `id`, no `type`); else null. */
function metaOf(r: Record<string, unknown>): Record<string, unknown> | null {
  return (r.type === 'session_meta' && r.payload && typeof r.payload === 'object' ? r.payload : r.type === undefined && typeof r.id === 'string' ? r : null) as Record<string, unknown> | null;
}

/** A rollout's id, cwd and parent thread from its first records (read synchronously, as Claude's heads are: see the scan). */
function readCodexHead(path: string): HeadFacts {
  const facts: HeadFacts = {};
  for (const r of readHeadRecordsSync(path, 5, undefined, (record) => metaOf(record) !== null)) {
    const p = metaOf(r);
    if (p) {
      if (typeof p.cwd === 'string') facts.cwd = p.cwd;
      const id = typeof p.session_id === 'string' ? p.session_id : typeof p.id === 'string' ? p.id : undefined;
      if (id) facts.id = id;
      const source = p.source && typeof p.source === 'object' ? (p.source as Record<string, unknown>) : null;
      const sub = source?.subagent && typeof source.subagent === 'object' ? (source.subagent as Record<string, unknown>) : null;
      const parent = source?.parent_thread_id ?? sub?.parent_thread_id ?? (sub?.thread_spawn as Record<string, unknown> | undefined)?.parent_thread_id;
      if (typeof parent === 'string') facts.parent = parent;
      break;
    }
    if (!facts.cwd && r.type === 'turn_context' && r.payload && typeof (r.payload as Record<string, unknown>).cwd === 'string') facts.cwd = (r.payload as Record<string, string>).cwd;
  }
  return facts;
}

/** What {@link rollouts} says of a `.jsonl` file under the sessions folders that is not a rollout's name. */
export const NOT_A_ROLLOUT_NAME = notASessionName('a Codex rollout name (rollout-<time>-<uuid>.jsonl)');

/**
 * Rollout files under `root`, depth-first (YYYY/MM/DD folders, or flat),
 * added to `out`; the `.jsonl` files refused added to `refused`: a rollout
 * that is a symbolic link, a `.jsonl` file not named as a rollout (only
 * rollouts live there; the id is read from the name when the head has
 * none). A `.jsonl.zst` copy is no `.jsonl` file.
 */
async function rollouts(root: string, out: string[], refused: SkippedEntry[], depth = 0): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  for (const e of entries) {
    if (e.isDirectory()) {
      if (depth < 4) await rollouts(join(root, e.name), out, refused, depth + 1).catch(() => undefined);
      continue;
    }
    if (!/\.jsonl$/i.test(e.name)) continue;
    const path = join(root, e.name);
    if (takesEntry(e, path, ROLLOUT.test(e.name), refused, NOT_A_ROLLOUT_NAME)) out.push(path);
  }
}

/** Thread names from `session_index.jsonl`: the last non-blank name per id. */
async function threadNames(dir: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let text: string;
  try {
    text = await readFile(join(dir, 'session_index.jsonl'), 'utf8');
  } catch {
    return names;
  }
  for (const line of text.split('\n')) {
    try {
      const r = JSON.parse(line) as { id?: unknown; thread_name?: unknown };
      if (typeof r.id === 'string' && typeof r.thread_name === 'string' && r.thread_name.trim()) names.set(r.id, r.thread_name.trim());
    } catch {
      // a partial last line
    }
  }
  return names;
}

/** The Codex location for these options. */
export function codexLocation(opts: ForeignLocationOptions): SessionLocation {
  const memo = opts.memo ?? defaultMemo();
  const scan = async (_home: string, projectIds: string[] | null): Promise<SessionScan> => {
    const dir = codexDir(opts);
    const skipped: SkippedEntry[] = [];
    const paths: string[] = [];
    // Refused rollouts are named in every scope: they are never read, and a day folder holds every project's.
    const refused: SkippedEntry[] = [];
    let found = false;
    for (const sub of ['sessions', 'archived_sessions']) {
      try {
        await rollouts(join(dir, sub), paths, refused);
        found = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') skipped.push(...folderProblem(join(dir, sub), err, true));
      }
    }
    appendAll(skipped, refused.sort(byPath));
    if (!found && skipped.length === 0) return { files: [], skipped: folderProblem(dir, Object.assign(new Error('no such folder'), { code: 'ENOENT' }), opts.named) };
    const names = await threadNames(dir);
    // Rollouts by thread id: one as a rule; two live ones (a copied or re-created rollout) are both kept, so
    // that every file is counted (the list and `show` then name the id's files).
    const sessions = new Map<string, (SessionFile & { parent?: string })[]>();
    // Every rollout's head, with synchronous reads a few ms at a time: awaiting each stat, open, read and
    // close cost more than the calls (common/location-kit.ts eachInTurns).
    await eachInTurns(paths, (path) => {
      let facts: HeadFacts;
      try {
        facts = headFactsSync(path, memo, readCodexHead);
      } catch (err) {
        skipped.push({ path, error: (err as Error).message });
        return;
      }
      const id = facts.id ?? ROLLOUT.exec(path.slice(path.lastIndexOf('/') + 1))![1]!;
      const file: SessionFile & { parent?: string; cwd?: string } = { projectId: facts.cwd ? projectIdOfCwd(facts.cwd) : projectIdOf(dir), id, path, source: 'codex', format: 'codex' };
      if (facts.cwd) file.cwd = facts.cwd;
      if (facts.parent) file.parent = facts.parent;
      const name = names.get(id);
      if (name) file.title = name;
      const same = sessions.get(id);
      if (!same) sessions.set(id, [file]);
      // The same thread archived and live: the live one (sessions/) wins, an archived copy is never counted beside it.
      else if (isLive(dir, path)) sessions.set(id, [...same.filter((f) => isLive(dir, f.path)), file]);
    });
    memo.save?.();
    const wanted = wantedIds(projectIds, opts.aliases);
    const files: SessionFile[] = [];
    const roots: Record<string, string> = {};
    const all = [...sessions.values()].flat();
    for (const f of all) {
      // A subagent thread's usage is its parent's (the parent thread's first rollout, when it has two).
      const parent = f.parent ? sessions.get(f.parent)?.[0] : undefined;
      if (parent && parent !== f) (parent.parts ??= []).push(f.path);
    }
    for (const f of all) {
      if (f.parent && sessions.has(f.parent)) continue;
      if (wanted && !wanted.has(f.projectId)) continue;
      const { parent: _p, cwd, ...file } = f as SessionFile & { parent?: string; cwd?: string };
      if (cwd) roots[file.projectId] ??= repoRootOf(cwd);
      if (file.parts) file.parts.sort();
      files.push(file);
    }
    files.sort(byPath);
    return { files, skipped, roots };
  };
  return {
    id: 'codex',
    folder: codexDir(opts),
    scan,
    projectIds: async (home) => [...new Set((await scan(home, null)).files.map((f) => f.projectId))].sort(),
    watchFolders: async (home, projectIds) => watchedFolders(codexDir(opts), await scan(home, projectIds)),
  };
}
