/**
 * Loads one session in full for replay, export and resume: one streaming
 * pass that folds the summary and builds the transcript from the same
 * parsed records.
 */
import { classifyLine } from './detect.js';
import { scanLines } from './lines.js';
import { foldObject, initialSummaryState, summarise, type ReadSummaryOptions } from './summary-reader.js';
import type { BuilderContext, TranscriptBuilder } from './transcript-builder.js';
import { eventsTranscript } from './transcript-events.js';
import { skillsTranscript } from './transcript-skills.js';
import { storeTranscript } from './transcript-store.js';
import { turnsTranscript } from './transcript-turns.js';
import type { Dialect, Transcript } from './types.js';

const BUILDERS: Record<Dialect, (ctx: BuilderContext) => TranscriptBuilder> = {
  store: storeTranscript,
  events: eventsTranscript,
  turns: turnsTranscript,
  skills: skillsTranscript,
};

/** Reads a whole session. Throws when the file holds no recognised record. */
export async function loadTranscript(path: string, opts: ReadSummaryOptions): Promise<Transcript> {
  const state = initialSummaryState();
  let builder: TranscriptBuilder | null = null;
  const onObject = (obj: Record<string, unknown>): void => {
    if (!foldObject(state, obj) || state.dialect === null) return;
    builder ??= BUILDERS[state.dialect]({ pricing: opts.pricing });
    builder.add(obj);
  };
  const scan = await scanLines(
    path,
    (text) => {
      if (text === null) {
        state.oversized++;
        return;
      }
      const line = classifyLine(text);
      if (line.kind === 'malformed') state.malformed++;
      else if (line.kind === 'object') onObject(line.value);
    },
    { maxLineBytes: opts.maxLineBytes },
  );
  let pendingTail = false;
  if (scan.tailBytes > 0) {
    const tail = scan.tail === null ? null : classifyLine(scan.tail);
    if (tail?.kind === 'object') onObject(tail.value);
    else if (tail?.kind !== 'blank') pendingTail = true;
  }
  const summary = summarise(state, path, pendingTail, scan.mtimeMs, opts);
  if (!summary || !builder) throw new Error(`${path}: no session records found (not a session log of any known dialect)`);
  const b: TranscriptBuilder = builder;
  return { summary, entries: b.entries, resumeContext: b.resumeContext(), lastCheckpointIndex: b.lastCheckpointIndex };
}
