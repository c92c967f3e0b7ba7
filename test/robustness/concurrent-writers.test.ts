/**
 * Hostile cases "concurrent writers lose records" and "a writer killed at a
 * random point" (issue 9, deliver 4): eight processes appending 64 KB
 * records to one session through the writer API, and 200 writers killed
 * with SIGKILL at random points; every record whose append returned is read
 * back whole, exactly once, and every other line is whole too (a torn tail
 * is moved aside by the next writer).
 *
 * The children load the writer alone (an esbuild bundle of append.ts made
 * here), so 200 of them start quickly; an append is acknowledged on stdout
 * only after it returned. 200 Node start-ups cost about 30 s of CPU: the
 * kill test takes some 15-20 s on an idle two-core machine, more under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

let tmp: string;
let child: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sb-writers-'));
  const bundle = join(tmp, 'append.cjs');
  buildSync({ entryPoints: [join(ROOT, 'src/store/writer/append.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
  child = join(tmp, 'writer.cjs');
  writeFileSync(
    child,
    `const { writeSync } = require('node:fs');
const { appendRecord } = require(${JSON.stringify(bundle)});
const [path, tag, countArg, sizeArg] = process.argv.slice(2);
const count = countArg === 'inf' ? Infinity : Number(countArg);
const size = Number(sizeArg);
writeSync(1, 'ready\\n');
for (let i = 0; i < count; i++) {
  const n = size < 0 ? 1 + Math.floor(Math.random() * -size) : size;
  appendRecord(path, { type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: 'user', content: tag + ':' + i + ':' + 'x'.repeat(n) } });
  writeSync(1, i + '\\n');
}
`,
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  proc: ChildProcess;
  /** Resolves with the indexes acknowledged once the process exits. */
  done: Promise<number[]>;
  ready: Promise<void>;
}

function startWriter(path: string, tag: string, count: string, size: number): Run {
  const proc = spawn(process.execPath, [child, path, tag, count, String(size)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((res) => (onReady = res));
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  proc.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
  const done = new Promise<number[]>((res, rej) =>
    proc.on('exit', (code, signal) => {
      onReady();
      if (code !== 0 && signal !== 'SIGKILL') rej(new Error(`writer ${tag} failed (${code}): ${stderr}`));
      // A line cut by the kill is no acknowledgement.
      else res(out.split('\n').slice(1, -1).map(Number));
    }),
  );
  return { proc, done, ready };
}

/** The tags of the file's records, and its lines that are not whole records (only a last, torn one may be). */
function readBack(path: string): { tags: string[]; broken: number[] } {
  const lines = readFileSync(path, 'utf8').split('\n');
  const tags: string[] = [];
  const broken: number[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    try {
      const content = (JSON.parse(line) as { message: { content: string } }).message.content;
      tags.push(content.slice(0, content.lastIndexOf(':')));
    } catch {
      broken.push(i);
    }
  });
  return { tags, broken: broken.filter((i) => i !== lines.length - 1) };
}

describe('robustness: concurrent and killed writers', () => {
  it('eight processes appending 64 KB records to one session: every record read back whole, once', async () => {
    const path = join(tmp, 'concurrent.jsonl');
    const runs = Array.from({ length: 8 }, (_, k) => startWriter(path, `w${k}`, '30', 64 * 1024));
    const acked = await Promise.all(runs.map((r) => r.done));
    const { tags, broken } = readBack(path);
    expect(broken).toEqual([]);
    const want = acked.flatMap((idx, k) => idx.map((i) => `w${k}:${i}`));
    expect(want).toHaveLength(8 * 30);
    expect(tags.sort()).toEqual(want.sort());
  }, 60_000);

  it('200 writers killed with SIGKILL at random points: every acknowledged record is read back, once', async () => {
    const LANES = 4;
    const TRIALS = 50;
    const lane = async (l: number): Promise<void> => {
      const path = join(tmp, `killed-${l}.jsonl`);
      const acked: string[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const tag = `l${l}t${trial}`;
        const run = startWriter(path, tag, 'inf', -64 * 1024);
        await run.ready;
        await new Promise((res) => setTimeout(res, Math.random() * 25));
        run.proc.kill('SIGKILL');
        acked.push(...(await run.done).map((i) => `${tag}:${i}`));
      }
      // A last writer repairs whatever the last kill left, and must not be stuck on a stale lock.
      const last = startWriter(path, `l${l}end`, '1', 10);
      acked.push(...(await last.done).map((i) => `l${l}end:${i}`));
      const { tags, broken } = readBack(path);
      expect(broken).toEqual([]);
      const seen = new Set(tags);
      expect(seen.size).toBe(tags.length);
      expect(acked.filter((t) => !seen.has(t))).toEqual([]);
      expect(tags).toContain(`l${l}end:0`);
    };
    await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l)));
  }, 240_000);
});
