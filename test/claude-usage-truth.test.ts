/**
 * Issue 8, "costs that match the bill": on a small tree from
 * fixtures/generate-claude.ts (streaming copies, subagents, compaction
 * workers, `<synthetic>` and API-error lines, 5m/1h cache writes, several
 * models, interrupted responses, forked sessions) our `usage --json` totals equal the
 * generator's ground truth exactly, and so do ccusage 20.0.24's (run offline).
 * Hand-made lines then pin where the two tools' rules part (README "Costs
 * compared with ccusage").
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClaudeTree, type ClaudeTruth } from '../fixtures/generate-claude.js';
import { CCUSAGE_ARGS, ccusageCommand, ccusageTotals, oursTotals, type Totals } from '../bench/ccusage.bench.js';
import { ROOT, runCli } from './helpers/cli.js';

let dir: string;
let tree: string;
let truth: ClaudeTruth;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-claude-truth-'));
  tree = join(dir, 'claude');
  // Seed 37 at 2 MB (7 sessions of which 2 forks, 2.1 MB) holds every feature the assertions below check for.
  truth = generateClaudeTree({ out: tree, bytes: 2e6, seed: 37 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cache = (): string => mkdtempSync(join(dir, 'cache-'));
const ours = (claudeDir: string, command: 'usage' | 'list' = 'usage'): string => {
  const r = runCli([command, '--json', '--all', '--source', 'claude', '--claude-dir', claudeDir], { env: { XDG_CACHE_HOME: cache() } });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const truthTotals = (t: ClaudeTruth): Totals => ({ input: t.truth.input, output: t.truth.output, cacheRead: t.truth.cacheRead, cacheWrite: t.truth.cacheWrite });

function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

describe('generate-claude', () => {
  it('writes every case the counting rules are about', () => {
    expect(truth.sessions).toBeGreaterThan(2);
    expect(truth.subagentFiles).toBeGreaterThan(truth.compactionWorkers);
    expect(truth.compactionWorkers).toBeGreaterThan(0);
    expect(truth.compactBoundaries).toBe(truth.compactionWorkers);
    expect(truth.apiErrorLines).toBeGreaterThan(0);
    expect(truth.syntheticLines).toBeGreaterThan(0);
    expect(truth.interrupted).toBeGreaterThan(0); // only partial copies on disk: the largest of them counts
    expect(truth.usageLines).toBeGreaterThan(truth.responses); // streaming copies
    expect(truth.truth.cacheWrite5m).toBeGreaterThan(0);
    expect(truth.truth.cacheWrite1h).toBeGreaterThan(0);
    expect(Object.keys(truth.byModel).length).toBeGreaterThan(2);
    // The rules that would be wrong give other totals, so a reader that follows one is caught.
    expect(truth.rules.everyLine.output).toBeGreaterThan(truth.truth.output);
    expect(truth.rules.firstCopy.output).toBeLessThan(truth.truth.output);
    expect(truth.rules.mainFilesOnly.input).toBeLessThan(truth.truth.input);
    // Forked sessions copy responses into their own files: deduplicating each session alone counts them again.
    expect(truth.forks).toBeGreaterThan(0);
    expect(truth.copiedResponses).toBeGreaterThan(0);
    expect(truth.rules.perSession.output).toBeGreaterThan(truth.truth.output);
    const files = filesOf(join(tree, 'projects'));
    expect(files.some((f) => /\/subagents\/agent-acompact-[0-9a-f]+\.jsonl$/.test(f))).toBe(true);
    expect(files.some((f) => /\/subagents\/agent-a[0-9a-f]+\.meta\.json$/.test(f))).toBe(true);
    expect(files.reduce((n, f) => n + statSync(f).size, 0)).toBeGreaterThanOrEqual(truth.bytes);
  });

  it('is deterministic for a seed', () => {
    const digest = (root: string): string => {
      const h = createHash('sha256');
      for (const f of filesOf(join(root, 'projects'))) h.update(f.slice(root.length)).update(readFileSync(f));
      return h.digest('hex');
    };
    const again = join(dir, 'again');
    expect(generateClaudeTree({ out: again, bytes: 2e6, seed: 37 })).toEqual(truth);
    expect(digest(again)).toBe(digest(tree));
  });
});

describe('usage --json on a generated Claude tree', () => {
  it('equals the ground truth exactly: totals, models, 5-minute and 1-hour writes', () => {
    const report = JSON.parse(ours(tree)) as { rows: { model: string; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number }[] };
    expect(oursTotals(ours(tree))).toEqual(truthTotals(truth));
    const byModel = Object.fromEntries(report.rows.map((r) => [r.model, { input: r.inputTokens, output: r.outputTokens, cacheRead: r.cacheReadTokens, cacheWrite: r.cacheWriteTokens }]));
    const want = Object.fromEntries(Object.entries(truth.byModel).map(([m, t]) => [m, { input: t.input, output: t.output, cacheRead: t.cacheRead, cacheWrite: t.cacheWrite }]));
    expect(byModel).toEqual(want);
    // The split of the writes (priced apart) from the sessions' tokens, and the forks' copies netted out of usage.
    const list = JSON.parse(ours(tree, 'list')) as { sessions: { tokens: { cacheWrite5m?: number; cacheWrite1h?: number } }[] };
    expect(list.sessions).toHaveLength(truth.sessions); // subagent files are parts, never sessions
    const w5 = list.sessions.reduce((n, s) => n + (s.tokens.cacheWrite5m ?? 0), 0);
    const w1 = list.sessions.reduce((n, s) => n + (s.tokens.cacheWrite1h ?? 0), 0);
    // `list` shows each file as it is, so a fork's copied responses are in its figures too (usage nets them out).
    expect({ w5, w1 }).toEqual({ w5: truth.rules.perSession.cacheWrite5m, w1: truth.rules.perSession.cacheWrite1h });
    expect(w5 + w1).toBeGreaterThan(truth.truth.cacheWrite);
  });
});

const cc = ccusageCommand(ROOT);
if (!cc) console.warn('ccusage comparison skipped: ccusage (a dev dependency) is not installed');

/** ccusage's totals for a Claude folder, offline, in a HOME of its own. */
function ccusage(claudeDir: string): Totals {
  const home = mkdtempSync(join(dir, 'home-'));
  const r = spawnSync(cc!.command, [...cc!.args, ...CCUSAGE_ARGS], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC', NO_COLOR: '1', CLAUDE_CONFIG_DIR: claudeDir, XDG_CACHE_HOME: join(home, '.cache') },
    timeout: 15_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return ccusageTotals(r.stdout);
}

describe.skipIf(!cc)('ccusage 20.0.24 beside usage --json', () => {
  it('counts the generated tree as we do: both equal the ground truth', () => {
    expect(ccusage(tree)).toEqual(truthTotals(truth));
  });

  /** A one-line assistant record with usage. */
  const line = (session: string, id: string, requestId: string | null, output: number, extra: Record<string, unknown> = {}, model = 'claude-sonnet-4-5-20250929'): string =>
    JSON.stringify({
      type: 'assistant', sessionId: session, cwd: '/w/p', timestamp: '2026-01-02T10:00:00Z', uuid: `${id}-${output}`,
      ...(requestId ? { requestId } : {}),
      message: { id, model, role: 'assistant', content: [{ type: 'text', text: 'x' }], usage: { input_tokens: 10, output_tokens: output, cache_read_input_tokens: 100, cache_creation_input_tokens: 0 } },
      ...extra,
    });
  const S1 = '11111111-1111-4111-8111-111111111111';
  const S2 = '22222222-2222-4222-8222-222222222222';
  const write = (name: string, files: Record<string, string[]>): string => {
    const root = join(dir, name);
    for (const [p, lines] of Object.entries(files)) {
      const f = join(root, 'projects', p);
      mkdirSync(join(f, '..'), { recursive: true });
      writeFileSync(f, lines.join('\n') + '\n');
    }
    return root;
  };
  const T = (input: number, output: number, cacheRead: number): Totals => ({ input, output, cacheRead, cacheWrite: 0 });

  it('where the rules part: usage on <synthetic> and API-error lines (Claude writes zeros there)', () => {
    const root = write('synthetic', {
      [`-w-p/${S1}.jsonl`]: [line(S1, 'm1', 'r1', 50, {}, '<synthetic>'), line(S1, 'm2', 'r2', 40, { isApiErrorMessage: true })],
    });
    expect(oursTotals(ours(root))).toEqual(T(0, 0, 0)); // ADAPTERS.md: no call was billed
    expect(ccusage(root)).toEqual(T(20, 90, 200)); // ccusage sums them
  });

  it('where the rules agree: a response copied into another session file (a fork or an old resume) counts once', () => {
    const root = write('cross', { [`-w-p/${S1}.jsonl`]: [line(S1, 'm1', 'r1', 50)], [`-w-q/${S2}.jsonl`]: [line(S2, 'm1', 'r1', 50)] });
    expect(ccusage(root)).toEqual(T(10, 50, 100)); // ccusage dedupes over the whole tree
    expect(oursTotals(ours(root))).toEqual(T(10, 50, 100)); // so do we (ADAPTERS.md: "across files")
  });

  it('where the rules agree: the largest copy counts, also when it is in the later session file', () => {
    // S2 copied m1 while it streamed (5 output tokens) and holds the finished response (80); S1 stopped at 20.
    const root = write('cross-larger', {
      [`-w-p/${S1}.jsonl`]: [line(S1, 'm1', 'r1', 20), line(S1, 'm2', 'r2', 7)],
      [`-w-p/${S2}.jsonl`]: [line(S2, 'm1', 'r1', 5), line(S2, 'm1', 'r1', 80), line(S2, 'm3', 'r3', 9)],
    });
    expect(ccusage(root)).toEqual(T(30, 96, 300));
    expect(oursTotals(ours(root))).toEqual(T(30, 96, 300));
  });

  it('where the rules part: repeated lines with no requestId', () => {
    const root = write('noreq', { [`-w-p/${S1}.jsonl`]: [line(S1, 'm1', null, 50), line(S1, 'm1', null, 50)] });
    expect(ccusage(root)).toEqual(T(10, 50, 100)); // ccusage falls back to message.id
    expect(oursTotals(ours(root))).toEqual(T(20, 100, 200)); // ours keys only the id + requestId pair
  });

  it('where the rules agree: largest copy kept wherever it stands, subagent files read', () => {
    const root = write('agree', {
      [`-w-p/${S1}.jsonl`]: [line(S1, 'm1', 'r1', 5), line(S1, 'm1', 'r1', 50), line(S1, 'm1', 'r1', 20)],
      [`-w-p/${S1}/subagents/agent-a1.jsonl`]: [line(S1, 'm2', 'r2', 7, { isSidechain: true })],
    });
    expect(ccusage(root)).toEqual(T(20, 57, 200));
    expect(oursTotals(ours(root))).toEqual(T(20, 57, 200));
  });
});
