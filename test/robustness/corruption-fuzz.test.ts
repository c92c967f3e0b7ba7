/**
 * Hostile case "random corruptions" as a property (issue 9, deliver 2): the
 * fixture sessions of every format (the native dialects of fixtures/demo and
 * the Claude Code, Codex and Gemini CLI fixtures) are cut, duplicated,
 * spliced, padded with NUL runs and bit-flipped at random. Reading them (the
 * summary through SessionCatalog, the transcript through loadTranscript)
 * never throws, and never loses a line that is still valid: every entry the
 * file's surviving original lines give alone (whole lines, and whole records
 * glued after a torn part) is still read from the corrupted file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCatalog } from '../../src/store/catalog/catalog.js';
import { SummaryCache } from '../../src/store/catalog/summary-cache.js';
import { sourceLocations } from '../../src/store/sources/registry.js';
import type { SessionSummary, TranscriptEntry } from '../../src/store/types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));
const NOW = Date.parse('2026-11-21T12:00:00Z');
const SOURCES = ['native', 'claude', 'codex', 'gemini'] as const;
type Source = (typeof SOURCES)[number];

interface Setup {
  catalog: SessionCatalog;
  sessions: { summary: SessionSummary; original: Buffer }[];
}

let tmp: string;
const setups = new Map<Source, Setup>();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sb-fuzz-'));
  for (const source of SOURCES) {
    const dir = join(tmp, source);
    cpSync(source === 'native' ? join(FIXTURES, 'demo') : join(FIXTURES, 'agents', source), dir, { recursive: true });
    const catalog = new SessionCatalog({
      home: source === 'native' ? dir : '/nonexistent/sb-home',
      now: () => NOW,
      cache: new SummaryCache(null),
      locations: source === 'native' ? sourceLocations(['native']) : sourceLocations([source], { [source]: { dir, named: true } }),
    });
    const { sessions } = await catalog.summaries(null, { includeEmpty: true });
    // Whole-JSON files (Gemini's older .json) have no lines to keep: they are only read, never expected to keep any.
    setups.set(source, { catalog, sessions: sessions.map((summary) => ({ summary, original: readFileSync(summary.path) })) });
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One corruption, as offsets in [0, 1] scaled to the file (so shrinking finds small cases). */
type Op =
  | { kind: 'cut'; at: number; len: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'splice'; from: number; len: number; to: number }
  | { kind: 'nul'; at: number; len: number }
  | { kind: 'flip'; at: number; mask: number };

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: unit, len: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: unit }),
  fc.record({ kind: fc.constant('duplicate' as const), at: unit, len: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant('splice' as const), from: unit, len: fc.integer({ min: 1, max: 600 }), to: unit }),
  fc.record({ kind: fc.constant('nul' as const), at: unit, len: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: unit, mask: fc.integer({ min: 1, max: 255 }) }),
);

function apply(buf: Buffer, o: Op): Buffer {
  const pos = (u: number): number => Math.min(buf.length, Math.floor(u * (buf.length + 1)));
  switch (o.kind) {
    case 'cut': {
      const at = pos(o.at);
      return Buffer.concat([buf.subarray(0, at), buf.subarray(Math.min(buf.length, at + o.len))]);
    }
    case 'truncate':
      return buf.subarray(0, pos(o.at));
    case 'duplicate': {
      const at = pos(o.at);
      const piece = buf.subarray(at, Math.min(buf.length, at + o.len));
      return Buffer.concat([buf.subarray(0, at + piece.length), piece, buf.subarray(at + piece.length)]);
    }
    case 'splice': {
      const from = pos(o.from);
      const piece = Buffer.from(buf.subarray(from, Math.min(buf.length, from + o.len)));
      const to = pos(o.to);
      return Buffer.concat([buf.subarray(0, to), piece, buf.subarray(to)]);
    }
    case 'nul': {
      const at = pos(o.at);
      return Buffer.concat([buf.subarray(0, at), Buffer.alloc(o.len), buf.subarray(at)]);
    }
    case 'flip': {
      if (buf.length === 0) return buf;
      const out = Buffer.from(buf);
      const at = Math.min(buf.length - 1, pos(o.at));
      out[at] = out[at]! ^ o.mask;
      return out;
    }
  }
}

/**
 * The original lines still whole in `corrupted`, in its order: complete
 * (newline-ended) lines equal to one of the original's, and original lines
 * that end a longer line (a record glued after a torn one or a NUL run,
 * which the reader recovers: torn-records.test.ts).
 */
function survivingLines(original: Buffer, corrupted: Buffer, source: Source): string[] {
  // A BOM is not part of the record (the reader drops it): the record is what must survive.
  const valid = [...new Set(original.toString('utf8').split('\n').map((l) => l.replace(/^\uFEFF/, '')).filter((l) => l.trim() !== ''))];
  const lines = corrupted.toString('utf8').split('\n');
  lines.pop(); // the last piece is not newline-ended (or is empty)
  const out: string[] = [];
  // Gemini re-writes a message per id and shows the first copy with text: a corrupted line that still
  // parses, carrying an id, is such a copy, and may stand for the intact line with that id (known limit).
  const shadowed = new Set<unknown>();
  for (const line of lines) {
    const whole = valid.includes(line) ? line : valid.filter((v) => line.endsWith(v)).sort((a, b) => b.length - a.length)[0];
    if (whole !== undefined) out.push(whole);
    else if (source === 'gemini' && idOf(line) !== undefined) shadowed.add(idOf(line));
  }
  return shadowed.size > 0 ? out.filter((l) => !shadowed.has(idOf(l))) : out;
}

