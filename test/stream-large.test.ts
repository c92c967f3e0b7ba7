/**
 * Issue 6 item 9: sessions of any size open. `replay`, `export` (md, json)
 * and the resume context stream record by record: a session far bigger than
 * the heap they are given replays and exports completely, and the streamed
 * text is byte for byte what the in-memory renderers give.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLargeSession, type LargeSession } from '../fixtures/generate.js';
import { buildReplayLines } from '../src/format/replay-lines.js';
import { exportCommand } from '../src/app/commands/export.js';
import { replayCommand, REPLAY_ALL_HINT } from '../src/app/commands/replay.js';
import { buildContext, type AppContext } from '../src/app/context.js';
import { toJson, type Io } from '../src/app/io.js';
import { transcriptToMarkdown } from '../src/format/markdown.js';
import { listSessionFiles } from '../src/store/sources/native/discover.js';
import { writeContextFile, writeContextStream } from '../src/store/actions/resume.js';
import { stringSink } from '../src/store/actions/text-sink.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { streamResumeContext } from '../src/store/scan/transcript-stream.js';
import { CLI, demoCopy, ROOT, runCli } from './helpers/cli.js';

const DAY = 86_400_000;

describe('a 12 MB session with 64 KB tool outputs, in a 32 MB heap (the whole text would not fit)', () => {
  let home: string;
  let big: LargeSession;
  let out: string;
  // The old in-memory replay and exports abort with "heap out of memory" under this limit.
  const HEAP = { NODE_OPTIONS: '--max-old-space-size=32' };
  // The built binary, as a user runs it (runCli's environment); stdout is bigger than spawnSync's default 1 MB buffer.
  const cli = (args: string[]): { code: number; stdout: string; stderr: string } => {
    const res = spawnSync(process.execPath, [CLI, ...args, '--home', home], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', NO_COLOR: '1', COLUMNS: '200', XDG_CONFIG_HOME: join(tmpdir(), 'sb-no-config'), XDG_CACHE_HOME: join(out, 'cache'), ...HEAP },
    });
    return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
  };

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'sb-large-'));
    out = mkdtempSync(join(tmpdir(), 'sb-large-out-'));
    // Two days old: not a running session, so `resume` needs no --force.
    big = generateLargeSession({ home, bytes: 12e6, toolOutputBytes: 64 * 1024, checkpointEvery: 50, now: Date.now() - 2 * DAY });
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('replays every turn through to the last message', () => {
    const res = cli(['replay', big.id]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.match(/^▌ user/gm)).toHaveLength(big.turns);
    expect(res.stdout).toContain(big.lastAssistantText);
    // The last tool output, unfolded to its last sentence, then exactly one newline.
    expect(res.stdout.slice(-70_000)).toContain(`logs/part-${big.turns}.log`);
    expect(res.stdout.endsWith('.\n')).toBe(true);
  });

  it('replays from the last checkpoint: its summary first, the turns after it, nothing before', () => {
    const res = cli(['replay', big.id, '--from-checkpoint']);
    expect(res.code).toBe(0);
    const lastCp = big.checkpoints * 50;
    expect(res.stdout.split('\n')[0]).toMatch(/^From checkpoint/);
    expect(res.stdout).toContain(`Summary of turns 1-${lastCp}:`);
    expect(res.stdout).not.toContain(`Turn ${lastCp}:`);
    // The checkpoint's summary is a system message; the user turns are those after it.
    expect(res.stdout.match(/^▌ system/gm)).toHaveLength(1);
    expect(res.stdout.match(/^▌ user/gm)).toHaveLength(big.turns - lastCp);
    expect(res.stdout).toContain(big.lastAssistantText);
  });

  it('exports markdown to a file, complete', () => {
    const file = join(out, 'big.md');
    const res = cli(['export', big.id, '--format', 'md', '-o', file]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`Exported ${big.id} to ${file}`);
    const md = readFileSync(file, 'utf8');
    expect(md.startsWith('# Read every log file (large session)\n')).toBe(true);
    expect(md.match(/^### User/gm)).toHaveLength(big.turns);
    expect(md.match(/^\*\*Tool result\*\*/gm)).toHaveLength(big.turns);
    expect(md).toContain(big.lastAssistantText);
    // The last tool output is there to its end, in its closed fence.
    expect(md.slice(-70_000)).toContain(`logs/part-${big.turns}.log`);
    expect(md.endsWith('```\n')).toBe(true);
  });

  it('exports JSON that parses, with every entry and the resume context', () => {
    const file = join(out, 'big.json');
    const res = cli(['export', big.id, '--format', 'json', '-o', file]);
    expect(res.code).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { summary: { id: string }; entries: { kind: string; text?: string }[]; resumeContext: { role: string; content: string }[] };
    expect(json.summary.id).toBe(big.id);
    // Per turn: user message, assistant message, its tool call, usage, tool result; plus the checkpoints.
    expect(json.entries).toHaveLength(big.turns * 5 + big.checkpoints);
    expect(json.entries.filter((e) => e.text === big.lastAssistantText)).toHaveLength(1);
    const after = big.turns - big.checkpoints * 50;
    expect(json.resumeContext).toHaveLength(1 + after * 3);
    expect(json.resumeContext[0]!.content).toMatch(new RegExp(`^Summary of turns 1-${big.checkpoints * 50}:`));
    expect(json.resumeContext.at(-1)!.content).toMatch(new RegExp(`^logs/part-${big.turns}\\.log\\n`));
  });

  it('writes the resume context file (--context) line by line: the last checkpoint, then every message after it', () => {
    const file = join(out, 'context.jsonl');
    const res = cli(['resume', big.id, '--context', file]);
    expect(res.code).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const after = big.turns - big.checkpoints * 50;
    expect(lines).toHaveLength(1 + after * 3);
    expect(JSON.parse(lines[0]!).role).toBe('system');
    expect(JSON.parse(lines.at(-2)!).content).toBe(big.lastAssistantText);
  });
});

