/**
 * Where sessions live (format §1): the home folder, the project root of a
 * working directory and its hashed id, and session-id validation.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { shownValue } from '../format/shown-value.js';

/** Valid session ids; anything else is refused before a path is built. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const PROJECT_ID_PATTERN = /^[0-9a-f]{16}$/;

export class InvalidIdError extends Error {
  constructor(id: string) {
    super(`invalid session id ${shownValue(id, { quote: true })}: ids are 1-128 characters of A-Z a-z 0-9 . _ - and start with a letter or digit`);
    this.name = 'InvalidIdError';
  }
}

export function isValidSessionId(id: string): boolean {
  return SESSION_ID_PATTERN.test(id);
}

/** Throws InvalidIdError unless `id` is a valid session id. */
export function assertSessionId(id: string): string {
  if (!isValidSessionId(id)) throw new InvalidIdError(id);
  return id;
}

export const isValidProjectId = (id: string): boolean => PROJECT_ID_PATTERN.test(id);

/** `--home`, else $SESSION_BROWSER_HOME, else $XDG_DATA_HOME/session-browser, else ~/.local/share/session-browser. */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.SESSION_BROWSER_HOME) return resolve(env.SESSION_BROWSER_HOME);
  if (env.XDG_DATA_HOME) return join(resolve(env.XDG_DATA_HOME), 'session-browser');
  return join(homedir(), '.local', 'share', 'session-browser');
}

/** The nearest ancestor of `dir` holding a `.git` entry (folder or file), else `dir`; real path. */
export function findProjectRoot(dir: string): string {
  const start = realpathSync(resolve(dir));
  let current = start;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return start;
    current = parent;
  }
}

/** First 16 hex digits of SHA-256 of the root path's UTF-8 bytes. */
export function projectIdOf(root: string): string {
  return createHash('sha256').update(root, 'utf8').digest('hex').slice(0, 16);
}

export interface ProjectRef {
  id: string;
  root: string;
}

export function resolveProject(dir: string): ProjectRef {
  const root = findProjectRoot(dir);
  return { id: projectIdOf(root), root };
}

export const projectsDir = (home: string): string => join(home, 'projects');
export const projectDir = (home: string, projectId: string): string => join(projectsDir(home), projectId);

/** Path of a session file; the id is validated first. */
export function sessionPath(home: string, projectId: string, id: string): string {
  assertSessionId(id);
  if (!isValidProjectId(projectId)) throw new Error(`invalid project id ${shownValue(projectId, { quote: true })}`);
  return join(projectDir(home, projectId), `${id}.jsonl`);
}

/** The root recorded in `project.json`, or null when absent or unreadable. */
export function readProjectJson(home: string, projectId: string): string | null {
  try {
    const path = join(projectDir(home, projectId), 'project.json');
    if (!lstatSync(path).isFile()) return null;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { root?: unknown };
    return typeof parsed.root === 'string' && parsed.root ? parsed.root : null;
  } catch {
    return null;
  }
}
