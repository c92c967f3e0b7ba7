/**
 * Deleting one session id twice keeps both copies in the trash; the undo
 * printed after the second delete, and `restore ID`, bring back the copy
 * deleted last, under the session's own id, and say how many older copies
 * stay. A trash made by an older version (`ID.2.jsonl`) restores as `ID`.
 */
import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCopy, runCli } from './helpers/cli.js';
import { printedCommand, runVerbatim } from './helpers/verbatim.js';

const PROJECT = '39c612fb0b294124';
const ID = 'run-add-retries';
const NEWER = `${JSON.stringify({ session_id: ID, seq: 99, type: 'note', timestamp: '2026-11-20T11:00:00.000Z', data: { text: 'the newer copy' } })}\n`;

let demo: { home: string; cleanup: () => void };
beforeEach(() => (demo = demoCopy()));
afterEach(() => demo.cleanup());

const live = () => join(demo.home, 'projects', PROJECT, `${ID}.jsonl`);
const trash = () => join(demo.home, '.trash', PROJECT);
const cli = (...args: string[]) => runCli(['--home', demo.home, '--all', ...args]);

/** Deletes ID, brings that copy back by hand with a line more, and deletes it again; returns the second delete's stderr. */
function deleteTwice(): string {
  // --force: a fresh copy of the demo, and the file brought back, changed just now (active).
  expect(cli('delete', ID, '--yes', '--force').code).toBe(0);
  copyFileSync(join(trash(), `${ID}.jsonl`), live());
  appendFileSync(live(), NEWER);
  const second = cli('delete', ID, '--yes', '--force');
  expect(second.code).toBe(0);
  return second.stderr;
}

describe('the same session deleted twice', () => {
  it('the printed undo restores the copy just deleted, as the session id, and says an older copy stays', () => {
    const undo = runVerbatim(printedCommand(deleteTwice(), 'Undo with: '));
    expect(undo.code).toBe(0);
    expect(undo.stderr).toContain('1 other copy of it is still in the trash (restore lists them)');
    expect(readFileSync(live(), 'utf8')).toContain('the newer copy');
    // The older copy is still in the trash, and no session of another id appeared.
    expect(readFileSync(join(trash(), `${ID}.jsonl`), 'utf8')).not.toContain('the newer copy');
    expect(readdirSync(join(demo.home, 'projects', PROJECT)).filter((f) => f.startsWith(ID))).toEqual([`${ID}.jsonl`]);
    const show = cli('show', ID);
    expect(show.code).toBe(0);
  });

  it('restore refuses while the session is back in its project, and leaves both files', () => {
    deleteTwice();
    expect(cli('restore', ID).code).toBe(0);
    const before = readFileSync(live(), 'utf8');
    const again = cli('restore', ID);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`cannot restore ${ID}: .*${ID}\\.jsonl exists`));
    expect(readFileSync(live(), 'utf8')).toBe(before);
    expect(existsSync(join(trash(), `${ID}.jsonl`))).toBe(true);
  });

  it('each copy can be named: the listing shows the others as ID~N, and restore ID~N brings back that one', () => {
    deleteTwice();
    // Newest first: ID (the copy deleted last), then the older one by its number.
    const list = cli('restore');
    const ids = list.stdout.split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0]).filter(Boolean);
    expect(ids).toEqual([ID, `${ID}~1`]);
    const res = cli('restore', `${ID}~1`);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('1 other copy of it is still in the trash');
    // The older copy is back, under the session's id; the newer one stays in the trash.
    expect(readFileSync(live(), 'utf8')).not.toContain('the newer copy');
    expect(cli('restore', `${ID}~7`).code).toBe(1);
    expect(cli('delete', ID, '--yes', '--force').code).toBe(0);
    expect(cli('restore', `${ID}~2`).code).toBe(0);
    expect(readFileSync(live(), 'utf8')).toContain('the newer copy');
  });

  it('a copy an older version kept as ID.2.jsonl restores as ID, never as ID.2', () => {
    deleteTwice();
    const kept = readdirSync(trash()).find((f) => f !== `${ID}.jsonl`)!;
    // What the trash held before: the later copy named ID.2.
    renameSync(join(trash(), kept), join(trash(), `${ID}.2.jsonl`));
    const list = cli('restore');
    expect(list.stdout).not.toContain(`${ID}.2`);
    const res = cli('restore', ID);
    expect(res.code).toBe(0);
    expect(readFileSync(live(), 'utf8')).toContain('the newer copy');
    expect(existsSync(join(demo.home, 'projects', PROJECT, `${ID}.2.jsonl`))).toBe(false);
  });
});
