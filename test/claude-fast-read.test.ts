/**
 * The cold summary's reading of Claude Code lines from their bytes
 * (sources/claude/fast-read.ts over the WebAssembly record-scan.as.ts): it
 * must change nothing a user sees. Every line it takes gives the events the
 * usual reading gives (JSON.parse, tool outputs elided as skim.ts elides
 * them), and every line it takes is one JSON.parse takes: a malformed,
 * torn or odd line is left to the usual reading, which counts it as before.
 * The whole-tree check (every session's summary and fold state, read with
 * and without the skim) is claude-skim.test.ts's.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecordsSync } from '../src/store/scan/records.js';
import { describe, expect, it } from 'vitest';
import { readClaudeLineFast } from '../src/store/sources/claude/fast-read.js';
import { skimClaudeLine } from '../src/store/sources/claude/skim.js';
import { initClaudeParser, parseClaude } from '../src/store/sources/claude/parse.js';
import { RECORD_SCAN_WASM } from '../src/store/sources/claude/record-scan.wasm.js';
import type { NormalizedEvent } from '../src/store/sources/events.js';
// @ts-expect-error: a plain ESM script without declarations
import { compileRecordScan, GENERATED, generatedModule } from '../scripts/build-wasm.mjs';

type Obj = Record<string, unknown>;

/** The fast reading of `line` as the read loop gives it: its text and its bytes (an offset into a bigger buffer, as in a chunk). */
function fast(line: string, lineEnd = ''): Obj | undefined {
  const bytes = Buffer.from(`xx${line}${lineEnd}\nyy`);
  const end = bytes.length - 3;
  return readClaudeLineFast(line, { buf: bytes, start: 2, end });
}

/** JSON.parse's record with tool outputs elided (a result's content "", as skim.ts makes a string one; `toolUseResult` dropped). */
function usual(line: string): Obj {
  const r = JSON.parse(line) as Obj;
  const content = (r.message as Obj | undefined)?.content;
  if (Array.isArray(content)) for (const b of content) if (b && typeof b === 'object' && (b as Obj).type === 'tool_result') (b as Obj).content = '';
  delete r.toolUseResult;
  return r;
}

/** The events parse.ts makes of `record`, a tool call's arguments left out (the fast reading never reads a call's input: no summary does). */
function events(record: Obj): NormalizedEvent[] | null {
  const out = parseClaude(record, initClaudeParser());
  return out && out.map((e) => (e.kind === 'tool_call' ? { ...e, arguments: undefined } : e.kind === 'message' && 'tool_calls' in e.message ? { ...e, message: { ...e.message, tool_calls: (e.message.tool_calls as Obj[]).map((c) => ({ ...c, arguments: undefined })) } } : e));
}

/** The line as Claude Code 2.0 writes an assistant reply with usage. */
function assistantLine(over: Obj = {}, message: Obj = {}): string {
  return JSON.stringify({
    parentUuid: 'a1b2',
    isSidechain: false,
    userType: 'external',
    cwd: '/work/app',
    sessionId: 's-1',
    version: '2.0.14',
    gitBranch: 'main',
    type: 'assistant',
    message: {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-1-20250805',
      content: [
        { type: 'thinking', thinking: 'Let me look.', signature: 'c2ln' },
        { type: 'text', text: 'Reading the file.' },
        { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/work/app/a.ts', nested: [1, { deep: true }] } },
      ],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 3, cache_creation_input_tokens: 1255, cache_read_input_tokens: 14025, output_tokens: 114, cache_creation: { ephemeral_5m_input_tokens: 627, ephemeral_1h_input_tokens: 628 }, service_tier: 'standard' },
      ...message,
    },
    requestId: 'req_01',
    uuid: 'u-1',
    timestamp: '2026-11-10T21:42:35.506Z',
    ...over,
  });
}

/** A user line returning a tool's output (twice, as Claude Code writes it). */
function resultLine(output: string, over: Obj = {}): string {
  return JSON.stringify({
    parentUuid: 'u-1',
    isSidechain: false,
    cwd: '/work/app',
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: 'toolu_1', type: 'tool_result', content: output, is_error: true }] },
    uuid: 'u-2',
    timestamp: '2026-11-10T21:42:36.000Z',
    toolUseResult: { stdout: output, stderr: '', interrupted: false, list: [1, 2, { a: 'b' }] },
    ...over,
  });
}

