/**
 * One parse per record (issue 7): each record is parsed once by its format
 * into normalized events, which feed both the summarizer and the transcript
 * builder; the parser's state persists with the summary state, so a file
 * read in pieces (as a growing log is) sums to the same figures as one read.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { stateJson } from '../src/store/scan/packed-state.js';
import { parseState } from '../src/store/catalog/stored-rows.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { FORMATS } from '../src/store/sources/registry.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';

const DEMO = new URL('../fixtures/demo/projects/', import.meta.url).pathname;

/** Every demo session's lines, by file name. */
function demoSessions(): { name: string; lines: string[] }[] {
  const out: { name: string; lines: string[] }[] = [];
  for (const project of readdirSync(DEMO)) {
    for (const name of readdirSync(join(DEMO, project))) {
      if (!name.endsWith('.jsonl')) continue;
      out.push({ name, lines: readFileSync(join(DEMO, project, name), 'utf8').split('\n').filter((l) => l.trim() !== '') });
    }
  }
  return out;
}

let t: TempHome;
useTempHome((h) => (t = h));
afterEach(() => void vi.restoreAllMocks());

describe('normalized events', () => {
  it('the demo holds every native format (so the checks below cover them all)', () => {
    const seen = new Set(demoSessions().map((s) => FORMATS.find((f) => f.recognise(JSON.parse(s.lines[0]!.replace(/^\uFEFF/, ''))))?.id));
    expect([...seen].sort()).toEqual(['events', 'skills', 'store', 'turns']);
  });

  it('opening a session parses each record once, for the summary and the transcript together', async () => {
    const spies = FORMATS.map((f) => vi.spyOn(f, 'parse'));
    for (const s of demoSessions()) {
      const path = t.write(s.name.replace(/\.jsonl$/, ''), s.lines);
      const before = spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
      const transcript = await loadTranscript(path, readOpts());
      const calls = spies.reduce((n, spy) => n + spy.mock.calls.length, 0) - before;
      const format = FORMATS.find((f) => f.id === transcript.summary.dialect)!;
      const recognised = s.lines.filter((l) => {
        try {
          return format.recognise(JSON.parse(l.replace(/^\uFEFF/, '')));
        } catch {
          return false;
        }
      });
      expect(calls, s.name).toBe(recognised.length);
    }
  });

  it('a file read in two pieces, the state stored and parsed between them (as the catalog does), has the figures of one read', async () => {
    for (const s of demoSessions()) {
      const id = s.name.replace(/\.jsonl$/, '');
      const full = await readSummary(t.write(id, s.lines), readOpts());
      // Up to eight split points per file, spread over it (every line of a short file).
      const step = Math.max(1, Math.floor(s.lines.length / 8));
      for (let k = 1; k < s.lines.length; k += step) {
        const path = t.write(id, s.lines.slice(0, k));
        const first = await readSummary(path, readOpts());
        appendFileSync(path, `${s.lines.slice(k).join('\n')}\n`);
        const stored = parseState(stateJson(first.state));
        expect(stored, 'the stored state parses').toBeDefined();
        const rest = await readSummary(path, readOpts(), stored);
        const { path: _a, ...got } = rest.summary;
        const { path: _b, ...want } = full.summary;
        expect(got, `${s.name} split at line ${k}`).toEqual(want);
      }
    }
  });
});
