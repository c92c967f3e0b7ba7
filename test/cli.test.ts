import { existsSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_IDS, DEMO_MAIN_ROOT } from '../fixtures/demo-constants.js';
import { demoCopy, runCli } from './helpers/cli.js';

const MAIN_ID = DEMO_PROJECT_IDS[DEMO_MAIN_ROOT];
const ESC = '\u001b';

interface ListJson {
  project: { id: string; root: string };
  sessions: { id: string; updatedAt: string; title: string; costUsd: number | null; empty: boolean; projectId: string }[];
}

describe('session-browser list', () => {
  it('prints the demo project sessions as JSON, newest first, without empty sessions', () => {
    const res = runCli(['list', '--demo', '--json']);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as ListJson;
    expect(json.project).toEqual({ id: MAIN_ID, root: DEMO_MAIN_ROOT });
    const ids = json.sessions.map((s) => s.id);
    expect(ids).toContain('fix-login-test');
    expect(ids).toContain('long-transcript');
    expect(ids).not.toContain('empty-meta-only');
    expect(ids).not.toContain('parquet-export'); // another project
    const times = json.sessions.map((s) => s.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(json.sessions.every((s) => s.projectId === MAIN_ID)).toBe(true);
    expect(Object.keys(json.sessions[0]!)).not.toContain('searchText');
  });

  it('shows empty sessions with --include-empty and every project with --all', () => {
    const withEmpty = JSON.parse(runCli(['list', '--demo', '--json', '--include-empty']).stdout) as ListJson;
    expect(withEmpty.sessions.map((s) => s.id)).toContain('empty-meta-only');
    const all = JSON.parse(runCli(['list', '--demo', '--json', '--all']).stdout) as ListJson;
    expect(all.sessions.map((s) => s.id)).toContain('parquet-export');
    expect(new Set(all.sessions.map((s) => s.projectId)).size).toBe(3);
  });

  it('prints a readable table whose hostile title reaches the terminal only as visible markers', () => {
    const res = runCli(['list', '--demo']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ID\s+AGE\s+MSGS\s+TOOLS\s+MODEL\s+TOKENS\s+COST\s+FLAGS\s+TITLE/);
    expect(res.stdout).toContain('修复登录测试 🐛');
    expect(res.stdout).toContain('␛]0;pwned␇');
    expect(res.stdout.includes(ESC)).toBe(false);
    expect(res.stdout.includes('\u202e')).toBe(false);
    expect(res.stdout).toMatch(/cache-warm-refactor\s+2m ago/); // the demo clock is pinned
  });

  it('at 80 columns cuts a model id in the middle, keeping what tells models apart', () => {
    const res = runCli(['list', '--demo'], { env: { COLUMNS: '80' } });
    expect(res.stdout).toMatch(/^cache-warm-refactor .*…pus-4\.5/m);
    expect(res.stdout).toMatch(/^long-transcript .*…net-4\.6/m);
    expect(res.stdout).not.toContain('claude-…');
  });

  it('aligns columns by display width even with CJK titles', () => {
    const lines = runCli(['list', '--demo', '--all']).stdout.split('\n');
    const cjk = lines.find((l) => l.includes('修复登录测试'))!;
    const ascii = lines.find((l) => l.includes('long-transcript'))!;
    // The PROJECT column starts at the same display column on both rows.
    expect(cjk.indexOf('/home/demo/')).toBe(ascii.indexOf('/home/demo/'));
  });

  it('filters with --query by words said inside messages, and limits', () => {
    const hit = JSON.parse(runCli(['list', '--demo', '--json', '--query', 'zanzibar']).stdout) as ListJson;
    expect(hit.sessions.length).toBeGreaterThanOrEqual(1);
    const limited = JSON.parse(runCli(['list', '--demo', '--json', '--limit', '2']).stdout) as ListJson;
    expect(limited.sessions).toHaveLength(2);
    expect(runCli(['list', '--demo', '--limit', '0']).code).toBe(2);
  });
});

describe('session-browser show / replay / export', () => {
  it('shows one session as JSON with the figures of format §4', () => {
    const res = runCli(['show', 'fix-login-test', '--demo', '--json']);
    expect(res.code).toBe(0);
    const s = JSON.parse(res.stdout);
    expect(s).toMatchObject({ id: 'fix-login-test', dialect: 'store', checkpoints: 2, lastCheckpoint: { tokenCount: 2600, messagesAfter: 3 } });
  });

  it('replays from the last checkpoint: divider first, nothing from before it', () => {
    const full = runCli(['replay', 'fix-login-test', '--demo']).stdout;
    const fromCp = runCli(['replay', 'fix-login-test', '--demo', '--from-checkpoint']).stdout;
    expect(fromCp).toMatch(/checkpoint/i);
    expect(fromCp.length).toBeLessThan(full.length);
    expect(fromCp.includes(ESC)).toBe(false);
  });

  it('exports markdown to a file and JSON to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-export-'));
    const file = join(dir, 'out.md');
    const md = runCli(['export', 'hostile-title', '--demo', '-o', file]);
    expect(md.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# /);
    expect(text.includes(ESC)).toBe(false);
    const json = JSON.parse(runCli(['export', 'fix-login-test', '--demo', '--format', 'json']).stdout);
    expect(json.summary.id).toBe('fix-login-test');
    expect(Array.isArray(json.entries)).toBe(true);
  });
});

