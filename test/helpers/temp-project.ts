/**
 * Fresh folders for writer tests: a home the writer must create itself and
 * a project root (a git work tree) it writes sessions for.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach } from 'vitest';

/** The folders of one test. */
export interface TempProject {
  /** The temporary folder holding the other two. */
  tmp: string;
  /** `<tmp>/home`, not created: writers must make it (and with which modes is under test). */
  home: string;
  /** `<tmp>/app` with a `.git` inside, as a real path (project ids hash the real path). */
  root: string;
}

/** Creates the folders under the system temp folder; `cleanup` removes them all. */
export function tempProject(prefix: string): TempProject & { cleanup(): void } {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const app = join(tmp, 'app');
  mkdirSync(join(app, '.git'), { recursive: true });
  return {
    tmp,
    home: join(tmp, 'home'),
    root: realpathSync(app),
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/**
 * Fresh folders before each test of the calling file or suite, removed after
 * it, after the file's own afterEach hooks (so spies on fs are restored before
 * the removal). `use` receives them, typically to set the file's `home` and
 * `root` variables: `useTempProject('sb-x-', (d) => ({ home, root } = d))`.
 */
export function useTempProject(prefix: string, use: (dirs: TempProject) => void): void {
  beforeEach(() => {
    const { cleanup, ...dirs } = tempProject(prefix);
    use(dirs);
    return cleanup;
  });
}
