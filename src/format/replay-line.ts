/**
 * One row of the replay and its style role: the shape every replay line
 * builder gives (replay-lines.ts, replay-speaker.ts, replay-window.ts), in
 * a file of its own so they can share it without importing one another.
 */

/** Style roles of replay lines (the components' theme maps each to a colour). */
export type LineRole =
  | 'user'
  | 'assistant'
  | 'system'
  | 'tool'
  | 'toolResult'
  | 'error'
  | 'checkpoint'
  | 'timeline'
  | 'usage'
  | 'banner'
  | 'text';

/** One rendered row of the replay. */
export interface DisplayLine {
  /** Sanitized text; its display width is at most the build width. */
  text: string;
  role: LineRole;
  /** Index in `transcript.entries`; -1 for the from-checkpoint banner. */
  entry: number;
  /** False for a line the cursor passes over: a speaker's header drawn for a tool call (replay-speaker.ts). */
  stop?: false;
  /** True for the "… 1.1 MB more" line after a huge text cut short (replay-lines.ts capText): `v` shows the rest. */
  cut?: true;
}
