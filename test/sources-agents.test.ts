/**
 * Claude Code, Codex and Gemini CLI sessions (issue 8): the fixtures in
 * fixtures/agents/ are laid out as each tool lays them out, and every
 * figure below is computed by hand from them (see each comment).
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { sourceLocations } from '../src/store/sources/registry.js';
import type { SessionSummary } from '../src/store/types.js';

const AGENTS = fileURLToPath(new URL('../fixtures/agents', import.meta.url));

function catalogOf(source: 'claude' | 'codex' | 'gemini'): SessionCatalog {
  return new SessionCatalog({
    home: '/nonexistent/sb-home',
    cache: new SummaryCache(null),
    locations: sourceLocations([source], { [source]: { dir: `${AGENTS}/${source}`, named: true } }),
  });
}

async function load(source: 'claude' | 'codex' | 'gemini'): Promise<Map<string, SessionSummary>> {
  const catalog = new SessionCatalog({
    home: '/nonexistent/sb-home',
    cache: new SummaryCache(null),
    locations: sourceLocations([source], { [source]: { dir: `${AGENTS}/${source}`, named: true } }),
  });
  const { sessions, unreadable } = await catalog.summaries(null, { includeEmpty: true });
  expect(unreadable).toEqual([]);
  return new Map(sessions.map((s) => [s.id, s]));
}

describe('Claude Code sessions', () => {
  it('a warm catalog serves a session read whole until one of its subagent files changes or is added', async () => {
    const { cpSync, mkdtempSync, appendFileSync, readFileSync, rmSync, utimesSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'sb-parts-'));
    try {
      cpSync(`${AGENTS}/claude`, join(dir, 'claude'), { recursive: true });
      const session = join(dir, 'claude/projects/-work-app-sub/1d3b2c4e-0000-4000-8000-00000000000a');
      const open = () =>
        new SessionCatalog({
          home: '/nonexistent/sb-home',
          cache: new SummaryCache(join(dir, 'catalog.sqlite'), '/nonexistent/sb-home'),
          locations: sourceLocations(['claude'], { claude: { dir: join(dir, 'claude'), named: true } }),
        });
      const tokensOf = async () => {
        const { sessions } = await open().summaries(null, { includeEmpty: true });
        const s = sessions.find((x) => x.id === '1d3b2c4e-0000-4000-8000-00000000000a')!;
        return { input: s.tokens.input, parts: s.parts?.length };
      };
      const agent = join(session, 'subagents/agent-a1b2c3.jsonl');
      const then = new Date('2026-01-03T00:00:00Z');
      utimesSync(agent, then, then);
      expect(await tokensOf()).toEqual({ input: 135, parts: 2 });
      // Served from the catalog, subagent file unread: blanked in place with its size and mtime kept, nothing changes.
      const original = readFileSync(agent);
      writeFileSync(agent, Buffer.alloc(original.length, 0x20));
      utimesSync(agent, then, then);
      expect(await tokensOf()).toEqual({ input: 135, parts: 2 });
      writeFileSync(agent, original);
      utimesSync(agent, then, then);
      // The subagent made another call (its mtime moved on too): the session is read again.
      const line = (id: string, input: number) =>
        `{"sessionId":"1d3b2c4e-0000-4000-8000-00000000000a","isSidechain":true,"type":"assistant","uuid":"u-${id}","timestamp":"2026-01-02T10:09:00Z","requestId":"r-${id}","message":{"model":"claude-haiku-4-5-20251001","id":"${id}","role":"assistant","content":[{"type":"text","text":"more"}],"usage":{"input_tokens":${input},"output_tokens":1}}}\n`;
      appendFileSync(agent, line('msg_extra', 1000));
      utimesSync(agent, new Date(), new Date(Date.now() + 5000));
      expect(await tokensOf()).toEqual({ input: 1135, parts: 2 });
      // A new subagent file: a third part.
      cpSync(agent, join(session, 'subagents/agent-z9.jsonl'));
      appendFileSync(join(session, 'subagents/agent-z9.jsonl'), line('msg_new', 7));
      expect(await tokensOf()).toEqual({ input: 1142, parts: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('title, counts, tokens and cost of a session with streaming copies, a subagent, a compaction and a rename', async () => {
    const sessions = await load('claude');
    expect(sessions.size).toBe(2); // the subagent and compaction-worker files are parts, not sessions
    const s = sessions.get('1d3b2c4e-0000-4000-8000-00000000000a')!;
    expect(s.source).toBe('claude');
    expect(s.parts).toHaveLength(2);
    expect(s.title).toBe('Login fix'); // the last custom title beats the AI title and the first prompt
    expect(s.workspace).toBe('/work/app/sub');
    // "Fix the login bug", "Now add a test"; not the isMeta caveat, the tool result, the compact summary nor the system reminder.
    expect(s.userMessages).toBe(2);
    expect(s.assistantMessages).toBe(3); // msg_1 (two lines), msg_2, msg_3; not the <synthetic> error
    expect(s.toolCalls).toBe(1);
    expect(s.checkpoints).toBe(1);
    expect(s.lastCheckpoint?.tokenCount).toBe(800); // compactMetadata.postTokens
    expect(s.model).toBe('claude-sonnet-4-5-20250929');
    // msg_1 largest copy (10 in, 50 out, 100 5m write) + msg_2 (20, 30, 100 read, 200 1h write)
    // + msg_3 once although the subagent file repeats it (5, 10, 300 read) + the subagent's msg_9 (100, 20).
    expect(s.tokens).toEqual({ input: 135, output: 110, cacheRead: 400, cacheWrite: 300, cacheWrite5m: 100, cacheWrite1h: 200, total: 945, estimated: false });
    // Sonnet 4.5: 35x3 + 90x15 + 400x0.3 + 100x3.75 + 200x6 (1h = 2x input) = 3150; Haiku 4.5: 100x1 + 20x5 = 200. micro-USD.
    expect(s.costMicros).toBe(3350);
    expect(s.models.map((m) => [m.model, m.calls]).sort()).toEqual([
      ['claude-haiku-4-5-20251001', 1],
      ['claude-sonnet-4-5-20250929', 3],
    ]);
  });

  it('a session that is only a slash command is titled by it, never by a summary of another file', async () => {
    const s = (await load('claude')).get('1d3b2c4e-0000-4000-8000-00000000000b')!;
    expect(s.title).toBe('/init');
    expect(s.userMessages).toBe(1);
    expect(s.tokens.input + s.tokens.output).toBe(10);
    expect(s.costMicros).toBe(7 * 3 + 3 * 15);
  });
});

describe('replay of another agent’s session', () => {
  // Gemini is left out: its replay still shows the messages a $rewindTo dropped (and their usage), which the summary retracts.
  it.each(['claude', 'codex'] as const)('%s: shows each API call once, with the figures the summary counts', async (source) => {
    const catalog = catalogOf(source);
    const { sessions } = await catalog.summaries(null, { includeEmpty: true });
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      const t = await catalog.transcript(s);
      const usage = t.entries.filter((e) => e.kind === 'usage');
      const calls = s.models.reduce((n, m) => n + m.calls, 0);
      // Streaming copies (Claude) and re-emitted totals (Codex) are one call each.
      expect(usage.length, s.id).toBeLessThanOrEqual(Math.max(calls, 1) + 1);
      if (source === 'claude') {
        expect(usage.length, s.id).toBe(calls);
        expect(usage.reduce((n, e) => n + (e.kind === 'usage' ? e.tokens.output : 0), 0), s.id).toBe(s.tokens.output);
      }
    }
  });
});

describe('Codex sessions', () => {
  it('counts only increases of total_token_usage, keeps cached input apart, takes the session_index name', async () => {
    const s = (await load('codex')).get('019b0000-0000-7000-8000-00000000000c')!;
    expect(s.source).toBe('codex');
    expect(s.title).toBe('Retry the HTTP client'); // the blank later name is ignored
    expect(s.workspace).toBe('/work/app');
    expect(s.userMessages).toBe(1); // the event_msg copy; not the environment context nor the response_item copy
    expect(s.assistantMessages).toBe(1);
    expect(s.toolCalls).toBe(1);
    expect(s.checkpoints).toBe(1); // `compacted`; its latest_token_usage_record is never counted
    // Last total 2500 in (1200 cached), 160 out (60 reasoning); the re-emitted and post-rollback events add nothing.
    expect(s.tokens).toEqual({ input: 1300, output: 160, cacheRead: 1200, cacheWrite: 0, total: 2660, reasoning: 60, estimated: false });
    expect(s.models[0]?.calls).toBe(2);
    expect(s.costMicros).toBe(1300 * 1.25 + 160 * 10 + 1200 * 0.125); // gpt-5-codex
  });

  it('counts token_usage_record once per response and ignores the totals then', async () => {
    const s = (await load('codex')).get('019b0000-0000-7000-8000-00000000000d')!;
    expect(s.title).toBe('Quick question about the parser');
    // resp_1 (100 in, 10 out) once + resp_2 (50 in of which 20 cached, 5 out of which 2 reasoning).
    expect(s.tokens).toEqual({ input: 130, output: 15, cacheRead: 20, cacheWrite: 0, total: 165, reasoning: 2, estimated: false });
    expect(s.models[0]?.calls).toBe(2);
    expect(s.costMicros).toBe(315); // 130x1.25 + 15x10 + 20x0.125
  });

  it('reads a legacy rollout (bare first line, unwrapped items, state markers)', async () => {
    const s = (await load('codex')).get('5c0a0000-0000-4000-8000-0000000000aa')!;
    expect(s.title).toBe('Explain the legacy parser');
    expect([s.userMessages, s.assistantMessages, s.unknownLines]).toEqual([1, 1, 0]);
    expect(s.costUsd).toBeNull();
  });
});

describe('Gemini CLI sessions', () => {
  it('keeps the last copy per message id, applies $rewindTo and $set, bills thoughts as output', async () => {
    const sessions = await load('gemini');
    expect([...sessions.keys()].sort()).toEqual(['aaaa1111-0000-4000-8000-000000000001', 'bbbb2222-0000-4000-8000-000000000002', 'cccc3333-0000-4000-8000-000000000003']);
    const s = sessions.get('aaaa1111-0000-4000-8000-000000000001')!;
    expect(s.source).toBe('gemini');
    expect(s.title).toBe('Haiku about logs'); // the $set summary
    expect(s.workspace).toBe('/work/app'); // .project_root
    // g1's last copy: 1000 in of which 400 cached, 50 out + 30 thoughts; g2 was rewound away.
    expect(s.tokens).toEqual({ input: 600, output: 80, cacheRead: 400, cacheWrite: 0, total: 1080, reasoning: 30, estimated: false });
    expect(s.costMicros).toBe(600 * 1.25 + 80 * 10 + 400 * 0.125); // gemini-2.5-pro
    expect(s.firstPrompt).toBe('Write a haiku about logs'); // '/help' is no prompt
  });

  it('counts a legacy .json and its migrated .jsonl once, and reads a legacy-only .json', async () => {
    const sessions = await load('gemini');
    const migrated = sessions.get('bbbb2222-0000-4000-8000-000000000002')!;
    expect(migrated.path.endsWith('.jsonl')).toBe(true);
    expect(migrated.costMicros).toBe(200 * 1.25 + 20 * 10);
    const legacy = sessions.get('cccc3333-0000-4000-8000-000000000003')!;
    expect(legacy.title).toBe('Old chat');
    expect(legacy.tokens).toMatchObject({ input: 100, output: 25, reasoning: 5, total: 125 });
    expect(legacy.toolCalls).toBe(1);
  });
});

describe('doctor on other agents\' folders', () => {
  it('checks every file of every source, subagent files included, by its own format, and names a broken line', async () => {
    const { cpSync, mkdirSync, mkdtempSync, appendFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('./helpers/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'sb-doctor-agents-'));
    try {
      cpSync(AGENTS, dir, { recursive: true });
      mkdirSync(join(dir, 'no-native-home'));
      const args = ['doctor', '--all', '--json', '--home', join(dir, 'no-native-home'), '--claude-dir', join(dir, 'claude'), '--codex-dir', join(dir, 'codex'), '--gemini-dir', join(dir, 'gemini')];
      const clean = runCli(args);
      expect(clean.code, clean.stderr).toBe(0);
      const files = (JSON.parse(clean.stdout) as { files: { path: string; dialect: string | null }[] }).files;
      // 2 Claude sessions + 2 subagent files, 3 Codex rollouts, 3 Gemini chats (a legacy .json whose migrated .jsonl is there is that one session).
      expect(files).toHaveLength(10);
      expect(files.some((f) => f.path.endsWith('cccc3333.json'))).toBe(true); // a JSON document, checked as one
      expect(files.filter((f) => f.path.includes('/subagents/'))).toHaveLength(2);
      expect(new Set(files.map((f) => f.dialect))).toEqual(new Set(['claude', 'codex', 'gemini']));
      const sub = join(dir, 'claude/projects/-work-app-sub/1d3b2c4e-0000-4000-8000-00000000000a/subagents/agent-a1b2c3.jsonl');
      appendFileSync(sub, '{"type":"assistant", torn\n');
      const broken = runCli(args);
      expect(broken.code).toBe(1);
      const problems = (JSON.parse(broken.stdout) as { files: { path: string; malformed: number[] }[] }).files.filter((f) => f.malformed.length > 0);
      expect(problems.map((f) => f.path)).toEqual([sub]);
      const table = runCli(args.filter((a) => a !== '--json'));
      expect(table.stdout).toContain('checked under');
      expect(table.stdout).toContain('and the claude, codex, gemini folders; 1 with problems.');
      expect(table.stdout).toContain('agent-a1b2c3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what a run says it reads', () => {
  it('--source claude names the claude folder, never the session home it does not read (doctor and the loading screen)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('./helpers/cli.js');
    const { readingWhere } = await import('../src/app/sources.js');
    const home = mkdtempSync(join(tmpdir(), 'sb-where-'));
    try {
      const r = runCli(['doctor', '--all', '--source', 'claude', '--home', home, '--claude-dir', join(AGENTS, 'claude')]);
      expect(r.stdout).toContain('4 session files checked under the claude folder;');
      expect(r.stdout).not.toContain(home);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    const here = join(AGENTS, 'claude');
    const nowhere = join(home, 'no-such-folder');
    expect(readingWhere('/h', [{ id: 'claude', folder: here }])).toBe('the claude folder');
    expect(readingWhere('/h', [{ id: 'native' }])).toBe('/h');
    expect(readingWhere('/h', [{ id: 'native' }, { id: 'claude', folder: here }, { id: 'codex', folder: join(AGENTS, 'codex') }])).toBe('/h and the claude, codex folders');
    // A folder that does not exist was not read: not named (a machine without Codex), unless nothing else is left.
    expect(readingWhere('/h', [{ id: 'native' }, { id: 'claude', folder: here }, { id: 'codex', folder: nowhere }])).toBe('/h and the claude folder');
    expect(readingWhere('/h', [{ id: 'native' }, { id: 'codex', folder: nowhere }, { id: 'gemini', folder: nowhere }])).toBe('/h');
    // Only missing folders were asked for: they are named with where they were looked for.
    expect(readingWhere('/h', [{ id: 'codex', folder: nowhere }])).toBe(`the codex folder (${nowhere}: no such folder)`);
  });

  it('refuses an empty --source list (it read as "no agent", the native home alone, without a word)', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const r = runCli(['list', '--source', '', '--all']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--source takes a comma list of native, claude, codex, gemini; it was empty');
  });
});

describe('a Claude folder named one level too deep', () => {
  it('--claude-dir .../projects says the folder holds no projects/ and which one to name, not "no such folder"', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const r = runCli(['list', '--all', '--source', 'claude', '--claude-dir', `${AGENTS}/claude/projects`]);
    expect(r.stderr).toContain('holds no projects/ folder (name the folder that holds it, like ~/.claude)');
    expect(r.stderr).not.toContain('no such folder');
  });
});

describe("other agents' sessions are theirs to delete", () => {
  it('delete refuses a Claude session before asking, cleanup leaves them and says so, and nothing of theirs moves', async () => {
    const { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('./helpers/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'sb-delete-agents-'));
    try {
      cpSync(join(AGENTS, 'claude'), join(dir, 'claude'), { recursive: true });
      const home = join(dir, 'home');
      mkdirSync(home);
      const folder = join(dir, 'claude/projects/-work-app');
      const file = readdirSync(folder).find((n) => n.endsWith('.jsonl'))!;
      const id = file.slice(0, -'.jsonl'.length);
      // Old enough for any cleanup: neither active nor recent.
      for (const n of readdirSync(folder)) if (n.endsWith('.jsonl')) utimesSync(join(folder, n), new Date('2026-01-01'), new Date('2026-01-01'));
      const scope = ['--all', '--home', home, '--source', 'claude', '--claude-dir', join(dir, 'claude')];

      const del = runCli(['delete', id, '--yes', '--force', ...scope]);
      expect(del.code).not.toBe(0);
      expect(del.stderr).toContain(`${id} is a Claude Code session`);
      expect(del.stderr).toContain('session-browser deletes only its own sessions');
      // Claude Code has no delete command: the message sends no one looking for one.
      expect(del.stderr).toContain('Claude Code keeps its file, remove it yourself if you mean to');
      expect(del.stderr).not.toContain('delete it with');
      expect(existsSync(join(folder, file))).toBe(true);

      const dry = runCli(['cleanup', '--older-than', '1d', '--dry-run', ...scope]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/No sessions of session-browser's own older than 1d; \d+ sessions? of Claude Code left alone/);

      const real = runCli(['cleanup', '--older-than', '1d', '--yes', ...scope]);
      expect(real.code, real.stderr).toBe(0);
      expect(real.stdout).toContain('of Claude Code left alone');
      expect(existsSync(join(folder, file))).toBe(true);
      expect(existsSync(join(home, '.trash'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a follow-up command carries the source options it was given, so it finds the same sessions when pasted', async () => {
    const { followUpFor } = await import('../src/app/follow-up.js');
    const ctx = { home: '/h', demo: false, project: { id: 'p', root: '/r' } } as never;
    const cmd = followUpFor(ctx, { source: 'native,claude', 'claude-dir': '/x/my claude' } as never, ['cleanup', '--older-than', '30d', '--yes']);
    expect(cmd).toContain("--source=native,claude '--claude-dir=/x/my claude'");
    // A folder given relative is written absolute (the pasted line may run elsewhere); a value starting with '-' stays a value.
    const rel = followUpFor(ctx, { 'codex-dir': 'rel/codex', 'gemini-dir': '-odd' } as never, ['list']);
    expect(rel).toContain(`--codex-dir=${process.cwd()}/rel/codex`);
    expect(rel).toContain(`--gemini-dir=${process.cwd()}/-odd`);
  });
});
