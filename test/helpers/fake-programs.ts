/**
 * Programs "installed" for a test: executable files in a temporary folder
 * put first on PATH, so what Enter does (store/actions/find-program.ts)
 * does not depend on whether this machine has `claude` or `gemini`.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Installs `names` on PATH for the tests of the calling file (from beforeAll to afterAll). */
export function withFakePrograms(names: readonly string[]): void {
  let dir = '';
  const before = process.env.PATH;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-programs-'));
    for (const name of names) {
      const path = join(dir, name);
      writeFileSync(path, '#!/bin/sh\nexit 0\n');
      chmodSync(path, 0o755);
    }
    process.env.PATH = `${dir}:${before ?? ''}`;
  });
  afterAll(() => {
    process.env.PATH = before;
    rmSync(dir, { recursive: true, force: true });
  });
}
