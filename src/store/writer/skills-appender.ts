/**
 * Writer for the `skills` dialect (format §2.4): one line per skill
 * invocation, with its attempts (tier, model, duration, verdict).
 */
import { resolve } from 'node:path';
import { assertSessionId, sessionPath } from '../project.js';
import { appendRecord, ensureProjectDir } from './append.js';
import type { SkillInvocation, SkillRecord } from './records.js';
import { assertCount, assertFinite } from './validate.js';

export interface SkillsAppendOptions {
  /** Clock in ms since epoch, for the default timestamp. */
  now?: () => number;
}

/**
 * Appends one invocation to `<home>/projects/<id>/<sessionId>.jsonl`,
 * creating the project folder (and its project.json) when needed. The
 * session id is validated before any path is built; `timestamp` defaults to
 * now and `project_root` to the canonical project root. Returns the record.
 */
export function appendSkillInvocation(
  home: string,
  projectRoot: string,
  sessionId: string,
  invocation: SkillInvocation,
  opts: SkillsAppendOptions = {},
): SkillRecord {
  assertSessionId(sessionId);
  if (typeof invocation.skill !== 'string') throw new TypeError('skill must be a string');
  if (typeof invocation.final_status !== 'string') throw new TypeError('final_status must be a string');
  if (!Array.isArray(invocation.attempts)) throw new TypeError('attempts must be an array');
  for (const a of invocation.attempts) {
    assertFinite('attempt', a.attempt);
    assertCount('duration_ms', a.duration_ms);
  }
  if (invocation.duration_ms !== undefined) assertCount('duration_ms', invocation.duration_ms);
  const now = opts.now ?? Date.now;
  const folder = ensureProjectDir(resolve(home), projectRoot);
  const record: SkillRecord = {
    session_id: sessionId,
    ...invocation,
    timestamp: invocation.timestamp ?? new Date(now()).toISOString(),
    project_root: invocation.project_root ?? folder.root,
  };
  appendRecord(sessionPath(resolve(home), folder.projectId, sessionId), record, { now });
  return record;
}
