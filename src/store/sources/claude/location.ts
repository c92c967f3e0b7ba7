/**
 * Where Claude Code sessions are (ADAPTERS.md): `<dir>/projects/<folder>/<session>.jsonl`
 * with `<dir>` = `--claude-dir`, else `$CLAUDE_CONFIG_DIR` (its first entry
 * when a comma list), else `~/.claude`. A session's subagent and
 * compaction-worker transcripts (`<folder>/<session>/subagents/agent-*.jsonl`,
 * and the older `<folder>/agent-*.jsonl` naming their parent's `sessionId`)
 * are its parts, never sessions of their own. The folder name is lossy, so
 * the project comes from the first recorded `cwd` (project-scope.ts).
 * A session named by a live `<dir>/sessions/<pid>.json` is marked running.
 * A `.jsonl` file in a project folder that is a symbolic link, or whose
 * name is no session id, is refused and named (common/refused.ts), as in
 * the native home: Claude Code names its sessions by uuid, so neither is
 * one it wrote, but a user who linked or copied a log there is told why it
 * is not listed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidSessionId, projectIdOf } from '../../project.js';
import type { SessionFile, SessionLocation, SessionScan, SkippedEntry } from '../format.js';
import { appendAll, byPath } from '../../arrays.js';
import { takesEntry } from '../common/refused.js';
import { readHeadRecordsSync, type HeadFacts } from '../common/heads.js';
import { defaultMemo, eachInTurns, eachLimited, folderProblem, headFactsSync, homeOf, inScope, wantedIds, type ForeignLocationOptions, watchedFolders } from '../common/location-kit.js';
import { liveClaudeSessions } from './live.js';
import { projectIdOfCwd, repoRootOf } from '../common/project-scope.js';

/** The Claude config folder: `dir`, else `$CLAUDE_CONFIG_DIR` (first of a comma list), else `~/.claude`. */
export function claudeDir(opts: ForeignLocationOptions): string {
  const env = opts.env ?? process.env;
  if (opts.dir) return opts.dir;
  const fromEnv = env.CLAUDE_CONFIG_DIR?.split(',')[0]?.trim();
  return fromEnv || join(homeOf(env), '.claude');
}

/** `cwd` and `sessionId` of the first lines that carry them (read synchronously: see the scan below). */
function readClaudeHead(path: string): HeadFacts {
  const facts: HeadFacts = {};
  readHeadRecordsSync(path, 40, undefined, (r) => {
    if (!facts.cwd && typeof r.cwd === 'string' && r.cwd) facts.cwd = r.cwd;
    if (!facts.id && typeof r.sessionId === 'string' && r.sessionId) facts.id = r.sessionId;
    return facts.cwd !== undefined && facts.id !== undefined;
  });
  return facts;
}

const AGENT_FILE = /^agent-[A-Za-z0-9._-]+\.jsonl$/;

/**
 * Puts the subagent and compaction-worker transcripts in `sub`
 * (`<session>/subagents/`), sorted, before the session's other parts (the
 * older `agent-*.jsonl` beside it); none when `sub` cannot be listed. A
 * transcript there that is a symbolic link is not read, as a session file
 * that is one is not (common/refused.ts): it goes to `refused`, named.
 */
function addSubagentParts(m: SessionFile, sub: string, refused: SkippedEntry[]): void {
  let entries;
  try {
    entries = readdirSync(sub, { withFileTypes: true });
  } catch {
    return;
  }
  const parts: string[] = [];
  for (const e of entries) if (AGENT_FILE.test(e.name) && takesEntry(e, join(sub, e.name), true, refused)) parts.push(join(sub, e.name));
  parts.sort();
  if (parts.length) m.parts = [...parts, ...(m.parts ?? [])];
}

