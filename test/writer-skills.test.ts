import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_TTL_SEC } from '../src/store/sources/fold.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';
import { projectIdOf, readProjectJson, sessionPath } from '../src/store/project.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { appendSkillInvocation } from '../src/store/writer/index.js';
import { WRITE_TESTS_INVOCATION } from './helpers/skill-invocation.js';
import { useTempProject } from './helpers/temp-project.js';

const NOW = Date.parse('2026-11-18T08:00:00Z');

let home: string;
let root: string;
useTempProject('sb-writer-skills-', (d) => ({ home, root } = d));

const readOpts = (projectId: string) => ({ projectId, pricing: BUILTIN_PRICES, nowMs: NOW, cacheTtlSec: DEFAULT_CACHE_TTL_SEC });

describe('appendSkillInvocation', () => {
  it('writes one line per invocation that the reader counts attempts and status from', async () => {
    const rec = appendSkillInvocation(home, root, 'hg-42', WRITE_TESTS_INVOCATION, { now: () => NOW });
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