/** The `id` of a line that parses as a JSON object, else undefined. */
function idOf(line: string): unknown {
  try {
    return (JSON.parse(line) as { id?: unknown } | null)?.id;
  } catch {
    return undefined;
  }
}

/**
 * What identifies an entry across two readings: what its own line says (its
 * kind, role and text, a call's name and arguments), not what comes from
 * other lines. Usage entries are left out: their figures are differences
 * between lines (Codex totals) or deduplicated across copies, so a recovered
 * copy legitimately changes them; the summary's counts are checked instead.
 * Times are left out too: a prompt is dated by the first line that states it.
 */
const entryKey = (e: TranscriptEntry): string | null => {
  // A skipped line's note names its line number, which the corruption moves: it is about that line, not a survivor.
  if (e.kind === 'usage' || (e.kind === 'note' && e.type === 'skipped')) return null;
  const own = e as Partial<Record<'role' | 'text' | 'name' | 'arguments' | 'type', unknown>>;
  // A rewind note counts the messages it drops: a figure of the lines before it.
  const text = e.kind === 'note' && own.type === 'rewind' ? null : own.text;
  // A tool result's name is its call's, from the call's line (found by the fuzz: a call line changed but still
  // read names the result, which the clean file of surviving lines, without that call, cannot).
  const name = e.kind === 'tool_result' ? null : own.name;
  return JSON.stringify([e.kind, own.role, text, name, own.arguments, own.type]);
};

async function read(setup: Setup, summary: SessionSummary): Promise<{ entries: Set<string>; summary: SessionSummary | null }> {
  const s = await setup.catalog.summary(summary);
  const t = await setup.catalog.transcript(summary);
  return { entries: new Set(t.entries.map(entryKey).filter((k): k is string => k !== null)), summary: s };
}

describe('robustness: random corruptions of every format', () => {
  it('gemini (found by the fuzz): a copy that says nothing does not claim its message id', async () => {
    const { parseGemini, initGeminiParser } = await import('../../src/store/sources/gemini/parse.js');
    const state = initGeminiParser();
    const texts = (r: Record<string, unknown>): unknown[] =>
      (parseGemini(r, state) ?? []).filter((e) => e.kind === 'message').map((e) => (e as { text?: string }).text);
    // A torn-and-glued record that happens to parse, carrying a real id and no text…
    expect(texts({ id: 'h2', timestamp: '2026-01-04T09:00:05Z', type: '000-4000', projectHash: 'x' })).toEqual([]);
    // …and a first copy written before the text streamed in: neither hides the copy with the text.
    expect(texts({ id: 'g1', type: 'gemini', content: '' })).toEqual([]);
    expect(texts({ id: 'h2', type: 'gemini', content: 'Hello' })).toEqual(['Hello']);
    expect(texts({ id: 'g1', type: 'gemini', content: 'Lines fall like leaves' })).toEqual(['Lines fall like leaves']);
    // Later copies of a shown id are still not shown twice.
    expect(texts({ id: 'h2', type: 'gemini', content: 'Hello again' })).toEqual([]);
  });

  for (const source of SOURCES) {
    it(`${source}: reading never throws and never loses a line that is still valid`, async () => {
      const setup = setups.get(source)!;
      expect(setup.sessions.length).toBeGreaterThan(0);
      await fc.assert(
        fc.asyncProperty(fc.nat(setup.sessions.length - 1), fc.array(op, { minLength: 1, maxLength: 4 }), async (i, ops) => {
          const { summary, original } = setup.sessions[i]!;
          const corrupted = ops.reduce(apply, original);
          try {
            const lines = summary.path.endsWith('.jsonl') ? survivingLines(original, corrupted, source) : null;
            let expected: Awaited<ReturnType<typeof read>> | null = null;
            if (lines) {
              // The same lines alone, as a clean file at the same path (the location decides the format).
              writeFileSync(summary.path, lines.map((l) => `${l}\n`).join(''));
              expected = await read(setup, summary);
            }
            writeFileSync(summary.path, corrupted);
            const got = await read(setup, summary);
            if (!expected) return;
            // Read: every entry of the surviving lines is in the transcript…
            for (const key of expected.entries) expect(got.entries.has(key), `lost ${key.slice(0, 200)}`).toBe(true);
            // …and counted: the summary counts no fewer prompts and tool calls.
            if (expected.summary) {
              expect(got.summary?.userMessages ?? 0).toBeGreaterThanOrEqual(expected.summary.userMessages);
              expect(got.summary?.toolCalls ?? 0).toBeGreaterThanOrEqual(expected.summary.toolCalls);
            }
          } finally {
            writeFileSync(summary.path, original);
          }
        }),
        // SB_FUZZ_SEED (and SB_FUZZ_PATH) replay a failure fast-check printed.
        { numRuns: Number(process.env.SB_FUZZ_RUNS ?? 100), ...(process.env.SB_FUZZ_SEED ? { seed: Number(process.env.SB_FUZZ_SEED), path: process.env.SB_FUZZ_PATH, endOnFailure: true } : {}) },
      );
    }, 60_000);
  }
});
