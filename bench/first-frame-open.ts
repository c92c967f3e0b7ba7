/**
 * Time to the first replay frame of a big session, and to its fully read
 * transcript, in a real pty: the browser lists `--home HOME --all`, → opens
 * the selected session, and we time (from the key) the first frame that
 * shows a replay position ("line 1/…"), a `j` pressed at once being drawn
 * ("line 2/…": keys work while the rest is read), and the position of the
 * whole transcript ("(0%)"/"(100%)", not "so far"). Several CLIs run in
 * turn, so ratios come from one run. The home is only read.
 *
 *   tsx bench/first-frame-open.ts HOME CLI [CLI...]   (BENCH_REPS, default 1)
 */
import * as pty from 'node-pty';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[=>78]/g;

async function run(cli: string, home: string, env: Record<string, string>): Promise<{ firstMs: number; keyMs: number; wholeMs: number }> {
  const p = pty.spawn(process.execPath, [cli, '--home', home, '--all'], { name: 'xterm-256color', cols: 120, rows: 40, cwd: tmpdir(), env });
  let raw = '';
  let mark = 0;
  p.onData((d) => void (raw += d));
  const seen = async (re: RegExp, timeoutMs = 600_000): Promise<number> => {
    const end = performance.now() + timeoutMs;
    while (performance.now() < end) {
      if (re.test(raw.slice(Math.max(mark, raw.length - 65536)).replace(ANSI, ''))) return performance.now();
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`timed out on ${re}: ${raw.slice(-800).replace(ANSI, '')}`);
  };
  try {
    // The large session's first prompt (bench/large-session.ts), in the list's preview.
    await seen(/Read every log file/);
    await new Promise((r) => setTimeout(r, 1500)); // the list settles (its catalog check)
    // A key that moves nothing (the only row): dismisses a flash line, which would take the next key.
    p.write('k');
    await new Promise((r) => setTimeout(r, 500));
    mark = raw.length;
    const t0 = performance.now();
    p.write('\u001b[C');
    const first = await seen(/line 1\/[\d,]+ (\(0%\)|so far)/);
    p.write('j');
    const key = await seen(/line 2\/[\d,]+/);
    const whole = await seen(/line \d+\/[\d,]+ \(\d+%\)/);
    return { firstMs: first - t0, keyMs: key - t0, wholeMs: whole - t0 };
  } finally {
    p.write('q');
    await new Promise((r) => setTimeout(r, 300));
    p.kill();
  }
}

const [home, ...clis] = process.argv.slice(2);
if (!home || clis.length === 0) throw new Error('usage: first-frame-open.ts HOME CLI [CLI...]');
const reps = Number(process.env.BENCH_REPS ?? 1);
for (const cli of clis) {
  const scratch = mkdtempSync(join(tmpdir(), 'sb-bench-first-'));
  const env = { ...(process.env as Record<string, string>), HOME: scratch, XDG_CACHE_HOME: join(scratch, 'cache'), XDG_CONFIG_HOME: join(scratch, 'config'), TZ: 'UTC' };
  try {
    for (let i = 0; i <= reps; i++) {
      const r = await run(cli, home, env);
      // The first run also fills the catalog: reported, marked cold.
      console.log(`${cli} ${i === 0 ? '(cold catalog)' : `rep ${i}`}: first frame ${Math.round(r.firstMs)} ms · key drawn ${Math.round(r.keyMs)} ms · whole ${Math.round(r.wholeMs)} ms`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
