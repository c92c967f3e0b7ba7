/**
 * `replay ID`: the transcript as text, every tool call and result unfolded,
 * printed entry by entry as the session is read (store/transcript-stream.ts):
 * a session of any size replays in bounded memory.
 */
import { maskSecretsDeep } from '../../format/secrets.js';
import { DayLines, entryDisplayLines, fromCheckpointBanner, NO_ENTRIES_LINE } from '../../format/replay-lines.js';
import { SpeakerLines } from '../../format/replay-speaker.js';
import { truncate } from '../../format/width.js';
import { locateSession, streamEntries } from '../../store/scan/transcript-stream.js';
import type { TranscriptEntry } from '../../store/types.js';
import type { ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { outSink, type Io } from '../io.js';
import { findSession } from './find-session.js';

/** How `replay --from-checkpoint` says to see the whole conversation (`f` is the browser's key: here it is the command without the option). */
export const REPLAY_ALL_HINT = '(without --from-checkpoint: all of it)';

export async function replayCommand(ctx: AppContext, id: string, options: ParsedOptions, io: Io): Promise<number> {
  const file = await findSession(ctx, id, { newest: (line) => io.err(line) });
  const opts = ctx.catalog.optionsFor(file);
  const width = Math.max(40, io.columns ?? 100);
  const fromCheckpoint = options['from-checkpoint'] === true;
  // Where the last checkpoint is must be known before the first line: a pass that keeps nothing finds it.
  const lastCheckpoint = fromCheckpoint ? (await locateSession(file.path, opts)).lastCheckpointIndex : -1;
  const start = Math.max(0, lastCheckpoint);

  const out = outSink(io);
  let lines = 0;
  let last = '';
  /** Writes display lines, one write per entry: lines are joined by newlines, as the whole replay once was. */
  const print = (texts: string[]): Promise<void> => {
    let chunk = '';
    for (const text of texts) {
      last = text.trimEnd();
      chunk += lines++ === 0 ? last : `\n${last}`;
    }
    return out.write(chunk);
  };
  if (fromCheckpoint) await print([truncate(`${fromCheckpointBanner(lastCheckpoint >= 0)} ${REPLAY_ALL_HINT}`, width)]);
  let prev: TranscriptEntry | undefined;
  // A dim line names the date whenever it changes (the first one names the zone): clocks alone are ambiguous.
  const days = new DayLines(width, ctx.tz);
  // A call the assistant made without text gets the assistant's header, not the user's above it.
  const speakers = new SpeakerLines(width, ctx.tz);
  // Keys and tokens are masked as in the browser, unless --reveal-secrets (format/secrets.ts).
  const reveal = options['reveal-secrets'] === true;
  await streamEntries(file.path, opts, (raw, i) => {
    if (i < start) return;
    const e = reveal ? raw : maskSecretsDeep(raw);
    // Every entry is unfolded here, the starting checkpoint of --from-checkpoint too.
    // Huge texts are cut (1,000 lines / 128 KB per entry) unless --full.
    const shown = entryDisplayLines(e, i, { width, open: true, prev: i > start ? prev : undefined, tz: ctx.tz, whole: options.full === true, moreHint: 'replay --full shows all' });
    const speaker = speakers.before(e, i);
    if (speaker) shown.unshift(speaker);
    const day = days.before(e);
    if (day) shown.unshift(day);
    prev = e;
    return print(shown.map((l) => l.text));
  });
  if (lines === 0) await print([truncate(NO_ENTRIES_LINE, width)]);
  // As before streaming: the output ends with exactly one newline, unless the last line is blank.
  await out.write(lines > 1 && last === '' ? '' : '\n');
  await out.end();
  return 0;
}
