/** The `turns` dialect's records as normalized events (FORMAT.md §2.3). */
import { countChars } from '../../common/fold-common.js';
import type { NormalizedEvent } from '../../events.js';
import { turnRecordSchema } from './schema.js';

/** Nothing is carried: every turn is an event, and every turn joins the resume context (there are no checkpoints). */
export type TurnsParserState = null;

export function parseTurns(raw: Record<string, unknown>): NormalizedEvent[] | null {
  const parsed = turnRecordSchema.safeParse(raw);
  if (!parsed.success) return null;
  const r = parsed.data;
  const ts = r.timestamp ?? null;
  // No usage is recorded: tokens are estimated from the characters (format §4); assistant text and calls are the output.
  const out: NormalizedEvent[] = [{ kind: 'estimate', chars: countChars(r.content), output: r.type === 'assistant' || r.type === 'tool_call' }];
  if (r.model) out.push({ kind: 'meta', model: r.model });
  switch (r.type) {
    case 'user':
    case 'assistant':
    case 'system':
      out.push({ kind: 'message', ts, message: { role: r.type, content: r.content }, text: r.content, tally: true, context: 'append' });
      break;
    case 'tool_call':
      // A tool call joins the context as an assistant message with no text.
      out.push({
        kind: 'tool_call',
        ts,
        id: r.tool_id ?? '',
        name: r.tool_name ?? '(unnamed)',
        arguments: r.content,
        counted: true,
        context: { role: 'assistant', content: '', tool_calls: [{ id: r.tool_id, name: r.tool_name, arguments: r.content }] },
      });
      break;
    case 'tool_result':
      out.push({ kind: 'tool_result', ts, id: r.tool_id ?? '', name: r.tool_name, output: r.content, counted: false, context: { role: 'tool', content: r.content, tool_call_id: r.tool_id } });
      break;
    default:
      r.type satisfies never;
  }
  return out;
}
