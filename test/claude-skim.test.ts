/**
 * The summary's cheap reading of Claude Code's tool-result lines
 * (sources/claude/skim.ts, format/json-skim.ts): the outputs are cut out
 * unread and the rest is parsed, so a cold summary costs less, and it must
 * change nothing a user sees: every session's summary and fold state are
 * the same as with every line parsed in full, and any line the cut does not
 * expect is left to the full parse (malformed and torn lines included).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClaudeTree } from '../fixtures/generate-claude.js';
import { stringEnd, valueEnd } from '../src/format/json-skim.js';
import { classifyLine } from '../src/store/scan/classify.js';
import { readRecordsSync } from '../src/store/scan/records.js';
import { readSummarySync } from '../src/store/scan/summary-reader.js';
import { claudeLocation } from '../src/store/sources/claude/location.js';
import { repairClaudeLine, skimClaudeLine } from '../src/store/sources/claude/skim.js';
import { readClaudeLineFast } from '../src/store/sources/claude/fast-read.js';
import { diagnoseFile } from '../src/store/scan/doctor.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import type { SessionFile } from '../src/store/sources/format.js';
import { readOpts } from './helpers/session-files.js';

describe('json-skim', () => {
  it('finds the quote that closes a string, past escaped quotes and runs of backslashes', () => {
    const s = JSON.stringify({ a: 'say "hi" \\', b: '\\\\"x' });
    const open = s.indexOf(':"') + 2;
    expect(s.slice(open, stringEnd(s, open))).toBe(JSON.stringify('say "hi" \\').slice(1, -1));
    const second = s.indexOf(':"', stringEnd(s, open)) + 2;
    expect(JSON.parse(s.slice(second - 1, stringEnd(s, second) + 1))).toBe('\\\\"x');
    expect(stringEnd('"never closed \\"', 1)).toBe(-1);
  });

  it('finds where any value ends, and refuses what does not pair or close', () => {
    const value = { out: 'brackets ] } [ { and "quotes" inside', list: [1, { deep: [true, null] }], n: -1.5e3 };
    const s = `${JSON.stringify(value)},"next":1`;
    expect(JSON.parse(s.slice(0, valueEnd(s, 0)))).toEqual(value);
    expect(valueEnd('[1,{"a":2}]x', 0)).toBe(11);
    expect(valueEnd('true,', 0)).toBe(4);
    expect(valueEnd('-12.5e3}', 0)).toBe(7);
    expect(valueEnd('{"a":[1}', 0)).toBe(-1); // `}` closes a `[`
    expect(valueEnd('{"a":"open}', 0)).toBe(-1);
    expect(valueEnd('{"a":1', 0)).toBe(-1);
    expect(valueEnd(`${'['.repeat(65)}${']'.repeat(65)}`, 0)).toBe(-1); // deeper than it skips
    expect(valueEnd(',', 0)).toBe(-1);
  });
});

/** A user line of Claude Code returning tool results, as it writes them (key order of 2.0.x, `toolUseResult` after the time). */
function resultLine(outputs: string[], extra: Record<string, unknown> = {}): { line: string; full: Record<string, unknown> } {
  const full: Record<string, unknown> = {
    parentUuid: 'p-1',
    isSidechain: false,
    userType: 'external',
    cwd: '/work/app',
    sessionId: 's-1',
    version: '2.0.14',
    gitBranch: 'main',
    type: 'user',
    message: { role: 'user', content: outputs.map((o, i) => ({ tool_use_id: `toolu_${i}`, type: 'tool_result', content: o, ...(i === 1 ? { is_error: true } : {}) })) },
    uuid: 'u-1',
    timestamp: '2026-11-20T09:00:05.000Z',
    toolUseResult: { stdout: outputs[0], stderr: '] } "{', interrupted: false, nested: [{ a: [1, 2] }] },
    sourceToolAssistantUUID: 'a-1',
    ...extra,
  };
  return { line: JSON.stringify(full), full };
}

/** What the skim must give for `full`: the same record, each result's output '' and `toolUseResult` null. */
function elided(full: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(full);
  for (const block of (copy.message as { content: Record<string, unknown>[] }).content) if (block.type === 'tool_result') block.content = '';
  if ('toolUseResult' in copy) copy.toolUseResult = null;
  return copy;
}

