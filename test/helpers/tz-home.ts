/**
 * The time-zone case as a session home: the clock at
 * 2026-05-21T16:27Z, when it is already 01:27 on the 22nd in Tokyo (UTC+9).
 * "late" ran at 16:00–16:20 UTC (the 22nd in Tokyo, the 21st in UTC);
 * "early" at 10:00 UTC (the 21st in both). So "today" holds 2 sessions in
 * UTC and 1 in Tokyo.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TZ_NOW = '2026-05-21T16:27:00.000Z';
export const TZ_PROJECT = 'abcdef0123456789';

const usage = (timestamp: string, input: number, output: number) => ({
  type: 'usage',
  entry: {
    timestamp,
    model: 'claude-sonnet-4.6',
    vendor: 'anthropic',
    endpoint: 'https://api.anthropic.com/v1',
    usage: { input_tokens: input, output_tokens: output, cache_read_tokens: 0, cache_write_tokens: 0 },
  },
});

const message = (timestamp: string, role: string, content: string) => ({ type: 'message', timestamp, message: { role, content } });

const SESSIONS: Record<string, object[]> = {
  late: [
    { type: 'meta', id: 'late', created_at: '2026-05-21T16:00:00.000Z', workspace: '/tmp', model: 'claude-sonnet-4.6', vendor: 'anthropic' },
    message('2026-05-21T16:00:00.000Z', 'user', 'Fix the midnight rollover'),
    message('2026-05-21T16:05:30.000Z', 'assistant', 'Looking at the scheduler.'),
    usage('2026-05-21T16:05:30.000Z', 1000, 100),
    { type: 'checkpoint', timestamp: '2026-05-21T16:10:00.000Z', token_count: 500, messages: [{ role: 'system', content: 'Summary: scheduler' }] },
    message('2026-05-21T16:20:00.000Z', 'user', 'Now add a test'),
  ],
  early: [
    { type: 'meta', id: 'early', created_at: '2026-05-21T10:00:00.000Z', workspace: '/tmp', model: 'claude-sonnet-4.6', vendor: 'anthropic' },
    message('2026-05-21T10:00:00.000Z', 'user', 'Rename the config loader'),
    message('2026-05-21T10:01:00.000Z', 'assistant', 'Renamed.'),
    usage('2026-05-21T10:01:00.000Z', 3000, 300),
  ],
};

/** A fresh home holding the two sessions in project TZ_PROJECT; `cleanup` removes it. */
export function tzHome(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'sb-tz-'));
  const dir = join(home, 'projects', TZ_PROJECT);
  mkdirSync(dir, { recursive: true });
  for (const [id, records] of Object.entries(SESSIONS)) {
    writeFileSync(join(dir, `${id}.jsonl`), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
