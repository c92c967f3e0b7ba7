/**
 * Hostile case "torn records glued to the next one are lost" (issue 9): a
 * record cut by a crash, or a run of NUL bytes, followed on the same line by
 * a complete record. The complete record is read, the torn part counted
 * (tornLines) and named by `doctor`.
 */
import { describe, expect, it } from 'vitest';
import { classifyLine } from '../../src/store/scan/classify.js';
import { diagnoseFile, hasProblem } from '../../src/store/scan/doctor.js';
import { loadTranscript } from '../../src/store/scan/transcript.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const T = '2026-11-20T09:00:00Z';
const msg = (content: string): string => JSON.stringify({ type: 'message', timestamp: T, message: { role: 'user', content } });

describe('robustness: torn records', () => {
  it('classifyLine recovers the complete suffix, and only a complete one', () => {
    expect(classifyLine(`{"type":"message","mess${msg('b')}`)).toEqual({ kind: 'object', value: JSON.parse(msg('b')), torn: true });
    expect(classifyLine(`\0\0\0\0${msg('c')}`)).toMatchObject({ kind: 'object', torn: true });
    expect(classifyLine(`{"type":"message","message":{"role":"user","content":"x{"a"`)).toEqual({ kind: 'malformed' });
    expect(classifyLine(msg('whole'))).toEqual({ kind: 'object', value: JSON.parse(msg('whole')) });
  });

  it('the glued record is read, the torn one counted, doctor names the line', async () => {
    const path = t.write('torn', [
      msg('first'),
      `${msg('cut by a crash').slice(0, 40)}${msg('second')}`,
      `${'\0'.repeat(4096)}${msg('third')}`,
      msg('fourth'),
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.userMessages).toBe(4);
    expect(summary.tornLines).toBe(2);
    expect(summary.malformedLines).toBe(0);
    const transcript = await loadTranscript(path, readOpts());
    expect(transcript.entries.flatMap((e) => (e.kind === 'message' ? [e.text] : []))).toEqual(['first', 'second', 'third', 'fourth']);
    // The replay says where a torn part was skipped, in its place.
    expect(transcript.entries.map((e) => (e.kind === 'message' ? e.text : e.kind === 'note' ? e.text.split(':')[0] : e.kind))).toEqual(['first', 'line 2', 'second', 'line 3', 'third', 'fourth']);
    const d = await diagnoseFile(path);
    expect(d.torn).toEqual([2, 3]);
    expect(hasProblem(d)).toBe(true);
  });

  it('a torn last line without a newline is counted once, also when the file grows', async () => {
    const path = t.write('torn-tail', [msg('first'), `${msg('cut').slice(0, 30)}${msg('second')}`], { trailing: false });
    const first = await readSummary(path, readOpts());
    expect(first.summary.tornLines).toBe(1);
    expect(first.summary.userMessages).toBe(2);
    const again = await readSummary(path, readOpts(), first.state);
    expect(again.summary.tornLines).toBe(1);
  });

  it('a malformed line shows in the replay as a note where it was', async () => {
    const path = t.write('skipped-note', [msg('before'), 'this is not json', msg('after')]);
    const transcript = await loadTranscript(path, readOpts());
    expect(transcript.entries.map((e) => (e.kind === 'message' ? e.text : e.kind === 'note' ? `${e.type}: ${e.text}` : e.kind))).toEqual(['before', 'skipped: line 2: not a JSON record', 'after']);
  });
});
