/**
 * zod schemas of the skills dialect (FORMAT.md §2.4). Reading is liberal (see ../schemas.ts).
 */
import * as z from '../../../zod.js';
import { optBool, optNum, optStr } from '../schemas.js';

export const skillAttemptSchema = z.object({
  attempt: z.catch(z.number(), 0),
  model: z.catch(z.string(), ''),
  tier: z.catch(z.string(), ''),
  duration_ms: z.catch(z.number(), 0),
  warm_start: optBool,
  verified: z.catch(z.boolean(), false),
  verdict: z.catch(z.string(), ''),
  feedback: optStr,
});
export const skillRecordSchema = z.object({
  session_id: optStr,
  timestamp: optStr,
  skill: z.string(),
  phase: optStr,
  project_root: optStr,
  attempts: z.catch(z.array(skillAttemptSchema), []),
  final_status: z.string(),
  file_path: optStr,
  model_used: optStr,
  duration_ms: optNum,
  message: optStr,
});
export type SkillRecord = z.infer<typeof skillRecordSchema>;
