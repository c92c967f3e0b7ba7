/**
 * Where Gemini CLI sessions are (ADAPTERS.md): `<dir>/tmp/<project>/chats/session-*.jsonl`
 * (0.39+) or `.json` (older), `<dir>` = `--gemini-dir`, else `~/.gemini`.
 * The project root is read, never computed from the folder name:
 * `<project>/.project_root`, else `<dir>/projects.json`, else the root whose
 * sha256 is the chat's `projectHash` among the known roots; with none, the
 * project id is the hash's first 16 hex digits, which is FORMAT.md §1's id
 * of that root. A legacy `.json` and its migrated `.jsonl` (same name) are
 * one session: the `.jsonl` wins. Subagent chats (`chats/<parentId>/*.jsonl`)
 * are parts of their parent. A chat that is a symbolic link, and a `.json`
 * or `.jsonl` file in a chats folder not named as a chat, are refused and
 * named (common/refused.ts), as in the native home; the project folder's
 * other files (logs.json, .project_root) are not chats.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionFile, SessionLocation, SessionScan, SkippedEntry } from '../format.js';
import { appendAll, byPath } from '../../arrays.js';
import { readHeadRecordsSync, readHeadTextSync, type HeadFacts } from '../common/heads.js';
import { notASessionName, takesEntry } from '../common/refused.js';
import { defaultMemo, eachInTurns, eachLimited, folderProblem, headFactsSync, homeOf, inScope, wantedIds, type ForeignLocationOptions, watchedFolders } from '../common/location-kit.js';
import { projectIdOfCwd, repoRootOf } from '../common/project-scope.js';

/** The Gemini folder: `dir`, else `$GEMINI_CLI_HOME/.gemini`, else `~/.gemini`. */
export function geminiDir(opts: ForeignLocationOptions): string {
  const env = opts.env ?? process.env;
  return opts.dir || join(env.GEMINI_CLI_HOME || homeOf(env), '.gemini');
}

const CHAT = /^session-.+\.jsonl?$/;
/** What a chats folder holds that may be a chat: `.json` (older) and `.jsonl` files; subagent chats are in folders below it. */
const CHAT_FILE = /\.jsonl?$/;

/** What the scan says of a `.json`/`.jsonl` file in a chats folder that is not named as a chat. */
export const NOT_A_CHAT_NAME = notASessionName('a Gemini chat name (session-<time>-<id>.jsonl or .json)');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** `sessionId`, `projectHash`, `kind` of a chat: its first line (JSONL), or the head of the document (`.json`). */
function readGeminiHead(path: string): HeadFacts {
  const facts: HeadFacts = {};
  if (path.endsWith('.jsonl')) {
    const [first] = readHeadRecordsSync(path, 1);
    if (typeof first?.sessionId === 'string') facts.id = first.sessionId;
    if (typeof first?.projectHash === 'string') facts.projectHash = first.projectHash;
    if (typeof first?.kind === 'string') facts.kind = first.kind;
    return facts;
  }
  // A pretty-printed document: its top-level keys come first.
  const head = readHeadTextSync(path, 4096);
  facts.id = /"sessionId"\s*:\s*"([^"]+)"/.exec(head)?.[1];
  facts.projectHash = /"projectHash"\s*:\s*"([0-9a-f]+)"/.exec(head)?.[1];
  facts.kind = /"kind"\s*:\s*"([^"]+)"/.exec(head)?.[1];
  return facts;
}

/** Known project roots: projects.json's keys (`{projects: {root: slug}}`), by sha256. */
async function knownRoots(dir: string): Promise<Map<string, string>> {
  const byHash = new Map<string, string>();
  try {
    const json = JSON.parse(await readFile(join(dir, 'projects.json'), 'utf8')) as { projects?: Record<string, unknown> };
    for (const root of Object.keys(json.projects ?? {})) byHash.set(sha256(root), root);
  } catch {
    // none
  }
  return byHash;
}

