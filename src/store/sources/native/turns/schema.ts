/**
 * zod schemas of the turns dialect (FORMAT.md §2.3). Reading is liberal (see ../schemas.ts).
 */
import * as z from '../../../zod.js';
import { optStr } from '../schemas.js';

export const TURN_TYPES: ReadonlySet<string> = new Set(['user', 'assistant', 'tool_call', 'tool_result', 'system']);
export const EPHEMERAL_TURN_TYPES: ReadonlySet<string> = new Set(['progress', 'typing', 'ping']);
export const turnRecordSchema = z.object({
  type: z.enum(['user', 'assistant', 'tool_call', 'tool_result', 'system']),
  content: z.string(),
  timestamp: optStr,
  tool_name: optStr,
  tool_id: optStr,
  model: optStr,
});
export type TurnRecord = z.infer<typeof turnRecordSchema>;
