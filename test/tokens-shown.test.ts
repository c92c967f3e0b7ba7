/**
 * One definition of the tokens a list shows, for every source (numbers.ts
 * shownTokens): input + output + cache read + cache write. Our formats'
 * `total` is input + output (FORMAT.md §3) while the agents' count cache in,
 * so the list's TOKENS column, `show` and the cost view put a native
 * session's 9.5k beside a Claude session's 17M of mostly cache reads, two
 * different quantities in one column. `--json` keeps each source's `total`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatTokens, shownTokens } from '../src/format/numbers.js';
import type { SessionSummary } from '../src/store/types.js';
import { runCli } from './helpers/cli.js';

const AGENTS = fileURLToPath(new URL('../fixtures/agents', import.meta.url));
const AGENT_DIRS = ['--claude-dir', `${AGENTS}/claude`, '--codex-dir', `${AGENTS}/codex`, '--gemini-dir', `${AGENTS}/gemini`];

function run(args: string[]): string {
  const res = runCli(args, { env: { COLUMNS: '200' } });
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
}

describe('the tokens a list shows mean the same for every source', () => {
  it.each([
    ['our formats (the demo)', ['--demo']],
    ['Claude, Codex and Gemini logs', ['--all', '--source', 'claude,codex,gemini', ...AGENT_DIRS]],
  ])('%s: TOKENS is input + output + cache read + cache write, in list and show', (_name, args) => {
    const sessions = (JSON.parse(run(['list', '--json', '--include-empty', ...args])) as { sessions: SessionSummary[] }).sessions;
    expect(sessions.length).toBeGreaterThan(2);
    const table = run(['list', '--include-empty', ...args]).split('\n');
    const header = table[0]!;
    const end = header.indexOf('TOKENS') + 'TOKENS'.length;
    for (const s of sessions) {
      const shown = formatTokens(shownTokens(s.tokens), s.tokens.estimated);
      const line = table.find((l) => l.startsWith(`${s.id} `))!;
      expect(line.slice(0, end).trimEnd().split(/ +/).pop(), s.id).toBe(shown);
    }
    // A session with cache tokens: its shown figure is above its own `total` where the source leaves cache out.
    const cached = sessions.find((s) => s.tokens.cacheRead > 0)!;
    expect(run(['show', cached.id, ...args])).toMatch(new RegExp(`tokens +${formatTokens(shownTokens(cached.tokens)).replace('.', '\\.')} · `));
  });

  it('usage --json totalTokens is the same sum, so a row of native and agent sessions adds like figures', () => {
    for (const args of [['--demo'], ['--all', '--source', 'claude,codex,gemini', ...AGENT_DIRS]]) {
      for (const by of ['model', 'session']) {
        const { rows, totals } = JSON.parse(run(['usage', '--json', '--by', by, ...args])) as { rows: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number; totalTokens: number }[]; totals: { totalTokens: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number } };
        for (const r of [...rows, totals]) expect(r.totalTokens).toBe(r.inputTokens + r.outputTokens + r.cacheReadTokens + r.cacheWriteTokens);
      }
    }
  });

  it('the demo session with cache reads shows 27k, not its recorded total of 9.5k', () => {
    const s = (JSON.parse(run(['list', '--json', '--demo'])) as { sessions: SessionSummary[] }).sessions.find((x) => x.id === 'cache-warm-refactor')!;
    expect(formatTokens(s.tokens.total)).toBe('9.5k');
    expect(run(['list', '--demo'])).toMatch(/^cache-warm-refactor .* 27k /m);
    // The export's header counts them as the list does, and its per-model line agrees with it.
    const md = run(['export', 'cache-warm-refactor', '--demo']);
    const shown = shownTokens(s.tokens).toLocaleString('en-US');
    expect(md).toContain(`**Tokens:** ${shown} (`);
  });
});
