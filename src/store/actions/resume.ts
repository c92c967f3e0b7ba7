/**
 * Resume: the command template (split into argv once, placeholders
 * substituted per argument, never run through a shell), the resume context
 * file, and the plan shown before Enter is pressed.
 */
import { chmodSync, closeSync, mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { openNoFollow } from './safe-path.js';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileSink } from './text-sink.js';
import { serializeRecord } from '../../format/json.js';
import { sourceResumeTemplate } from '../sources/registry.js';
import type { ResumeMessage, ResumePlan, SessionSummary } from '../types.js';

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * Splits a template into words like a POSIX shell would for quoting only:
 * whitespace separates, '...' is literal, "..." allows \" and \\, a
 * backslash outside quotes escapes the next character. No expansion of any
 * kind happens: `$HOME`, `;`, `|` and backticks are plain characters.
 */
export function splitTemplate(template: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (template[i + 1] === '"' || template[i + 1] === '\\')) word += template[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < template.length) {
      word += template[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new TemplateError(`unterminated ${quote} quote in resume command template`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new TemplateError('the resume command template is empty');
  return words;
}

export interface PlaceholderValues {
  id: string;
  path: string;
  /** The folder the resume runs in (resolveResumeDir), never ''. */
  workspace: string;
  /** Filled lazily: the context file is written only when the template uses it. */
  context: () => string;
}

export const usesContext = (argv: readonly string[]): boolean => argv.some((a) => a.includes('{context}'));

/**
 * Substitutes {id}, {path}, {workspace}, {context} inside each argument; the
 * value never splits an argument. Callers pass the folder the resume runs
 * in as `workspace`, so it is never an empty string. A value from a log never
 * becomes an option: one that would start an argument with `-` (a recorded
 * workspace of `--dangerously-skip-permissions`) is passed as the path
 * `./-…`, which no program reads as an option. Ids cannot start with `-`.
 */
export function substitute(argv: readonly string[], values: PlaceholderValues): string[] {
  return argv.map((arg) =>
    arg.replace(/\{(id|path|workspace|context)\}/g, (_, name: keyof PlaceholderValues, offset: number) => {
      const value = name === 'context' ? values.context() : values[name];
      return offset === 0 && value.startsWith('-') ? `./${value}` : value;
    }),
  );
}

/** Prefix of the private folders temporary context files live in. */
const TEMP_PREFIX = 'session-browser-';

/**
 * Writes the resume context as JSONL and returns the path: to `file` when
 * given (the user's path: kept), else to `context.jsonl` in a fresh private
 * folder under the system temp dir (folder 0700, file 0600), which
 * {@link removeContextFile} deletes once the resumed program has exited.
 */
export function writeContextFile(messages: readonly ResumeMessage[], file?: string): string {
  const target = contextTarget(file);
  // Never through a symlink (safe-path.ts): the user's --context path is written where it names.
  const fd = openNoFollow(target, 0o600);
  try {
    writeFileSync(fd, messages.map(serializeRecord).join(''));
  } finally {
    closeSync(fd);
  }
  return target;
}

/** `file`, else `context.jsonl` in a fresh private temporary folder (see writeContextFile). */
function contextTarget(file?: string): string {
  if (file !== undefined) return file;
  const dir = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
  chmodSync(dir, 0o700); // mkdtemp already uses 0700; a umask cannot loosen it, but say so
  return join(dir, 'context.jsonl');
}

/**
 * A resume context that is streamed rather than held: it calls `emit` with
 * each message in order and awaits it (store/transcript-stream.ts
 * streamResumeContext reads a session this way).
 */
export type ContextStreamer = (emit: (message: ResumeMessage) => Promise<void>) => Promise<unknown>;

/**
 * {@link writeContextFile} for a context of any size: each message is written
 * as one JSONL line as it arrives, through a sink that waits for the disk,
 * so memory holds one message at a time. Same target rules (`file`, else a
 * private temporary file); the file is created before the first message is
 * read, so a bad `file` fails fast. `sessionPath` is the log the context is
 * read from: a `file` that is that log throws SameFileError (text-sink.ts).
 * Returns the path.
 */
export async function writeContextStream(stream: ContextStreamer, file?: string, sessionPath?: string): Promise<string> {
  const target = contextTarget(file);
  // A `--context` that names the session log itself is refused, never truncated.
  const sink = fileSink(target, 0o600, sessionPath);
  try {
    await stream((m) => sink.write(serializeRecord(m)));
  } catch (err) {
    await sink.end().catch(() => undefined); // the read's error is the one worth reporting
    throw err;
  }
  await sink.end();
  return target;
}

/**
 * Deletes a temporary context file written by {@link writeContextFile}
 * together with its private folder. Refuses (does nothing) for any other
 * path, so a user's `--context FILE` is never removed. Never throws.
 */
export function removeContextFile(path: string): void {
  const dir = dirname(path);
  if (basename(path) !== 'context.jsonl' || dirname(dir) !== resolve(tmpdir()) || !basename(dir).startsWith(TEMP_PREFIX)) return;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Leftovers in the temp dir are private (0700) and the system cleans them.
  }
}

/** Thrown when no folder to resume in exists (the message says what was tried). */
export class ResumeDirError extends Error {
  override name = 'ResumeDirError';
}

/** Where a resume runs and why (FORMAT.md §1 decides the project root). */
export interface ResumeDir {
  /** An existing folder. */
  cwd: string;
  from: 'workspace' | 'project';
  /** The recorded workspace when it no longer exists or is not a folder (worth a warning), else null. */
  missingWorkspace: string | null;
  /** Why `missingWorkspace` is unusable: "no longer exists" or "is not a folder"; null with it. */
  workspaceProblem?: string | null;
}

/** What one stat says of a path: a folder, or why it is not one ("no longer exists", "is not a folder"). */
function folderState(path: string): 'folder' | 'no longer exists' | 'is not a folder' {
  const st = statSync(path, { throwIfNoEntry: false });
  return st === undefined ? 'no longer exists' : st.isDirectory() ? 'folder' : 'is not a folder';
}

/** True when `path` is an existing folder (one stat; a missing or blank path is not). */
export const isDir = (path: string | null | undefined): path is string => {
  if (!path) return false;
  try {
    return folderState(path) === 'folder';
  } catch {
    return false; // unreadable parent: not a folder we can run in
  }
};

/**
 * The folder a resume runs in: the recorded workspace when it exists, else
 * the session's project root as `projectRoot(projectId)` knows it (the
 * caller's chain: project.json, else the git root the project id was made
 * from), when that exists. Throws ResumeDirError when neither exists: a
 * resume never falls back to wherever the browser happened to start.
 */
export function resolveResumeDir(summary: Pick<SessionSummary, 'id' | 'workspace' | 'projectId'>, projectRoot: (projectId: string) => string | null): ResumeDir {
  // A blank workspace ("", "   ") is no workspace.
  const ws = summary.workspace?.trim() ? summary.workspace : null;
  let state: ReturnType<typeof folderState> | null = null;
  try {
    state = ws ? folderState(ws) : null;
  } catch {
    state = 'no longer exists';
  }
  if (ws && state === 'folder') return { cwd: ws, from: 'workspace', missingWorkspace: null, workspaceProblem: null };
  const missingWorkspace = ws;
  const workspaceProblem = state === 'folder' ? null : state;
  const root = projectRoot(summary.projectId);
  if (isDir(root)) return { cwd: root, from: 'project', missingWorkspace, workspaceProblem };
  const tried = [missingWorkspace ? `its workspace ${missingWorkspace} ${workspaceProblem === 'is not a folder' ? 'is not a folder' : 'does not exist'}` : 'it recorded no workspace', root ? `its project root ${root} does not exist` : 'its project root is unknown (no project.json, and it is not the current project)'];
  throw new ResumeDirError(`cannot resume ${summary.id} in its own folder: ${tried.join(' and ')}. Run from the project's folder or pass --project DIR`);
}

/** The folder of the plan shown before Enter, and why the recorded workspace is not it. */
export interface ResumeFolder {
  /** {@link resolveResumeDir}'s cwd; null when a resume would be refused. */
  cwd: string | null;
  /** Why the recorded (non-blank) workspace is unusable ("no longer exists", "is not a folder"); null when it is used or none was recorded. */
  workspaceProblem: string | null;
}

/** {@link resolveResumeDir} for display: never throws (a refused resume has `cwd` null). One stat per path. */
export function resumeFolder(summary: Pick<SessionSummary, 'id' | 'workspace' | 'projectId'>, projectRoot: (projectId: string) => string | null = () => null): ResumeFolder {
  try {
    const dir = resolveResumeDir(summary, projectRoot);
    return { cwd: dir.cwd, workspaceProblem: dir.workspaceProblem ?? null };
  } catch {
    const ws = summary.workspace?.trim() ? summary.workspace : null;
    let problem: string | null = null;
    try {
      problem = ws ? folderState(ws) : null;
    } catch {
      problem = 'no longer exists';
    }
    return { cwd: null, workspaceProblem: problem === 'folder' ? null : problem };
  }
}

export interface CommandTemplate {
  template: string;
  /** Where it came from: the user (`flag`, `env`, `config`), or the agent that wrote the session (`agent`: `claude --resume {id}`). */
  source: 'flag' | 'env' | 'config' | 'agent';
}

/** Enter would run a command but has no folder to run it in (resolveResumeDir found none): the browser refuses and says why. */
export function refusesToResume(plan: Pick<ResumePlan, 'argv' | 'cwd'>): boolean {
  return plan.argv !== null && plan.cwd === null;
}

/**
 * The command that resumes `summary`: the user's when configured, else the
 * agent's own for another agent's session (`claude --resume {id}`,
 * `codex resume {id}`, `gemini --resume {id}`, ADAPTERS.md), else null
 * (a native session with no command: the id is printed).
 */
export function commandFor(summary: Pick<SessionSummary, 'source'>, configured: CommandTemplate | null): CommandTemplate | null {
  if (configured) return configured;
  const template = sourceResumeTemplate(summary.source);
  return template ? { template, source: 'agent' } : null;
}

/** `--resume-cmd`, else $SESSION_BROWSER_RESUME_CMD, else the config's `resumeCommand`. */
export function pickTemplate(flag: string | undefined, env: NodeJS.ProcessEnv, configured: string | undefined): CommandTemplate | null {
  if (flag) return { template: flag, source: 'flag' };
  if (env.SESSION_BROWSER_RESUME_CMD) return { template: env.SESSION_BROWSER_RESUME_CMD, source: 'env' };
  if (configured) return { template: configured, source: 'config' };
  return null;
}

/**
 * The plan shown before Enter, from the summary alone (no full read): the
 * argv shows `{context}` as the placeholder until the context file exists.
 */
export function planResume(
  summary: SessionSummary,
  command: CommandTemplate | null,
  folderOf: (s: SessionSummary) => ResumeFolder = resumeFolder,
  rootLabel = 'the project root',
): ResumePlan {
  const cp = summary.lastCheckpoint;
  const context = summary.resumeContext;
  const argvTemplate = command ? splitTemplate(command.template) : null;
  const { cwd, workspaceProblem } = folderOf(summary);
  // Same blank rule as resolveResumeDir: "" and "   " are no workspace.
  const workspace = summary.workspace?.trim() ? summary.workspace : null;
  const usesWorkspace = workspace !== null && workspace === cwd;
  return {
    sessionId: summary.id,
    checkpoint: cp ? { timestamp: cp.timestamp, tokenCount: cp.tokenCount } : null,
    // The list's count (msgs column), not the context's records: every view says the same number of messages.
    messagesAfter: cp ? cp.messageCountAfter : summary.messageCount,
    contextMessages: context.messages,
    // The checkpoint's own size, plus characters / 3 of what was said after it.
    estimatedContextTokens: (cp?.tokenCount ?? 0) + Math.floor(context.chars / 3),
    argv: argvTemplate
      ? substitute(argvTemplate, { id: summary.id, path: summary.path, workspace: cwd ?? '{workspace}', context: () => '{context}' })
      : null,
    cwd,
    workspace,
    workspaceProblem: usesWorkspace ? null : workspaceProblem,
    cwdLabel: cwd !== null && !usesWorkspace ? rootLabel : null,
    commandSource: command?.source ?? null,
    cacheWarmUntil: summary.cacheWarmUntil,
  };
}
