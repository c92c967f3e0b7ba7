/**
 * zod schemas of the skills dialect (FORMAT.md §2.4). Reading is liberal (see ../schemas.ts).
 */
import { z } from 'zod';
import { optBool, optNum, optStr } from '../schemas.js';

export const skillAttemptSchema = z.object({
  attempt: z.number().catch(0),
  model: z.string().catch(''),
  tier: z.string().catch(''),
  duration_ms: z.number().catch(0),
  warm_start: optBool,
  verified: z.boolean().catch(false),
  verdict: z.string().catch(''),
  feedback: optStr,
});
export const skillRecordSchema = z.object({
  session_id: optStr,
  timestamp: optStr,
  skill: z.string(),
  phase: optStr,
  project_root: optStr,
  attempts: z.array(skillAttemptSchema).catch([]),
  final_status: z.string(),
  file_path: optStr,
  model_used: optStr,
  duration_ms: optNum,
  message: optStr,
});
export type SkillRecord = z.infer<typeof skillRecordSchema>;
