/**
 * Enter in the browser runs a resume command only when its program can be
 * started (find-program.ts): found on PATH, or, named by a path, an
 * executable file relative to the folder it runs in. Anything else is said
 * in the browser, which stays open.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { programFound } from '../src/store/actions/find-program.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-find-program-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'work'));
  writeFileSync(join(dir, 'bin', 'agent-x'), '#!/bin/sh\n');
  chmodSync(join(dir, 'bin', 'agent-x'), 0o755);
  writeFileSync(join(dir, 'bin', 'notes'), 'not a program');
  chmodSync(join(dir, 'bin', 'notes'), 0o644);
  writeFileSync(join(dir, 'work', 'run.sh'), '#!/bin/sh\n');
  chmodSync(join(dir, 'work', 'run.sh'), 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('programFound', () => {
  it('finds a program on PATH, and only an executable one', () => {
    const env = { PATH: `/nonexistent:${join(dir, 'bin')}` };
    expect(programFound('agent-x', null, env)).toBe(true);
    expect(programFound('notes', null, env)).toBe(false);
    expect(programFound('agent-y', null, env)).toBe(false);
    expect(programFound('agent-x', null, { PATH: '/nonexistent' })).toBe(false);
    expect(programFound('', null, env)).toBe(false);
  });

  it('takes a name with a slash as a file, relative to the folder the command runs in', () => {
    expect(programFound('./run.sh', join(dir, 'work'), { PATH: '' })).toBe(true);
    expect(programFound('./run.sh', join(dir, 'bin'), { PATH: '' })).toBe(false);
    expect(programFound(join(dir, 'bin', 'agent-x'), null, { PATH: '' })).toBe(true);
    expect(programFound(join(dir, 'bin'), null, { PATH: '' })).toBe(false); // a folder
    expect(programFound(join(dir, 'bin', 'notes'), null, { PATH: '' })).toBe(false);
  });
});
