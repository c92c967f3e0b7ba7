/**
 * Hostile case "log strings that name Object.prototype's members": message
 * ids, model and metric names, uuids such as "constructor", "toString" and
 * "__proto__" are keys like any other (sources/common/own-keys.ts). Before,
 * a Gemini message with the id "constructor" lost its usage, "__proto__"
 * lost it too, and a metric named "constructor" threw.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SessionCatalog } from '../../src/store/catalog/catalog.js';
import { SummaryCache } from '../../src/store/catalog/summary-cache.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { sourceLocations } from '../../src/store/sources/registry.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

const GEMINI = fileURLToPath(new URL('../../fixtures/agents/gemini', import.meta.url));
const CHAT = 'tmp/app/chats/session-2026-01-03T10-00-aaaa1111.jsonl';
const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

/** The Gemini fixture session's tokens and calls with its first response's id replaced by `id` (a copy in a temp folder). */
async function geminiWith(id: string | null): Promise<{ input: number; output: number; calls: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-proto-'));
  try {
    cpSync(GEMINI, dir, { recursive: true });
    if (id !== null) writeFileSync(join(dir, CHAT), readFileSync(join(dir, CHAT), 'utf8').replaceAll('"id":"g1"', `"id":${JSON.stringify(id)}`));
    const catalog = new SessionCatalog({ home: '/nonexistent/sb-home', cache: new SummaryCache(null), locations: sourceLocations(['gemini'], { gemini: { dir, named: true } }) });
    const { sessions } = await catalog.summaries(null, { includeEmpty: true });
    const s = sessions.find((x) => x.path.endsWith(CHAT))!;
    return { input: s.tokens.input, output: s.tokens.output, calls: s.endpoints.reduce((n, e) => n + e.calls, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let t: TempHome;
useTempHome((h) => (t = h));

describe('robustness: log strings named like Object.prototype members', () => {
  it.each(NAMES)('a Gemini message with the id %s counts like any other', async (name) => {
    expect(await geminiWith(name)).toEqual(await geminiWith(null));
  });

  it.each(NAMES)('a metric named %s is kept, not a crash', async (name) => {
    const T = '2026-11-20T09:00:00Z';
    const path = t.write('metric-names', [
      { type: 'meta', id: 'metric-names', created_at: T, title: 'metrics', model: 'claude-sonnet-4.6', vendor: 'anthropic', endpoint: 'api' },
      { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
      { type: 'metric', timestamp: T, vendor: 'anthropic', endpoint: 'api', metric: { name, value: 420 } },
      { type: 'metric', timestamp: T, vendor: 'anthropic', endpoint: 'api', metric: { name, value: 380 } },
    ]);
    const { summary } = await readSummary(path, readOpts());
    const endpoint = summary.endpoints.find((e) => e.endpoint === 'api');
    expect(Object.hasOwn(endpoint?.metrics ?? {}, name)).toBe(true);
    expect(endpoint!.metrics[name]).toEqual([420, 380]);
  });
});