/** The Gemini location for these options. */
export function geminiLocation(opts: ForeignLocationOptions): SessionLocation {
  const memo = opts.memo ?? defaultMemo();
  const scan = async (_home: string, projectIds: string[] | null): Promise<SessionScan> => {
    const dir = geminiDir(opts);
    const tmp = join(dir, 'tmp');
    let folders;
    try {
      folders = await readdir(tmp, { withFileTypes: true });
    } catch (err) {
      return { files: [], skipped: folderProblem(opts.named ? dir : tmp, err, opts.named) };
    }
    const roots = await knownRoots(dir);
    const wanted = wantedIds(projectIds, opts.aliases);
    const files: SessionFile[] = [];
    const skipped: SkippedEntry[] = [];
    const labels: Record<string, string> = {};
    await eachLimited(folders.filter((f) => f.isDirectory()), 8, async (folder) => {
      const chats = join(tmp, folder.name, 'chats');
      let entries;
      try {
        entries = await readdir(chats, { withFileTypes: true });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') skipped.push({ path: chats, error: (err as Error).message });
        return;
      }
      const rootFile = await readFile(join(tmp, folder.name, '.project_root'), 'utf8').then((t) => t.trim(), () => '');
      const names = new Set<string>();
      // Chats refused (a symbolic link, a .json/.jsonl file not named as a chat), named as the native home's are.
      const refused: SkippedEntry[] = [];
      for (const e of entries) {
        if (!CHAT_FILE.test(e.name)) continue;
        if (takesEntry(e, join(chats, e.name), CHAT.test(e.name), refused, NOT_A_CHAT_NAME)) names.add(e.name);
      }
      const sessions: SessionFile[] = [];
      // Heads read synchronously, a few ms at a time, as Claude's and Codex's are (location-kit.ts eachInTurns).
      await eachInTurns([...names], (name) => {
        if (name.endsWith('.json') && names.has(`${name}l`)) return; // migrated: the .jsonl wins
        const path = join(chats, name);
        let facts: HeadFacts;
        try {
          facts = headFactsSync(path, memo, readGeminiHead);
        } catch (err) {
          skipped.push({ path, error: (err as Error).message });
          return;
        }
        if (facts.kind === 'subagent') return;
        const root = rootFile || (facts.projectHash ? roots.get(facts.projectHash) : undefined);
        const projectId = root ? projectIdOfCwd(root) : (facts.projectHash ?? sha256(folder.name)).slice(0, 16);
        const file: SessionFile = { projectId, id: facts.id ?? name.replace(/\.jsonl?$/, ''), path, source: 'gemini', format: 'gemini' };
        if (root) {
          file.projectRoot = root;
          labels[projectId] ??= repoRootOf(root);
        }
        sessions.push(file);
      });
      // Subagent chats: chats/<parentId>/<id>.jsonl, parts of their parent.
      for (const e of entries) {
        if (!e.isDirectory()) continue;
        const parent = sessions.find((f) => f.id === e.name);
        if (!parent) continue;
        const subs = await readdir(join(chats, e.name)).catch(() => [] as string[]);
        const parts = subs.filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(chats, e.name, n));
        if (parts.length) parent.parts = parts;
      }
      for (const f of sessions) if (!wanted || wanted.has(f.projectId)) files.push(f);
      // The folder's project: its .project_root, else its chats'.
      const folderProjects = new Set(rootFile ? [projectIdOfCwd(rootFile)] : sessions.map((f) => f.projectId));
      if (refused.length > 0 && inScope(wanted, folderProjects)) appendAll(skipped, refused);
    });
    memo.save?.();
    files.sort(byPath);
    // Folders are read eight at a time: in the order of their paths, the notes are the same from run to run.
    skipped.sort(byPath);
    return { files, skipped, roots: labels };
  };
  return {
    id: 'gemini',
    folder: geminiDir(opts),
    scan,
    projectIds: async (home) => [...new Set((await scan(home, null)).files.map((f) => f.projectId))].sort(),
    watchFolders: async (home, projectIds) => watchedFolders(join(geminiDir(opts), 'tmp'), await scan(home, projectIds)),
  };
}
