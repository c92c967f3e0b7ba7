/** `replay ID`: the transcript as text, every tool call and result unfolded. */
import { buildReplayLines } from '../../components/replay-lines.js';
import type { ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import type { Io } from '../io.js';
import { findSession } from './find-session.js';

export async function replayCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const t = await ctx.catalog.transcript(await findSession(ctx, id));
  const lines = buildReplayLines(t, {
    width: Math.max(40, io.columns ?? 100),
    expanded: new Set(t.entries.keys()),
    fromCheckpoint: options['from-checkpoint'] === true,
  });
  io.out(lines.map((l) => l.text.trimEnd()).join('\n'));
  return 0;
}
