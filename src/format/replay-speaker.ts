/**
 * Who speaks in a replay. A message draws its own header ("▌ user · 09:00");
 * a tool call or a tool's output has none, so an assistant turn that is only
 * a call (Claude writes one record per content block, Codex and Gemini write
 * calls apart from text) would sit under the user's header and read as the
 * user's call. SpeakerLines gives such an entry the assistant's header when
 * the speaker changes. The header is part of the entry's lines (same entry
 * index) but not a cursor stop (`stop: false`): the cursor, Space and the
 * search stay on the entry's own lines. Shared by the browser's Replay
 * (both line models) and the streamed `replay` command.
 */
import type { TranscriptEntry } from '../store/types.js';
import type { DisplayLine, LineRole } from './replay-line.js';
import { sanitize } from './sanitize.js';
import { clock } from './time.js';
import { truncate } from './width.js';

/** "▌ assistant · 09:00:05": a speaker's header, as messages draw it. */
export function speakerHeader(role: string, timestamp: string | null, tz: string): string {
  // Checkpoint messages carry whatever role the log wrote: sanitize it like any text.
  return `▌ ${sanitize(role, { singleLine: true })}${timestamp ? ` · ${clock(timestamp, true, tz)}` : ''}`;
}

/** The colour role of a speaker's header. */
export function speakerRole(role: string): LineRole {
  return role === 'user' || role === 'assistant' || role === 'system' ? role : 'text';
}

/** True for the entries the assistant speaks through without a message: its calls and their outputs. */
function isToolEntry(e: TranscriptEntry): boolean {
  return e.kind === 'tool_call' || e.kind === 'tool_result' || (e.kind === 'message' && e.role === 'tool');
}

/**
 * The speaker headers of a replay: fed every entry shown, in order, it
 * gives the header line to draw before a tool entry whose speaker is not
 * the one whose header was drawn last.
 */
export class SpeakerLines {
  /** Whose header is the last drawn ('' after a checkpoint divider or at the start). */
  private speaker = '';
  constructor(
    private readonly width: number,
    private readonly tz: string,
  ) {}

  /** The header to show before entry `e` (index `index`), or null. */
  before(e: TranscriptEntry, index: number): DisplayLine | null {
    if (e.kind === 'message' && e.role !== 'tool') {
      this.speaker = e.role;
      return null;
    }
    // The divider (and an open checkpoint's own messages) ends the turn that was speaking.
    if (e.kind === 'checkpoint') this.speaker = '';
    if (!isToolEntry(e) || this.speaker === 'assistant') return null;
    this.speaker = 'assistant';
    return { text: truncate(speakerHeader('assistant', e.timestamp, this.tz), this.width), role: 'assistant', entry: index, stop: false };
  }
}
