/**
 * Whether a resume command's program can be started, asked before the
 * browser gives up the terminal for it: a program that is not installed
 * would otherwise end the browser with "command not found" and lose what
 * the user was browsing. Found as the spawn will find it: a name is looked
 * up on `PATH` (npm's `which`: the lookup a shell makes, which a few lines
 * of our own would get subtly wrong on empty entries, `PATHEXT` and
 * executability); a name with a `/` is a file, relative to the folder the
 * command runs in.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import which from 'which';

/**
 * True when `program` can be run from `cwd` (null: this process's folder)
 * with `env`'s `PATH`: an executable regular file. Never throws.
 */
export function programFound(program: string, cwd: string | null, env: NodeJS.ProcessEnv = process.env): boolean {
  if (program === '') return false;
  if (program.includes('/')) return isExecutableFile(isAbsolute(program) ? program : resolve(cwd ?? process.cwd(), program));
  const path = env.PATH ?? '';
  const key = `${program}\0${path}`;
  const now = Date.now();
  const known = looked.get(key);
  if (known && now - known.at < LOOKUP_TTL_MS) return known.found;
  let found: boolean;
  try {
    found = which.sync(program, { nothrow: true, path }) !== null;
  } catch {
    found = false;
  }
  if (looked.size >= 64) looked.clear();
  looked.set(key, { found, at: now });
  return found;
}

/**
 * How long a PATH lookup is trusted, in ms: the browser's preview strip asks
 * on every move of the selection (a lookup is a stat per PATH folder), and
 * a program installed meanwhile is seen within this.
 */
const LOOKUP_TTL_MS = 2000;
const looked = new Map<string, { found: boolean; at: number }>();

/** An existing regular file with an execute bit this process may use (owner, group or other). */
function isExecutableFile(path: string): boolean {
  try {
    const st = statSync(path);
    if (!st.isFile()) return false;
    const uid = process.getuid?.();
    if (uid === 0) return (st.mode & 0o111) !== 0;
    if (uid !== undefined && st.uid === uid) return (st.mode & 0o100) !== 0;
    if (process.getgroups?.().includes(st.gid) || process.getgid?.() === st.gid) return (st.mode & 0o010) !== 0;
    return (st.mode & 0o001) !== 0;
  } catch {
    return false;
  }
}