describe('JSON output stays inert in a terminal', () => {
  it('escapes bidi overrides and C1 controls from the logs, and still parses to the same text', () => {
    const res = runCli(['export', 'hostile-title', '--demo', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u001b]/);
    expect(res.stdout).toContain('\\u202e');
    expect(JSON.parse(res.stdout).summary.title).toContain('\u202e');
  });
});

describe('session-browser usage', () => {
  it('lays a --pricing file over the built-in table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-pricing-'));
    const file = join(dir, 'prices.json');
    writeFileSync(file, JSON.stringify({ 'qwen3-coder-30b': { input: 1, output: 2 } }));
    const s = JSON.parse(runCli(['show', 'local-qwen-docs', '--demo', '--json', '--pricing', file]).stdout);
    expect(s.costMicros).toBe(s.tokens.input * 1 + s.tokens.output * 2 + (s.tokens.cacheRead + s.tokens.cacheWrite) * 1);
    const bad = runCli(['list', '--demo', '--pricing', join(dir, 'missing.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot read pricing file .*missing\.json/);
  });

  it('aggregates by model with the DESIGN.md row figures and never reports unknown cost as 0', () => {
    const res = runCli(['usage', '--demo', '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.window).toBeNull();
    const keys = ['provider', 'model', 'sessions', 'successSessions', 'failedSessions', 'inputTokens', 'outputTokens', 'totalTokens', 'cacheReadTokens', 'cacheWriteTokens', 'durationMs', 'knownCostUsd', 'unknownCostSessions', 'successRate', 'cacheHitRate', 'costPerSuccess', 'outputTokensPerSecond'];
    for (const k of keys) expect(report.totals).toHaveProperty(k);
    const qwen = report.rows.find((r: { model: string }) => r.model === 'qwen3-coder-30b');
    expect(qwen.knownCostUsd).toBeNull();
    expect(qwen.unknownCostSessions).toBe(1);
  });

  it('windows with --since and groups by endpoint and day', () => {
    const today = JSON.parse(runCli(['usage', '--demo', '--json', '--since', 'today']).stdout);
    expect(today.window.start).toBe('2026-11-21T00:00:00.000Z');
    const all = JSON.parse(runCli(['usage', '--demo', '--json']).stdout);
    expect(today.totals.sessions).toBeLessThan(all.totals.sessions);
    const byDay = JSON.parse(runCli(['usage', '--demo', '--json', '--by', 'day', '--since', '7d']).stdout);
    expect(byDay.rows.every((r: { key: string }) => r.key >= '2026-11-15')).toBe(true);
    const byEndpoint = JSON.parse(runCli(['usage', '--demo', '--json', '--by', 'endpoint']).stdout);
    expect(byEndpoint.rows.some((r: { key: string }) => r.key.startsWith('anthropic|'))).toBe(true);
  });

  it('refuses a bad --since with exit 2 and lists the accepted forms', () => {
    const res = runCli(['usage', '--demo', '--since', 'last tuesday']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('today, Nd (e.g. 7d), a duration (e.g. 2w, 12h), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD');
  });
});

describe('session-browser resume', () => {
  it('prints the argv of a dry run, with the context file holding checkpoint + later messages', () => {
    // A dry run writes the context only to a --context FILE (a temporary one is not left behind).
    const file = join(mkdtempSync(join(tmpdir(), 'sb-ctx-')), 'ctx.jsonl');
    const res = runCli(['resume', 'fix-login-test', '--demo', '--dry-run', '--context', file, '--resume-cmd', 'agent --resume {id} --context {context}']);
    expect(res.code).toBe(0);
    const argv = JSON.parse(res.stdout) as string[];
    expect(argv.slice(0, 3)).toEqual(['agent', '--resume', 'fix-login-test']);
    expect(argv[4]).toBe(file);
    const context = readFileSync(argv[4]!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(context[0].role).toBe('system'); // the checkpoint's summary
    expect(context).toHaveLength(2 + 3); // the checkpoint's 2 messages + the 3 recorded after it
    expect(context[1].content).toBe('好的，请修复它。Use a fake clock.');
  });

  it('writes --context FILE and takes the template from the environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-ctx-')), 'ctx.jsonl');
    const res = runCli(['resume', 'long-transcript', '--demo', '--dry-run', '--context', file], { env: { SESSION_BROWSER_RESUME_CMD: 'agent {context}' } });
    expect(JSON.parse(res.stdout)).toEqual(['agent', file]);
    expect(existsSync(file)).toBe(true);
  });

  it('runs the command without a shell and exits with its code', () => {
    const res = runCli(['resume', 'fix-login-test', '--demo', '--resume-cmd', `${process.execPath} -e "process.stdout.write(process.argv[1]);process.exit(3)" {id};echo`]);
    expect(res.stdout).toBe('fix-login-test;echo');
    expect(res.code).toBe(3);
  });

  it('prints the id and a hint when no command is configured; --last honours --max-age', () => {
    const res = runCli(['resume', '--last', '--demo']);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe('cache-warm-refactor');
    expect(res.stderr).toMatch(/no resume command configured/);
    const tooOld = runCli(['resume', '--last', '--demo', '--max-age', '1m']);
    expect(tooOld.code).toBe(1);
    expect(runCli(['resume', '--last', '--demo', '--max-age', 'soon']).code).toBe(2);
  });
});