describe('streamed output is exactly the in-memory output (every demo session)', () => {
  let copy: { home: string; cleanup: () => void };
  let ctx: AppContext;
  let scratch: string;
  const env = { XDG_CONFIG_HOME: join(tmpdir(), 'sb-no-config'), XDG_CACHE_HOME: '', TZ: 'UTC', SESSION_BROWSER_NOW: '2026-11-21T12:00:00Z' };

  /** An Io whose stdout is captured by a string sink. */
  function captureIo(width: number | null): { io: Io; text: () => string } {
    const sink = stringSink();
    return { io: { out: () => undefined, err: () => undefined, columns: width, sink: () => sink }, text: () => sink.text() };
  }

  beforeAll(() => {
    copy = demoCopy();
    scratch = mkdtempSync(join(tmpdir(), 'sb-stream-eq-'));
    env.XDG_CACHE_HOME = join(scratch, 'cache');
    ctx = buildContext({ home: copy.home, all: true }, env);
  });
  afterAll(() => {
    copy.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('replay, replay --from-checkpoint, export md and json, and the context file', async () => {
    const files = await listSessionFiles(copy.home, null);
    expect(files.length).toBeGreaterThan(15);
    let compared = 0;
    for (const file of files) {
      const opts = ctx.catalog.readOptions(file.projectId);
      const t = await loadTranscript(file.path, opts);
      for (const fromCheckpoint of [false, true]) {
        const lines = buildReplayLines(t, { width: 100, expanded: new Set(t.entries.keys()), fromCheckpoint, tz: ctx.tz, allHint: REPLAY_ALL_HINT });
        const joined = lines.map((l) => l.text.trimEnd()).join('\n');
        const cap = captureIo(100);
        await replayCommand(ctx, file.id, fromCheckpoint ? { 'from-checkpoint': true } : {}, cap.io);
        expect(cap.text(), `replay ${file.id}`).toBe(joined.endsWith('\n') ? joined : `${joined}\n`);
      }

      const md = captureIo(null);
      await exportCommand(ctx, file.id, { format: 'md' }, md.io);
      expect(md.text(), `export md ${file.id}`).toBe(transcriptToMarkdown(t, { tz: ctx.tz }));

      const jsonFile = join(scratch, `${file.id}.json`);
      await exportCommand(ctx, file.id, { format: 'json', output: jsonFile }, captureIo(null).io);
      const expected = toJson({ summary: t.summary, entries: t.entries, resumeContext: t.resumeContext });
      expect(readFileSync(jsonFile, 'utf8'), `export json ${file.id}`).toBe(`${expected}\n`);

      const streamed = await writeContextStream((emit) => streamResumeContext(file.path, opts, emit), join(scratch, `${file.id}.ctx`));
      const whole = writeContextFile(t.resumeContext, join(scratch, `${file.id}.ctx-whole`));
      expect(readFileSync(streamed, 'utf8'), `context ${file.id}`).toBe(readFileSync(whole, 'utf8'));
      compared++;
    }
    expect(compared).toBe(files.length);
    // The demo has sessions with checkpoints and with an events context (so both resets are covered).
    expect(readdirSync(scratch).filter((f) => f.endsWith('.ctx')).map((f) => basename(f, '.ctx'))).toEqual(
      expect.arrayContaining(['fix-login-test', 'run-add-retries']),
    );
  });
});

describe('an output path that is the session log being read is refused, never truncated', () => {
  it('export -o and resume --context naming the session file exit 1 and leave it whole', async () => {
    const copy = demoCopy();
    try {
      const [file] = (await listSessionFiles(copy.home, null)).filter((f) => f.id === 'fix-login-test');
      const before = readFileSync(file!.path, 'utf8');
      const exp = runCli(['export', 'fix-login-test', '--home', copy.home, '-o', file!.path]);
      expect(exp.code).toBe(1);
      expect(exp.stderr).toMatch(/refusing to write .*fix-login-test\.jsonl: it is the session log being read/);
      const res = runCli(['resume', 'fix-login-test', '--home', copy.home, '--force', '--context', file!.path]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/refusing to write/);
      expect(readFileSync(file!.path, 'utf8')).toBe(before);
    } finally {
      copy.cleanup();
    }
  });
});
