import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTL_SEC } from '../src/store/fold.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';
import { projectIdOf, readProjectJson, sessionPath } from '../src/store/project.js';
import { readSummary } from '../src/store/summary-reader.js';
import { loadTranscript } from '../src/store/transcript.js';
import { appendSkillInvocation } from '../src/store/writer/index.js';

const NOW = Date.parse('2026-11-18T08:00:00Z');

let tmp: string;
let home: string;
let root: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'sb-writer-skills-'));
  home = join(tmp, 'home');
  root = join(tmp, 'app');
  mkdirSync(join(root, '.git'), { recursive: true });
  root = realpathSync(root);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const readOpts = (projectId: string) => ({ projectId, pricing: BUILTIN_PRICES, nowMs: NOW, cacheTtlSec: DEFAULT_CACHE_TTL_SEC });

describe('appendSkillInvocation', () => {
  it('writes one line per invocation that the reader counts attempts and status from', async () => {
    const rec = appendSkillInvocation(
      home,
      root,
      'hg-42',
      {
        skill: 'write-tests',
        phase: 'build',
        attempts: [
          { attempt: 1, model: 'qwen3-coder-30b', tier: 'local', duration_ms: 41000, warm_start: true, verified: false, verdict: 'escalate', feedback: 'tests do not compile' },
          { attempt: 2, model: 'claude-sonnet-4.6', tier: 'managed', duration_ms: 18000, warm_start: false, verified: true, verdict: 'accept' },
        ],
        final_status: 'ok',
        file_path: 'auth_test.go',
        model_used: 'claude-sonnet-4.6',
        duration_ms: 59000,
        message: 'wrote 6 tests',
      },
      { now: () => NOW },
    );
    expect(rec).toMatchObject({ session_id: 'hg-42', timestamp: '2026-11-18T08:00:00.000Z', project_root: root });

    const path = sessionPath(home, projectIdOf(root), 'hg-42');
    let s = (await readSummary(path, readOpts(projectIdOf(root)))).summary!;
    expect(s.dialect).toBe('skills');
    expect([s.title, s.messageCount, s.toolCalls, s.status, s.workspace, s.empty]).toEqual(['write-tests: wrote 6 tests', 1, 2, 'success', root, false]);

    appendSkillInvocation(home, root, 'hg-42', {
      skill: 'fix-lint',
      timestamp: '2026-11-18T08:05:00Z',
      attempts: [{ attempt: 1, model: 'qwen3-coder-30b', tier: 'local', duration_ms: 5000, verified: false, verdict: 'reject' }],
      final_status: 'failed',
    });
    s = (await readSummary(path, readOpts(projectIdOf(root)))).summary!;
    expect([s.messageCount, s.toolCalls, s.status, s.malformedLines, s.unknownLines]).toEqual([2, 3, 'failed', 0, 0]);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(2);

    const t = await loadTranscript(path, readOpts(projectIdOf(root)));
    const attempts = t.entries.filter((e) => e.kind === 'attempt');
    expect(attempts.map((a) => (a.kind === 'attempt' ? [a.skill, a.attempt, a.tier, a.verdict] : null))).toEqual([
      ['write-tests', 1, 'local', 'escalate'],
      ['write-tests', 2, 'managed', 'accept'],
      ['fix-lint', 1, 'local', 'reject'],
    ]);
    expect(readProjectJson(home, projectIdOf(root))).toBe(root);
  });

  it('refuses invocations the reader would not recognise', () => {
    expect(() => appendSkillInvocation(home, root, 'x', { skill: 's', attempts: [], final_status: undefined as unknown as string })).toThrow(TypeError);
    expect(() =>
      appendSkillInvocation(home, root, 'x', {
        skill: 's',
        attempts: [{ attempt: 1, model: 'm', tier: 'local', duration_ms: Number.NaN, verified: false, verdict: 'v' }],
        final_status: 'ok',
      }),
    ).toThrow(RangeError);
  });
});
