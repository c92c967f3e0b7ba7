/** Transcript of a `turns` session (format §2.3). */
import { turnRecordSchema } from './schemas.js';
import type { TranscriptBuilder } from './transcript-builder.js';
import type { ResumeMessage, TranscriptEntry } from './types.js';

export function turnsTranscript(): TranscriptBuilder {
  const entries: TranscriptEntry[] = [];
  const context: ResumeMessage[] = [];
  return {
    entries,
    lastCheckpointIndex: -1,
    resumeContext: () => context,
    add(raw) {
      const parsed = turnRecordSchema.safeParse(raw);
      if (!parsed.success) return false;
      const r = parsed.data;
      const ts = r.timestamp ?? null;
      switch (r.type) {
        case 'user':
        case 'assistant':
        case 'system':
          entries.push({ kind: 'message', timestamp: ts, role: r.type, text: r.content });
          context.push({ role: r.type, content: r.content });
          break;
        case 'tool_call':
          entries.push({ kind: 'tool_call', timestamp: ts, id: r.tool_id ?? '', name: r.tool_name ?? '(unnamed)', arguments: r.content });
          context.push({ role: 'assistant', content: '', tool_calls: [{ id: r.tool_id, name: r.tool_name, arguments: r.content }] });
          break;
        case 'tool_result':
          entries.push({ kind: 'tool_result', timestamp: ts, id: r.tool_id ?? '', name: r.tool_name, text: r.content });
          context.push({ role: 'tool', content: r.content, tool_call_id: r.tool_id });
          break;
        default:
          r.type satisfies never;
      }
      return true;
    },
  };
}
