/** Per-file diagnosis for `doctor`: the same classification as the readers, with line numbers. */
import { basename } from 'node:path';
import { classifyLine } from './detect.js';
import { scanLines } from './lines.js';
import { foldObject, initialSummaryState } from './summary-reader.js';
import type { FileDiagnosis } from './types.js';

export async function diagnoseFile(path: string, maxLineBytes?: number): Promise<FileDiagnosis> {
  const state = initialSummaryState();
  const malformed: number[] = [];
  const unknown: number[] = [];
  const oversized: number[] = [];
  // Ephemeral turns lines before the dialect is known: unknown unless the file is turns.
  const early: number[] = [];
  let lines = 0;
  const scan = await scanLines(
    path,
    (text, lineNo) => {
      lines = lineNo;
      if (text === null) return void oversized.push(lineNo);
      const line = classifyLine(text);
      if (line.kind === 'malformed') malformed.push(lineNo);
      if (line.kind !== 'object') return;
      const before = { unknown: state.unknown, early: state.ephemeralEarly };
      foldObject(state, line.value);
      if (state.unknown > before.unknown) unknown.push(lineNo);
      if (state.ephemeralEarly > before.early) early.push(lineNo);
    },
    { maxLineBytes },
  );
  let pendingTail = false;
  if (scan.tailBytes > 0) {
    lines = scan.nextLineNo;
    const tail = scan.tail === null ? null : classifyLine(scan.tail);
    if (tail?.kind === 'object') {
      const before = state.unknown;
      foldObject(state, tail.value);
      if (state.unknown > before) unknown.push(scan.nextLineNo);
    } else if (tail?.kind !== 'blank') pendingTail = true;
  }
  if (state.dialect !== 'turns') unknown.push(...early);
  unknown.sort((a, b) => a - b);
  return { path, id: basename(path).replace(/\.jsonl$/, ''), dialect: state.dialect, lines, malformed, unknown, oversized, pendingTail };
}