/** Asserts the fast reading takes `line` and gives the usual events. */
function expectSame(line: string): void {
  const record = fast(line);
  expect(record, line.slice(0, 200)).toBeDefined();
  expect(events(record!)).toEqual(events(usual(line)));
}

describe('the fast reading of a Claude Code line', () => {
  it('gives the events of the usual reading for replies, tool results, prompts and the other record types it takes', () => {
    expectSame(assistantLine());
    expectSame(assistantLine({ isSidechain: true }));
    expectSame(assistantLine({}, { content: 'a reply as one string' }));
    expectSame(assistantLine({}, { model: '<synthetic>', content: [{ type: 'text', text: 'API Error: 529' }] }));
    expectSame(assistantLine({ isApiErrorMessage: true }));
    expectSame(assistantLine({}, { usage: { input_tokens: 5, output_tokens: 7 } }));
    expectSame(resultLine('    1\tline one\n    2\t"quoted" \\ back\n'));
    expectSame(JSON.stringify({ type: 'user', cwd: '/w', message: { role: 'user', content: 'Fix the login bug' }, uuid: 'u', timestamp: '2026-11-10T21:00:00Z' }));
    expectSame(JSON.stringify({ type: 'user', isMeta: true, message: { role: 'user', content: 'Caveat: injected' }, timestamp: '2026-11-10T21:00:00Z' }));
    expectSame(JSON.stringify({ type: 'user', isCompactSummary: true, message: { role: 'user', content: [{ type: 'text', text: 'This session is being continued from a previous conversation. Summary: ...' }] } }));
    expectSame(JSON.stringify({ type: 'user', message: { role: 'user', content: '<command-name>/review</command-name><command-args>now</command-args>' } }));
    expectSame(JSON.stringify({ type: 'file-history-snapshot', messageId: 'm', snapshot: { trackedFileBackups: {}, timestamp: '2026-11-10T21:00:00Z' } }));
    expectSame(JSON.stringify({ type: 'progress', data: { type: 'hook_progress', hookEvent: 'PreToolUse' }, cwd: '/work/app', gitBranch: 'dev', timestamp: '2026-11-10T21:00:00Z' }));
  });

  it('reads escapes, non-ASCII text (before and after the values it reads), a CR before the newline and whitespace between tokens', () => {
    const text = 'Café ☕ 🎉 "quoted"\n\ttab \\ back \u0001 \u2028';
    const line = assistantLine({ cwd: '/home/zoë/projet' }, { content: [{ type: 'text', text }], model: 'claude-é' });
    expectSame(line);
    const r = fast(line)!;
    expect(r.cwd).toBe('/home/zoë/projet');
    expect(((r.message as Obj).content as Obj[])[0]!.text).toBe(text);
    expect((r.message as Obj).model).toBe('claude-é');
    expect(fast(assistantLine(), '\r')).toEqual(fast(assistantLine()));
    const spaced = JSON.stringify(JSON.parse(assistantLine()), null, 1).replace(/\n/g, ' ');
    expectSame(spaced);
    expectSame(assistantLine({}, { content: [{ type: 'text', text: '\ud83d\ude00 and a lone \ud800' }] }));
  });

  it('reads a key written twice as JSON.parse does: the last value wins (a second message is left to it)', () => {
    const line = assistantLine();
    expectSame(`${line.slice(0, -1)},"isSidechain":true,"type":"assistant","requestId":"req_02"}`);
    const usageTwice = line.replace('"service_tier":"standard"}', '"service_tier":"standard","output_tokens":999,"cache_creation":null}');
    expectSame(usageTwice);
    expect(((fast(usageTwice)!.message as Obj).usage as Obj).cache_creation).toBeUndefined();
    expectSame(line.replace('{"type":"text","text":"Reading the file."}', '{"type":"thinking","text":"x","type":"text","text":"Reading the file."}'));
    expect(fast(`${line.slice(0, -1)},"message":{"id":"msg_02","content":[]}}`)).toBeUndefined();
  });

  it('checks a tool output as JSON.parse does: a damaged one is left to skim.ts, which reads around it as before', () => {
    const damaged = resultLine('x').replace('"content":"x"', '"content":"a\\qb"');
    expect(() => JSON.parse(damaged)).toThrow();
    expect(fast(damaged)).toBeUndefined();
    expect(skimClaudeLine(damaged)).toBeDefined();
    // An output of another shape (Task and MCP results, images) is read past as a string one is.
    expectSame(resultLine('x').replace('"content":"x"', '"content":[{"type":"text","text":"done"},{"type":"image","source":{"type":"base64","data":"iVBORw0KGgo="}}]'));
    const elsewhere = [
      '{"type":"user","message":{"content":[{"type":"text","text":"hi","content":"\\q"}]}}',
      '{"type":"assistant","message":{"content":[{"type":"text","text":"hi","content":"\\u12"}]}}',
      '{"type":"user","message":{"content":[{"content":"a\u0001b"}]}}',
      '{"type":"user","message":{"content":[{"type":"tool_result","content":"\\q","type":"text"}]}}',
      '{"type":"user","message":{"content":[{"content":"\\q","type":"tool_result"}]}}',
      '{"type":"user","message":{"content":[{"type":"tool_result","content":"\\q"}]}}',
      '{"type":"user","message":{"content":[{"type":"tool_result","content":"\\q"}]},"message":{"content":"hello"}}',
      '{"type":"user","message":{"content":[{"type":"tool_result","content":"ok"}]},"toolUseResult":"\\q"}',
    ];
    for (const line of elsewhere) {
      expect(() => JSON.parse(line), line).toThrow();
      expect(fast(line), line).toBeUndefined();
    }
    // Content of another shape on an item that is not a tool result: its text is parse.ts's to read.
    expect(fast('{"type":"assistant","message":{"content":[{"type":"text","text":"a","content":[1]}]}}')).toBeUndefined();
  });

  it('gives the usual events for a run of lines read with one parser state (a streamed reply, a 1.0.x summary waiting for its leaf)', () => {
    const lines = [
      JSON.stringify({ type: 'summary', summary: 'Fix the flaky test', leafUuid: 'leaf-2' }),
      assistantLine({ uuid: 'leaf-1' }, { content: [{ type: 'thinking', thinking: 'hm', signature: 's' }] }),
      assistantLine({ uuid: 'leaf-2' }, { content: [{ type: 'text', text: 'Done.' }], usage: { input_tokens: 3, output_tokens: 200 } }),
      resultLine('ok', { uuid: 'leaf-3' }),
      assistantLine({ uuid: 'leaf-4', requestId: 'req_02' }, { id: 'msg_02', content: [{ type: 'text', text: 'Next.' }] }),
    ];
    const run = (read: (line: string) => Obj): unknown[] => {
      const state = initClaudeParser();
      return lines.map((line) => parseClaude(read(line), state)).map((out) => out?.map((e) => (e.kind === 'tool_call' ? { ...e, arguments: undefined } : e)));
    };
    expect(run((line) => fast(line) ?? usual(line))).toEqual(run(usual));
    expect(lines.filter((line) => fast(line) !== undefined)).toHaveLength(4);
  });

  it('leaves an item whose type is not a string to the usual reading (an item without one reads otherwise)', () => {
    for (const type of ['null', '5', 'false', '{}', '[]']) {
      const line = `{"type":"assistant","message":{"model":"<synthetic>","content":[{"type":${type},"text":"API Error: 529"}]}}`;
      expect(fast(line), type).toBeUndefined();
    }
    expectSame('{"type":"assistant","message":{"model":"<synthetic>","content":[{"text":"API Error: 529"}]}}');
  });

  it('leaves to the usual reading what it does not read exactly: other record types, odd counts, odd content, escaped keys', () => {
    for (const type of ['system', 'custom-title', 'ai-title', 'summary']) expect(fast(JSON.stringify({ type, customTitle: 't', aiTitle: 't', summary: 's', subtype: 'compact_boundary' }))).toBeUndefined();
    for (const count of ['1e3', '3.0', '-5', '"12"', 'null', '1234567890123456', '{}']) expect(fast(assistantLine().replace('"output_tokens":114', `"output_tokens":${count}`)), count).toBeUndefined();
    expect(fast(assistantLine({}, { content: ['a string item'] }))).toBeUndefined();
    expect(fast(assistantLine().replace('"type":"assistant"', '"typ\\u0065":"assistant"'))).toBeUndefined();
    expect(fast(assistantLine({}, { content: Array.from({ length: 65 }, () => ({ type: 'text', text: 'x' })) }))).toBeUndefined();
    expect(fast('\ufeff' + assistantLine())).toBeUndefined();
    expect(fast('{}')).toBeUndefined();
  });

  it('takes no line JSON.parse refuses: bad escapes, raw control characters, torn and cut lines, trailing bytes, deep nesting', () => {
    const line = assistantLine();
    const bad = [
      line.replace('"Read"', '"Re\\qd"'),
      line.replace('"Read"', '"Re\\u00zzd"'),
      line.replace('"Read"', '"Re\u0001d"'),
      line.replace('/work/app', '/work\u0000app'),
      line.slice(0, -1),
      line.slice(0, line.length / 2),
      `${line}x`,
      `${line},`,
      `{"type":"user","message":${line}`,
      `\u0000\u0000${line}`,
      line.replace('"stop_reason":null', '"stop_reason":nul'),
      line.replace('"stop_reason":null', '"stop_reason":01'),
      line.replace('"stop_reason":null', '"stop_reason":1.'),
      line.replace('"stop_reason":null', '"stop_reason":-'),
      line.replace('"stop_reason":null', '"stop_reason":[1,]'),
      line.replace('"stop_reason":null', '"stop_reason":{"a":1,}'),
      line.replace('"stop_reason":null', '"stop_reason":[1}'),
      line.replace('"stop_reason":null,', '"stop_reason":null,,'),
      line.replace('"stop_reason":null', `"stop_reason":${'['.repeat(70)}${']'.repeat(70)}`),
    ];
    for (const b of bad) expect(fast(b), b.slice(0, 120)).toBeUndefined();
    expectSame(line.replace('"stop_reason":null', `"stop_reason":${'['.repeat(40)}${']'.repeat(40)}`));
  });

  it('finds where an output ends past escaped quotes and runs of backslashes, and refuses a raw control character in it as JSON.parse does', () => {
    expectSame(resultLine('ends in a backslash \\'));
    expectSame(resultLine('\\\\"x\\\\'));
    const raw = resultLine('tab').replace('"content":"tab"', '"content":"t\u0001b"');
    expect(fast(raw)).toBeUndefined();
    expect(skimClaudeLine(raw)).toBeDefined();
    expect(fast(resultLine('x').replace('"content":"x"', '"content":"x'))).toBeUndefined();
  });

  it('reads a line longer than its memory (the memory grows) and the next short line after it', () => {
    const long = resultLine('y'.repeat(3_000_000));
    expectSame(long);
    expectSame(assistantLine());
  });

  it('reads a line the read loop pieced together from several reads as it reads a line read whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-fast-'));
    try {
      const lines = [assistantLine(), resultLine('out\n'.repeat(50)), assistantLine({ cwd: '/home/zoë' })];
      const file = join(dir, 's.jsonl');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const seen: string[] = [];
      // 64-byte reads: every line spans several.
      readRecordsSync(file, { record: () => {}, skim: (line, raw) => {
        const r = raw ? readClaudeLineFast(line, raw) : undefined;
        expect(r, line.slice(0, 80)).toBeDefined();
        expect(events(r!)).toEqual(events(usual(line)));
        seen.push(line);
        return r;
      } }, { chunkBytes: 64 });
      expect(seen).toEqual(lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the usual events for generated records: any key order, strings of any characters, extra keys of any shape', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '\n', '\u0001', '☕', '🎉', '\u2028', ' ') });
    const json = fc.jsonValue({ maxDepth: 3 });
    const count = fc.option(fc.nat({ max: 10_000_000 }), { nil: undefined });
    const block = fc.oneof(
      fc.record({ type: fc.constant('text'), text }),
      fc.record({ type: fc.constant('thinking'), thinking: text, signature: text }),
      fc.record({ type: fc.constant('tool_use'), id: text, name: text, input: json }),
      fc.record({ type: fc.constant('tool_result'), tool_use_id: text, content: text, is_error: fc.boolean() }, { requiredKeys: ['type'] }),
      fc.record({ type: text, other: json }, { requiredKeys: [] }),
    );
    const record = fc.record(
      {
        type: fc.constantFrom('assistant', 'user', 'progress', 'queue-operation'),
        timestamp: fc.oneof(text, fc.constant('2026-11-10T21:42:35.506Z')),
        uuid: text,
        cwd: fc.oneof(text, json),
        gitBranch: text,
        requestId: text,
        isSidechain: fc.oneof(fc.boolean(), json),
        isApiErrorMessage: fc.boolean(),
        isMeta: fc.boolean(),
        isCompactSummary: fc.boolean(),
        extra: json,
        message: fc.record(
          {
            id: text,
            model: fc.oneof(text, fc.constantFrom('claude-sonnet-4-5', '<synthetic>')),
            content: fc.oneof(text, fc.array(block, { maxLength: 5 }), json),
            usage: fc.record(
              { input_tokens: count, output_tokens: count, cache_read_input_tokens: count, cache_creation_input_tokens: count, cache_creation: fc.record({ ephemeral_1h_input_tokens: count, ephemeral_5m_input_tokens: count }), service_tier: text },
              { requiredKeys: [] },
            ),
            role: text,
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['type'] },
    );
    let taken = 0;
    fc.assert(
      fc.property(record, fc.boolean(), (r, shuffle) => {
        const keys = Object.keys(r);
        if (shuffle) keys.reverse();
        const line = JSON.stringify(Object.fromEntries(keys.map((k) => [k, (r as Obj)[k]])));
        const got = fast(line);
        // Undefined counts are left out by JSON.stringify; what the reader does not take, the usual reading reads.
        if (got === undefined) return;
        taken++;
        expect(events(got)).toEqual(events(usual(line)));
      }),
      { numRuns: 400 },
    );
    // Most generated records are read the fast way (those with an odd count or content are not).
    expect(taken).toBeGreaterThan(100);
  });

  it('takes no line JSON.parse refuses, whatever one character of a valid line is damaged', () => {
    const bases = [assistantLine({}, { content: [{ type: 'text', text: 'a "b" \\ c' }] }), resultLine('out "q" \\ \n end')];
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.nat({ max: 10_000 }), fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', '\u0001', 'x', '1', ' ', ''), (line, n, put) => {
        const at = n % line.length;
        const damaged = line.slice(0, at) + put + line.slice(at + 1);
        let parses = true;
        try {
          JSON.parse(damaged);
        } catch {
          parses = false;
        }
        if (!parses) expect(fast(damaged)).toBeUndefined();
      }),
      { numRuns: 600 },
    );
  });
});

describe('the committed WebAssembly', () => {
  it('and fast-read.ts number the result slots and bits alike (each file holds its own copy)', () => {
    const constants = (file: string): Map<string, number> =>
      new Map([...readFileSync(new URL(`../src/store/sources/claude/${file}`, import.meta.url), 'utf8').matchAll(/^const ([A-Z][A-Z0-9_]*) = (\d+);/gm)].map((m) => [m[1]!, Number(m[2])]));
    const reader = constants('record-scan.as.ts');
    const glue = constants('fast-read.ts');
    const shared = [...glue.keys()].filter((name) => /^(S|F|B|C)_|^ESCAPED$|^BLOCK_SLOTS$/.test(name));
    expect(shared.length).toBeGreaterThan(20);
    for (const name of shared) expect(reader.get(name), name).toBe(glue.get(name));
  });

  it('is what scripts/build-wasm.mjs makes of record-scan.as.ts (run `npm run build:wasm` after editing it)', async () => {
    const binary = (await compileRecordScan()) as Buffer;
    expect(readFileSync(GENERATED, 'utf8')).toBe(generatedModule(binary));
    expect(Buffer.from(RECORD_SCAN_WASM, 'base64').equals(binary)).toBe(true);
  }, 60_000);
});
