/**
 * Runs a command line we printed exactly as a user would paste it: through
 * `sh -c`, with `session-browser` on PATH as a shim for the built binary.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, type CliResult } from './cli.js';

let bin: string | null = null;

/** A folder holding an executable `session-browser` that runs dist/cli.js. */
function shimDir(): string {
  if (bin) return bin;
  bin = mkdtempSync(join(tmpdir(), 'sb-bin-'));
  const shim = join(bin, 'session-browser');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(shim, 0o755);
  return bin;
}

/** The command on the line after `marker` in `text` (to the end of that line), or throws. */
export function printedCommand(text: string, marker: string): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${JSON.stringify(marker)} in:\n${text}`);
  return text.slice(at + marker.length).split('\n')[0]!.trim();
}

/** Runs `command` with sh, as pasted, in `cwd`, with the same clean environment as runCli plus `env`. */
export function runVerbatim(command: string, opts: { env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const res = spawnSync('sh', ['-c', command], {
    cwd: opts.cwd ?? tmpdir(),
    input: '',
    encoding: 'utf8',
    env: {
      PATH: `${shimDir()}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'UTC',
      NO_COLOR: '1',
      COLUMNS: '200',
      XDG_CONFIG_HOME: join(tmpdir(), 'sb-no-config'),
      CLAUDE_CONFIG_DIR: '/nonexistent/sb-claude',
      CODEX_HOME: '/nonexistent/sb-codex',
      GEMINI_CLI_HOME: '/nonexistent/sb-gemini',
      ...opts.env,
    },
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
