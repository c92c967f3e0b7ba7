/** Transcript of a `skills` session (format §2.4): each invocation with its attempts as a timeline. */
import { skillRecordSchema } from './schemas.js';
import type { TranscriptBuilder } from './transcript-builder.js';
import type { TranscriptEntry } from './types.js';

export function skillsTranscript(): TranscriptBuilder {
  const entries: TranscriptEntry[] = [];
  let invocation = 0;
  return {
    entries,
    lastCheckpointIndex: -1,
    resumeContext: () => [],
    add(raw) {
      const parsed = skillRecordSchema.safeParse(raw);
      if (!parsed.success) return false;
      const r = parsed.data;
      invocation++;
      const ts = r.timestamp ?? null;
      const head = [r.skill, r.phase, r.final_status, r.file_path, r.message].filter(Boolean).join(' · ');
      entries.push({ kind: 'note', timestamp: ts, type: 'skill', text: head });
      for (const a of r.attempts) {
        entries.push({
          kind: 'attempt',
          timestamp: ts,
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
      return true;
    },
  };
}
