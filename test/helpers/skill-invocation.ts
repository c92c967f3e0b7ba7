/** A skill invocation that both the skills reader tests and the writer tests use. */
import type { SkillInvocation } from '../../src/store/writer/records.js';

/**
 * 'write-tests' in the build phase: a local attempt escalated, then a managed
 * one accepted, so the invocation ends ok with two attempts (no timestamp,
 * session id or project root: each test adds its own).
 */
export const WRITE_TESTS_INVOCATION: Readonly<SkillInvocation> = {
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
};
