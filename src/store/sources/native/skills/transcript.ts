/** Transcript of a `skills` session (format §2.4): each invocation with its attempts as a timeline. */
import { skillRecordSchema } from './schema.js';
import type { TranscriptBuilder } from '../../transcript-builder.js';

/** State: the invocation counter. No resume context: nothing here is a conversation. */
export function skillsTranscript(): TranscriptBuilder {
  let invocation = 0;
  return {
    add(raw, out) {
      const parsed = skillRecordSchema.safeParse(raw);
      if (!parsed.success) return false;
      const r = parsed.data;
      invocation++;
      const ts = r.timestamp ?? null;
      const head = [r.skill, r.phase, r.final_status, r.file_path, r.message].filter(Boolean).join(' · ');
      out.entry({ kind: 'note', timestamp: ts, type: 'skill', text: head });
      for (const a of r.attempts) {
        out.entry({
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