describe('skimClaudeLine', () => {
  const tricky = ['line 1\n\tindented "quoted" \\ back\\slash\\', '{"json": ["inside", "an output"]}', 'ends in a backslash \\\\', '日本語の出力 and emoji 🎉'];

  it('is the parsed line with the outputs elided, everything else as JSON.parse gives it', () => {
    for (const outputs of [[tricky[0]!], tricky, ['']]) {
      const { line, full } = resultLine(outputs);
      expect(skimClaudeLine(line)).toEqual(elided(full));
    }
    const { line, full } = resultLine(['x'], { isMeta: true, isCompactSummary: false, ['__proto__']: { polluted: true } });
    const skimmed = skimClaudeLine(line)!;
    expect(skimmed).toEqual(elided(full));
    expect(Object.prototype.hasOwnProperty.call(skimmed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves every other line to the full parse', () => {
    const assistant = JSON.stringify({ type: 'assistant', message: { id: 'm', content: [{ type: 'tool_use', id: 't', name: 'Bash', input: { command: 'ls' } }] } });
    const prompt = JSON.stringify({ type: 'user', message: { role: 'user', content: 'a "tool_result" in a prompt' } });
    const arrayOutput = JSON.stringify({ type: 'user', message: { role: 'user', content: [{ tool_use_id: 't', type: 'tool_result', content: [{ type: 'text', text: 'out' }] }] } });
    for (const line of [assistant, prompt, arrayOutput, '{"type":"summary","summary":"x"}']) expect(skimClaudeLine(line)).toBeUndefined();
  });

  it('gives up on lines that are not well formed outside the outputs, so they are counted as the full parse counts them', () => {
    const { line } = resultLine(['output']);
    const cut = line.indexOf('"type":"tool_result"') + 40;
    expect(skimClaudeLine(line.slice(0, cut))).toBeUndefined(); // a writer mid-append: the output never closes
    expect(skimClaudeLine(line.replace(',"cwd"', '"cwd"'))).toBeUndefined(); // a comma lost in the header
    expect(skimClaudeLine(line.slice(0, -1))).toBeUndefined(); // the record never closes
    expect(skimClaudeLine(line.replace('"toolUseResult":{', '"toolUseResult":{"a":[}'))).toBeUndefined(); // brackets that do not pair
    expect(skimClaudeLine(`{"type":"user","message":{"con${line}`)).toBeUndefined(); // torn: recovered by the full parse
  });

  it('never reads a torn line as another record: cut anywhere in its outputs and followed by the next line, it is parsed in full', () => {
    // Found by a reviewer: a line cut inside toolUseResult, with the next line written after it, had its quotes paired out
    // of step until an escaped quote in the next line put them back, and the rest parsed as a record (its usage lost).
    const next = JSON.stringify({ uuid: 'b', type: 'assistant', message: { id: 'm', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: '[{ "' }], usage: { input_tokens: 10, output_tokens: 5 } }, requestId: 'r', timestamp: '2026-01-01T00:00:00Z' });
    const { line } = resultLine(['out "quoted" ] } [ {', 'second \\ output']);
    const from = line.indexOf('"type":"tool_result"');
    let skimmed = 0;
    for (let cut = from; cut < line.length; cut++) {
      const torn = line.slice(0, cut) + next;
      const r = skimClaudeLine(torn);
      if (r === undefined) continue;
      // Only where the cut left a well-formed line (never, here): then it must be what the full parse reads.
      skimmed++;
      const full = classifyLine(torn);
      expect(full.kind === 'object' && !full.torn, torn).toBe(true);
      expect(r, torn).toEqual(elided((full as { value: Record<string, unknown> }).value));
    }
    expect(skimmed).toBe(0);
    const repro = '{"uuid":"a","type":"user","message":{"role":"user","content":[{"tool_use_id":"t","type":"tool_result","content":"x"}]},"toolUseResult":{"' + next;
    expect(skimClaudeLine(repro)).toBeUndefined();
    expect(classifyLine(repro)).toMatchObject({ kind: 'object', torn: true });
  });

  it('checks the structure of what it skips: a toolUseResult that is not JSON leaves the line to the full parse', () => {
    const { line } = resultLine(['out']);
    const value = line.indexOf('"toolUseResult":') + '"toolUseResult":'.length;
    const end = line.indexOf(',"sourceToolAssistantUUID"');
    for (const bad of ['{"a" 1 2,,}', 'hello', '1.2.3e', '{"a":1,}', '[1 2]', '{"a":}', '{,"a":1}', '[,]', 'tru']) {
      const broken = line.slice(0, value) + bad + line.slice(end);
      expect(() => JSON.parse(broken), bad).toThrow();
      expect(skimClaudeLine(broken), bad).toBeUndefined();
    }
  });

  it('elides only outputs where parse.ts reads them: the pattern elsewhere leaves the line to the full parse', () => {
    const inMessage = '{"parentUuid":null,"isSidechain":false,"cwd":"/w","sessionId":"s","type":"user","message":{"role":"user","type":"tool_result","content":"Fix the login bug please"},"uuid":"u0","timestamp":"2026-01-01T00:00:00Z"}';
    const duplicateType = '{"parentUuid":null,"type":"user","subtype":"local_command","type":"tool_result","content":"<command-name>/model</command-name>","type":"system","timestamp":"2026-01-01T00:00:02Z"}';
    const overridden = JSON.stringify({ type: 'user', message: { role: 'user', content: [{ tool_use_id: 't', type: 'tool_result', content: 'x' }] } }).replace('}]}', '}],"content":"the prompt that counts"}');
    const twoCopies = resultLine(['x']).line.replace(',"sourceToolAssistantUUID"', ',"toolUseResult":"later copy","sourceToolAssistantUUID"');
    for (const line of [inMessage, duplicateType, overridden, twoCopies]) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(skimClaudeLine(line), line).toBeUndefined();
    }
  });

  it('does not check the inside of what it skips, and the full read reads the same line around the damage (repairClaudeLine)', () => {
    // A bad escape or a raw control character inside an output fails JSON.parse; the skim never looks there, so the
    // full read must not count the line as malformed either, or a cold summary and a later one would disagree.
    const { line, full } = resultLine(['PLACEHOLDER', 'fine']);
    const bad = line.replace('PLACEHOLDER', 'bad \\x escape, a raw\ttab, a lone \\ here');
    expect(() => JSON.parse(bad)).toThrow();
    expect(skimClaudeLine(bad)).toEqual(elided(full));
    const repaired = repairClaudeLine(bad)!;
    const content = (repaired.message as { content: { content: unknown }[] }).content;
    expect(content.map((b) => b.content)).toEqual(['bad \\x escape, a raw\ttab, a lone \\ here', 'fine']);
    expect(repaired.toolUseResult).toBeNull();
    expect(classifyLine(bad, repairClaudeLine)).toMatchObject({ kind: 'object', repaired: true });
    // Damage anywhere else is still malformed, and a torn line still torn.
    expect(repairClaudeLine(bad.replace(',"cwd"', '"cwd"'))).toBeUndefined();
    expect(classifyLine(`{"type":"user","mess${bad}`, repairClaudeLine)).toMatchObject({ kind: 'object', torn: true });
  });

  it('a session with such a line has one summary, cold or with its text, and doctor names the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-skim-damaged-'));
    try {
      const { line } = resultLine(['PLACEHOLDER']);
      const bad = line.replace('PLACEHOLDER', 'out \\q bad').replace('"content":[{', '"content":[{"type":"text","text":"Interjected prompt that becomes the title"},{');
      const prompt = JSON.stringify({ type: 'user', message: { role: 'user', content: 'Second real prompt' }, uuid: 'u2', timestamp: '2026-11-20T09:00:09.000Z', cwd: '/work/app', sessionId: 's-1' });
      const path = join(dir, 'cccccccc-0000-4000-8000-000000000003.jsonl');
      writeFileSync(path, `${bad}\n${prompt}\n`);
      const file = { id: 'cccccccc-0000-4000-8000-000000000003', source: 'claude', format: 'claude' };
      const cold = readSummarySync(path, readOpts({ collectText: false, file })).summary;
      const withText = readSummarySync(path, readOpts({ collectText: true, file })).summary;
      expect(cold.title).toBe('Interjected prompt that becomes the title');
      expect(cold.malformedLines).toBe(0);
      expect(withText).toEqual(cold);
      const d = await diagnoseFile(path, undefined, Date.parse('2026-11-21T00:00:00Z'), file);
      expect(d.repaired).toEqual([1]);
      expect(d.malformed).toEqual([]);
      // The same line last, without its newline (a writer mid-append): named too.
      writeFileSync(path, `${prompt}\n${bad}`);
      expect((await diagnoseFile(path, undefined, Date.parse('2026-11-21T00:00:00Z'), file)).repaired).toEqual([2]);
      writeFileSync(path, `${bad}\n${prompt}\n`);
      const t = await loadTranscript(path, { ...readOpts({ file }) });
      expect(JSON.stringify(t.entries)).toContain('out \\\\q bad');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('summaries with the skim', () => {
  let dir: string;
  let sessions: SessionFile[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-skim-'));
    generateClaudeTree({ out: join(dir, 'claude'), bytes: 5e6, seed: 11 });
    const fixtures = fileURLToPath(new URL('../fixtures/agents/claude', import.meta.url));
    sessions = [];
    for (const home of [join(dir, 'claude'), fixtures]) sessions.push(...(await claudeLocation({ dir: home, named: true }).scan('', null)).files);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are the summaries and fold states of a full parse, for every session of the fixtures and a generated tree', () => {
    expect(sessions.length).toBeGreaterThan(5);
    let skimmed = 0;
    let fromBytes = 0;
    for (const file of [...sessions.flatMap((s) => [s.path, ...(s.parts ?? [])])]) {
      readRecordsSync(file, { record: () => {}, skim: (line) => { const r = skimClaudeLine(line); if (r) skimmed++; return r; } });
      readRecordsSync(file, { record: () => {}, skim: (line, raw) => { const r = raw && readClaudeLineFast(line, raw); if (r) fromBytes++; return r ?? undefined; } });
    }
    // The check below compares something: many lines of these files take each cheap reading (the text's skim, the bytes' reader).
    expect(skimmed).toBeGreaterThan(100);
    expect(fromBytes).toBeGreaterThan(500);
    for (const s of sessions) {
      const opts = readOpts({ projectId: s.projectId, collectText: false, file: { id: s.id, source: s.source, format: s.format, parts: s.parts } });
      const cheap = readSummarySync(s.path, opts);
      const full = readSummarySync(s.path, { ...opts, skim: false });
      expect(cheap.summary, s.path).toEqual(full.summary);
      expect(cheap.state, s.path).toEqual(full.state);
    }
  });
});