/** The Claude Code location for these options. */
export function claudeLocation(opts: ForeignLocationOptions): SessionLocation {
  const memo = opts.memo ?? defaultMemo();
  const scan = async (_home: string, projectIds: string[] | null, found?: (files: readonly SessionFile[]) => void): Promise<SessionScan> => {
    const dir = claudeDir(opts);
    const projects = join(dir, 'projects');
    let folders;
    try {
      folders = await readdir(projects, { withFileTypes: true });
    } catch (err) {
      // A named folder that exists but holds no projects/ is most likely that projects/ folder itself, or one inside it.
      if (opts.named && (err as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(dir)) {
        return { files: [], skipped: [{ path: dir, error: 'holds no projects/ folder (name the folder that holds it, like ~/.claude)' }] };
      }
      return { files: [], skipped: folderProblem(opts.named ? dir : projects, err, opts.named) };
    }
    const wanted = wantedIds(projectIds, opts.aliases);
    const files: SessionFile[] = [];
    const skipped: SkippedEntry[] = [];
    const roots: Record<string, string> = {};
    const live = await liveClaudeSessions(dir);
    await eachLimited(folders.filter((f) => f.isDirectory()), 8, async (folder) => {
      const path = join(projects, folder.name);
      let entries;
      try {
        entries = await readdir(path, { withFileTypes: true });
      } catch (err) {
        skipped.push({ path, error: (err as Error).message });
        return;
      }
      const mains: SessionFile[] = [];
      const oldAgents: string[] = [];
      // Files named and placed as sessions but refused (a symbolic link, a name that is no session id), as the native home's are.
      const refused: SkippedEntry[] = [];
      for (const e of entries) {
        if (!e.name.endsWith('.jsonl')) continue;
        // An older subagent transcript: a part of a session, never a session of its own.
        const file = join(path, e.name);
        if (AGENT_FILE.test(e.name)) {
          if (takesEntry(e, file, true, refused)) oldAgents.push(file);
          continue;
        }
        const id = e.name.slice(0, -'.jsonl'.length);
        if (takesEntry(e, file, isValidSessionId(id), refused)) mains.push({ projectId: '', id, path: file, source: 'claude', format: 'claude' });
      }
      const byId = new Map(mains.map((m) => [m.id, m]));
      const dirs = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
      // Older versions wrote subagents beside the sessions; their lines name the parent's sessionId.
      await eachInTurns(oldAgents, (agent) => {
        let facts: HeadFacts | null;
        try {
          facts = headFactsSync(agent, memo, readClaudeHead);
        } catch {
          facts = null;
        }
        const parent = facts?.id ? byId.get(facts.id) : undefined;
        if (parent) (parent.parts ??= []).push(agent);
      });
      // Synchronous listings and head reads, a few ms at a time (eachInTurns): a cold scan reads the head of
      // every session (~2,000 in a 1 GB home) while the scan workers wait for their first jobs, and awaiting
      // each stat, open, read and close made that 0.65 s of a 4.5 s cold `usage`. The sessions of each turn
      // are heard of at its end: the workers start on the first turn's, not on a whole folder's, which
      // with 8 folders taking turns came ~0.1 s later.
      let listed: SessionFile[] = [];
      const folderProjects = new Set<string>();
      await eachInTurns(
        mains,
        (m) => {
          let facts: HeadFacts;
          try {
            facts = headFactsSync(m.path, memo, readClaudeHead);
          } catch (err) {
            skipped.push({ path: m.path, error: (err as Error).message });
            return;
          }
          const cwd = facts.cwd;
          // No cwd recorded (a file of summaries only): its folder stands for the project.
          m.projectId = cwd ? projectIdOfCwd(cwd) : projectIdOf(path);
          folderProjects.add(m.projectId);
          if (wanted && !wanted.has(m.projectId)) return;
          if (dirs.has(m.id)) addSubagentParts(m, join(path, m.id, 'subagents'), refused);
          if (cwd) roots[m.projectId] ??= repoRootOf(cwd);
          if (live.has(m.id)) m.running = true;
          files.push(m);
          listed.push(m);
        },
        () => {
          if (listed.length > 0) found?.(listed);
          listed = [];
        },
      );
      if (refused.length > 0 && inScope(wanted, folderProjects)) appendAll(skipped, refused);
    });
    memo.save?.();
    files.sort(byPath);
    // Folders are read eight at a time: in the order of their paths, the notes are the same from run to run.
    skipped.sort(byPath);
    return { files, skipped, roots };
  };
  return {
    id: 'claude',
    folder: claudeDir(opts),
    scan,
    projectIds: async (home) => [...new Set((await scan(home, null)).files.map((f) => f.projectId))].sort(),
    watchFolders: async (home, projectIds) => watchedFolders(join(claudeDir(opts), 'projects'), await scan(home, projectIds)),
  };
}
