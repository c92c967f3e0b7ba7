/** Transcript of a `turns` session (format §2.3). */
import { turnRecordSchema } from './schema.js';
import type { TranscriptBuilder } from '../../transcript-builder.js';

/** No state: every turn is an entry, and every message joins the context (there are no checkpoints). */
export function turnsTranscript(): TranscriptBuilder {
  return {
    add(raw, out) {
      const parsed = turnRecordSchema.safeParse(raw);
      if (!parsed.success) return false;
      const r = parsed.data;
      const ts = r.timestamp ?? null;
      switch (r.type) {
        case 'user':
        case 'assistant':
        case 'system':
          out.entry({ kind: 'message', timestamp: ts, role: r.type, text: r.content });
          out.contextAppend({ role: r.type, content: r.content });
          break;
        case 'tool_call':
          out.entry({ kind: 'tool_call', timestamp: ts, id: r.tool_id ?? '', name: r.tool_name ?? '(unnamed)', arguments: r.content });
          out.contextAppend({ role: 'assistant', content: '', tool_calls: [{ id: r.tool_id, name: r.tool_name, arguments: r.content }] });
          break;
        case 'tool_result':
          out.entry({ kind: 'tool_result', timestamp: ts, id: r.tool_id ?? '', name: r.tool_name, text: r.content });
          out.contextAppend({ role: 'tool', content: r.content, tool_call_id: r.tool_id });
          break;
        default:
          r.type satisfies never;
      }
      return true;
    },
  };
}
