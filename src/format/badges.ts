/**
 * Compact status glyphs shared by the list screen and the text printers:
 * ◆n checkpoints (compacted), ♨4m prompt cache warm for 4 more minutes,
 * ● running, ✗ failed, ↻n looping (repeated identical requests),
 * ⚠n unreadable lines (malformed + unknown + oversized + torn).
 */
import type { SessionSummary } from '../store/types.js';

/** Every badge and what it means: the `?` overlay's legend and BADGE_LEGEND come from here. */
export const BADGES: readonly { glyph: string; meaning: string }[] = [
  { glyph: '⚑', meaning: 'pinned to the top of its project (p)' },
  { glyph: '✎', meaning: 'renamed by you (R); the agent\'s title is in the preview' },
  { glyph: '◆n', meaning: 'compacted (n checkpoints)' },
  { glyph: '♨', meaning: 'prompt cache warm (time left)' },
  { glyph: '●', meaning: 'running' },
  { glyph: '✗', meaning: 'failed' },
  { glyph: '↻n', meaning: 'looping (n identical requests)' },
  { glyph: '⚠n', meaning: 'unreadable lines' },
];

export const BADGE_LEGEND =
  '◆n compacted (n checkpoints) · ♨ prompt cache warm (time left) · ● running · ✗ failed · ↻n looping · ⚠n unreadable lines';

export function badges(s: SessionSummary, nowMs: number): string {
  const out: string[] = [];
  if (s.pinned) out.push('⚑');
  if (s.originalTitle !== undefined) out.push('✎');
  if (s.checkpoints > 0) out.push(`◆${s.checkpoints}`);
  if (s.cacheWarmUntil) {
    const left = Date.parse(s.cacheWarmUntil) - nowMs;
    if (left > 0) {
      const mins = Math.ceil(left / 60_000);
      out.push(mins >= 60 ? `♨${Math.floor(mins / 60)}h` : `♨${mins}m`);
    }
  }
  if (s.status === 'running') out.push('●');
  if (s.status === 'failed') out.push('✗');
  if (s.strikes >= 2) out.push(`↻${s.strikes}`);
  const unreadable = s.malformedLines + s.unknownLines + s.oversizedLines + s.tornLines;
  if (unreadable > 0) out.push(`⚠${unreadable}`);
  return out.join(' ');
}
