import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { earlyScanWanted } from '../src/app/early-scan.js';
import { catalogPath } from '../src/store/catalog/catalog-files.js';

const scratch = mkdtempSync(join(tmpdir(), 'sb-early-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const home = join(scratch, 'home');
const env = { XDG_CACHE_HOME: join(scratch, 'cache'), HOME: scratch };

describe('whether the CLI entry starts scan workers before it loads the CLI', () => {
  it('does for usage and list on a home with no catalog yet, whatever their options', () => {
    expect(earlyScanWanted(['usage', '--json', '--all', '--home', home], env)).toBe(true);
    expect(earlyScanWanted(['list', '--all', `--home=${home}`, '--query', 'x'], env)).toBe(true);
    expect(earlyScanWanted(['usage', '--source', 'claude', '--claude-dir', join(scratch, 'claude')], { ...env, SESSION_BROWSER_HOME: home })).toBe(true);
  });

  it('does not once the home has a catalog: its scan reads only what changed', () => {
    const other = join(scratch, 'kept');
    const db = catalogPath(other, env);
    mkdirSync(dirname(db), { recursive: true });
    writeFileSync(db, '');
    expect(earlyScanWanted(['usage', '--home', other], env)).toBe(false);
    // With the catalog disabled every run is cold.
    expect(earlyScanWanted(['usage', '--home', other], { ...env, SESSION_BROWSER_CACHE: '0' })).toBe(true);
  });

  it('does not for other commands, help, the demo, or arguments that do not parse', () => {
    const cases = [[], ['--home', home], ['show', 'abc', '--home', home], ['doctor', '--home', home], ['usage', '--help'], ['list', '--version'], ['usage', '--demo'], ['usage', '--no-such-option'], ['usage', '--by'], ['nonsense', '--home', home]];
    for (const argv of cases) expect(earlyScanWanted(argv, env)).toBe(false);
  });
});
