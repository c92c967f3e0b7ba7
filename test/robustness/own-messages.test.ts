/**
 * Hostile case "our own messages echo raw controls" and "invisible
 * characters pass unmarked" (issue 9): an argument, a path or a log value
 * holding ESC, BEL, a zero-width space or tag characters comes out marked in
 * every message we print (errors for --tz, --pricing, --home and ids, the
 * project path in headers, "No sessions for …"), on stdout and stderr.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const PAYLOAD = '\x1b]0;pwn\x07\x1b[31m\u200b\u2060\ufeff\u{e0069}\u{e0067}';
/** Raw controls and invisible characters that must never reach the terminal. */
const RAW = /[\x1b\x07\x9b\x9d\u200b\u2060\ufeff\u{e0000}-\u{e007f}]/u;

const tmp = mkdtempSync(join(tmpdir(), 'sb-own-'));
const project = join(tmp, `proj${PAYLOAD}`);
mkdirSync(join(project, '.git'), { recursive: true });
const home = join(tmp, 'home');
mkdirSync(join(home, 'projects'), { recursive: true });
const hostileHome = join(tmp, `home${PAYLOAD}`);
mkdirSync(join(hostileHome, 'projects'), { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cases: [string, string[]][] = [
  ['--tz', ['--home', home, '--tz', `Mars/Base${PAYLOAD}`, 'list']],
  ['--pricing (missing file)', ['--home', home, '--pricing', join(tmp, `p${PAYLOAD}.json`), 'usage']],
  ['--home (not a folder)', ['--home', join(tmp, `h${PAYLOAD}`), '--project', project, 'list']],
  ['an id', ['--home', home, '--project', project, 'show', `zz${PAYLOAD}`]],
  ['"No sessions for …" with the project path', ['--home', home, '--project', project, 'list']],
  ['the usage header with the project path', ['--home', home, '--project', project, 'usage']],
  ['the doctor header with the home path', ['--home', hostileHome, '--project', project, 'doctor']],
  ['the list of an --all view with the home path', ['--home', hostileHome, 'list', '--all']],
  ['--since', ['--home', home, 'usage', '--since', `x${PAYLOAD}`]],
];

describe('robustness: our own messages pass the sanitize boundary', () => {
  it('a --pricing file with a hostile key is reported marked', () => {
    const pricing = join(tmp, 'pricing.json');
    writeFileSync(pricing, JSON.stringify({ [`m${PAYLOAD}`]: { input: 'x' } }));
    const r = runCli(['--home', home, '--pricing', pricing, 'usage']);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('⟦U+200B⟧');
  });

  for (const [name, args] of cases) {
    it(`${name}: no raw control or invisible character on stdout or stderr`, () => {
      const r = runCli(args);
      expect(r.stdout + r.stderr).not.toMatch(RAW);
      expect(r.stdout + r.stderr).toMatch(/␛|⟦U\+/);
    });
  }
});