describe('session-browser errors and exit codes', () => {
  it('refuses a bad id before touching the filesystem (exit 2)', () => {
    const res = runCli(['show', '../../etc/passwd', '--demo']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/invalid session id/);
  });

  it('exits 1 with a message for an unknown session, 2 for unknown commands and options', () => {
    const missing = runCli(['show', 'nope', '--demo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no session nope/);
    expect(missing.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['list', '--bogus']).code).toBe(2);
    expect(runCli(['list', '--since', '7d']).code).toBe(2);
    expect(runCli(['--help']).stdout).toMatch(/Usage:/);
    const notDir = runCli(['list', '--home', '/etc/passwd']);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toMatch(/is not a directory/);
  });

  it('prints the list as text when there is no terminal at all', () => {
    const res = runCli(['--demo']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Refactor the router into feature modules');
  });
});

describe('session-browser delete / restore / cleanup / doctor', () => {
  it('moves a session to the trash and restores it', () => {
    const { home, cleanup } = demoCopy();
    try {
      const file = join(home, 'projects', MAIN_ID, 'run-looping.jsonl');
      // The copy was just written, so the session counts as active: --force (issue 6 item 4).
      expect(runCli(['delete', 'run-looping', '--home', home, '--force']).code).toBe(2); // no --yes, no terminal
      const del = runCli(['delete', 'run-looping', '--home', home, '--yes', '--force']);
      expect(del.code).toBe(0);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(join(home, '.trash', MAIN_ID, 'run-looping.jsonl'))).toBe(true);
      expect(runCli(['restore', 'run-looping', '--home', home]).code).toBe(0);
      expect(existsSync(file)).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('cleanup shows what it would delete and deletes only with --yes', () => {
    const { home, cleanup } = demoCopy();
    try {
      const env = { SESSION_BROWSER_NOW: '2026-11-21T12:00:00Z' };
      const dry = runCli(['cleanup', '--older-than', '30d', '--home', home, '--all'], { env });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('old-cleanup');
      expect(dry.stdout).toMatch(/Dry run/);
      expect(existsSync(join(home, '.trash'))).toBe(false);
      const real = runCli(['cleanup', '--older-than', '30d', '--home', home, '--all', '--yes'], { env });
      expect(real.code).toBe(0);
      const after = JSON.parse(runCli(['list', '--json', '--all', '--home', home], { env }).stdout) as ListJson;
      expect(after.sessions.map((s) => s.id)).not.toContain('old-cleanup');
      expect(runCli(['cleanup', '--home', home]).code).toBe(2);
    } finally {
      cleanup();
    }
  });

  it('doctor reports malformed and unknown line numbers and the pending tail', () => {
    const res = runCli(['doctor', '--demo', '--json']);
    expect(res.code).toBe(1); // the demo holds broken files on purpose: doctor exits 1 (issue 6 item 11)
    const report = JSON.parse(res.stdout);
    const partial = report.files.find((f: { id: string }) => f.id === 'partial-write');
    expect(partial.dialect).toBe('store');
    expect(partial.malformed.length).toBe(3);
    expect(partial.pendingTail).toBe(true);
    const text = runCli(['doctor', '--demo']).stdout;
    expect(text).toMatch(/partial-write\s+store/);
  });
});
