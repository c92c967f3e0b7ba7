/** Chat messages as normalized events: the shape the store and events dialects share (FORMAT.md §2.1 message). */
import { textOfContent } from '../common/fold-common.js';
import type { ChatMessage, NormalizedEvent } from '../events.js';

/**
 * A chat message and the tool calls it carries, pushed to `out` (returned). `tally`: it counts as a
 * user or assistant message and is searched; `countCalls`: an assistant's
 * tool calls count as calls. Shared by the native dialects that carry chat
 * messages (store, events).
 */
export function messageEvents(
  out: NormalizedEvent[],
  m: ChatMessage,
  ts: string | null,
  tally: boolean,
  context: 'append' | 'tail' | 'none',
  countCalls: boolean,
): NormalizedEvent[] {
  out.push({ kind: 'message', ts, message: m, text: textOfContent(m.content), tally, context });
  if (m.tool_calls) {
    const counted = countCalls && m.role === 'assistant';
    for (const call of m.tool_calls as { id?: string; name: string; arguments?: unknown }[]) {
      out.push({ kind: 'tool_call', ts, id: call.id ?? '', name: call.name, arguments: call.arguments, counted });
    }
  }
  return out;
}
