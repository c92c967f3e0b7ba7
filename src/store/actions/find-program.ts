/**
 * Whether a resume command's program can be started, asked before the
 * browser gives up the terminal for it: a program that is not installed
 * would otherwise end the browser with "command not found" and lose what
 * the user was browsing. Found as the spawn will find it: a name is looked
 * up on `PATH` (npm's `which`: the lookup a shell makes, which a few lines
 * of our own would get subtly wrong on empty entries, `PATHEXT` and
 * executability); a name with a `/` is a file, relative to the folder the
 * command runs in, checked by the same library.
 */
import { isAbsolute, resolve } from 'node:path';
import which from 'which';

/**
 * True when `program` can be run from `cwd` (null: this process's folder)
 * with `env`'s `PATH`: an executable regular file. Never throws.
 */
export function programFound(program: string, cwd: string | null, env: NodeJS.ProcessEnv = process.env): boolean {
  if (program === '') return false;
  // A path is looked at where the command runs (which itself would resolve it from this process's folder).
  if (program.includes('/')) return found(isAbsolute(program) ? program : resolve(cwd ?? process.cwd(), program), '');
  const path = env.PATH ?? '';
  const key = `${program}\0${path}`;
  const now = Date.now();
  const known = looked.get(key);
  if (known && now - known.at < LOOKUP_TTL_MS) return known.found;
  const yes = found(program, path);
  if (looked.size >= 64) looked.clear();
  looked.set(key, { found: yes, at: now });
  return yes;
}

/** `which`'s answer: an executable regular file (for a name, on `path`; for a path, there). */
function found(program: string, path: string): boolean {
  try {
    return which.sync(program, { nothrow: true, path }) !== null;
  } catch {
    return false;
  }
}

/**
 * How long a PATH lookup is trusted, in ms: the browser's preview strip asks
 * on every move of the selection (a lookup is a stat per PATH folder), and
 * a program installed meanwhile is seen within this.
 */
const LOOKUP_TTL_MS = 2000;
const looked = new Map<string, { found: boolean; at: number }>();
