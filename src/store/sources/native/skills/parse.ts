/** The `skills` dialect's records as normalized events (FORMAT.md §2.4): each invocation with its attempts. */
import { cleanTitle } from '../../common/fold-common.js';
import type { NormalizedEvent } from '../../events.js';
import { skillRecordSchema } from './schema.js';

/** Running figures of the invocations so far: the status and duration are theirs, not one record's. */
export interface SkillsParserState {
  invocations: number;
  failed: boolean;
  durationMs: number;
}

export const initSkillsParser = (): SkillsParserState => ({ invocations: 0, failed: false, durationMs: 0 });

export function parseSkills(raw: Record<string, unknown>, s: SkillsParserState): NormalizedEvent[] | null {
  const parsed = skillRecordSchema.safeParse(raw);
  if (!parsed.success) return null;
  const r = parsed.data;
  const ts = r.timestamp ?? null;
  const invocation = ++s.invocations;
  if (r.final_status !== 'ok') s.failed = true;
  s.durationMs += r.duration_ms ?? r.attempts.reduce((sum, a) => sum + a.duration_ms, 0);
  const model = r.model_used ?? r.attempts[r.attempts.length - 1]?.model;
  const out: NormalizedEvent[] = [];
  // The first invocation names the session (format §4 `title`).
  const title = invocation === 1 ? cleanTitle(r.message ? `${r.skill}: ${r.message}` : r.skill) : undefined;
  out.push({ kind: 'meta', title, model: model || undefined, workspace: r.project_root || undefined });
  if (title !== undefined) out.push({ kind: 'prompt', text: title });
  const feedback = r.attempts.map((a) => a.feedback ?? '').join(' ');
  out.push({
    kind: 'invocation',
    ts,
    text: [r.skill, r.phase, r.final_status, r.file_path, r.message].filter(Boolean).join(' · '),
    search: `${r.skill} ${r.phase ?? ''} ${r.message ?? ''} ${r.file_path ?? ''} ${feedback}`,
  });
  for (const a of r.attempts) {
    out.push({
      kind: 'attempt',
      ts,
      skill: r.skill,
      invocation,
      attempt: a.attempt,
      tier: a.tier,
      model: a.model,
      durationMs: a.duration_ms,
      verdict: a.verdict,
      verified: a.verified,
      ...(a.feedback ? { feedback: a.feedback } : {}),
    });
  }
  // No tokens are recorded (format §4: zeros, estimated); a failed invocation fails the session.
  out.push({ kind: 'estimate', chars: 0, output: false });
  out.push({ kind: 'status', status: s.failed ? 'failed' : 'success', durationMs: s.durationMs });
  return out;
}
