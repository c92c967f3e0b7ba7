import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { bytesBefore } from '../src/store/scan/check-hash.js';
import { describe, expect, it } from 'vitest';
import { diagnoseFile } from '../src/store/scan/doctor.js';
import { scanLines, scanLinesSync } from '../src/store/scan/lines.js';
import { readSummary, readSummarySync } from '../src/store/scan/summary-reader.js';
import { stateJson } from '../src/store/scan/packed-state.js';
import { parseState } from '../src/store/catalog/stored-rows.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const msg = (role: string, content: string) => ({ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role, content } });

describe('line handling shared by every reader', () => {
  it('decodes each line as it would be decoded alone, whatever UTF-8 (valid or not) surrounds its newline', async () => {
    // Pieces: ASCII, 2-, 3- and 4-byte characters, sequences cut short, stray continuation bytes, CR, a BOM later in a line.
    const pieces = ['ab', 'é', '日', '😀', '\r', '\ufeff'].map((p) => Buffer.from(p)).concat([[0xe6, 0x97], [0xf0, 0x9f, 0x98], [0x80], [0xc3], [0xff]].map((b) => Buffer.from(b)));
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
    for (let i = 0; i < 4000; i++) parts.push(rand(6) === 0 ? Buffer.from('\n') : pieces[rand(pieces.length)]!);
    const bytes = Buffer.concat(parts);
    const path = t.write('utf8', []);
    writeFileSync(path, bytes);
    // The oracle: split on newline bytes, each line decoded alone (BOM at offset 0 and a final CR dropped).
    const expected: string[] = [];
    const lineBytes: number[] = [];
    let start = 0;
    for (let nl = bytes.indexOf(10); nl !== -1; start = nl + 1, nl = bytes.indexOf(10, start)) {
      let [a, b] = [start, nl];
      if (a === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) a = 3;
      if (b > a && bytes[b - 1] === 13) b--;
      expected.push(bytes.toString('utf8', a, b));
      lineBytes.push(nl - start);
    }
    for (const chunkBytes of [undefined, 4096, 97, 5]) {
      const seen: (string | null)[] = [];
      scanLinesSync(path, (text) => void seen.push(text), { chunkBytes });
      expect(seen).toEqual(expected);
      // Lines over the cap (null) among the decoded ones leave the others in place.
      const capped: (string | null)[] = [];
      scanLinesSync(path, (text) => void capped.push(text), { chunkBytes, maxLineBytes: 12 });
      expect(capped).toEqual(expected.map((line, i) => (lineBytes[i]! > 12 ? null : line)));
      expect(capped.filter((l) => l === null).length).toBeGreaterThan(20);
    }
    const seen: (string | null)[] = [];
    await scanLines(path, (text) => void seen.push(text));
    expect(seen).toEqual(expected);
  });

  it('decodes a chunk window by window and keeps every line whole across window edges, long lines too', () => {
    // ~600 KB: lines of 1 to 3,000 characters (one, two, three and four bytes each), some over the 56 KiB decode window, CRLF.
    const alphabet = ['a', 'é', '日', '😀'];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const expected: string[] = [];
    for (let bytes = 0; bytes < 600_000; ) {
      const char = alphabet[rand(alphabet.length)]!;
      const line = `${expected.length} ${expected.length % 15 === 14 ? `日é`.repeat(15_000 + rand(10_000)) : char.repeat(1 + rand(3000))}`;
      expected.push(line);
      bytes += Buffer.byteLength(line) + 2;
    }
    const path = t.write('windows', []);
    writeFileSync(path, expected.map((l) => `${l}\r\n`).join(''));
    for (const chunkBytes of [undefined, 200_000, 65_536]) {
      const seen: (string | null)[] = [];
      scanLinesSync(path, (text) => void seen.push(text), { chunkBytes });
      expect(seen).toEqual(expected);
    }
  });

  it('takes the check hash of the bytes before the end of the last line from the read itself, as bytesBefore reads it', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => msg('user', `line ${i} ${'é'.repeat(i * 7)}`));
    const path = t.write('check', lines, { trailing: false });
    const size = statSync(path).size;
    for (const chunkBytes of [undefined, 4096, 100, 64, 10]) {
      for (const fromOffset of [0, 30, 1000]) {
        const res = scanLinesSync(path, () => {}, { fromOffset, chunkBytes, check: true });
        expect(res.endOffset).toBeLessThan(size); // the last line has no newline: the check ends before it
        expect(res.check).toBe(await bytesBefore(path, res.endOffset));
      }
    }
    expect(scanLinesSync(path, () => {}, { fromOffset: size, check: true }).check).toBe(await bytesBefore(path, size));
    const empty = t.write('check-empty', [], { trailing: false });
    expect(scanLinesSync(empty, () => {}, { check: true }).check).toBe(await bytesBefore(empty, 0));
  });

  it('counts malformed and unknown lines, skips them and keeps going; blank lines count as neither', async () => {
    const path = t.write('bad', [
      'not json at all',
      msg('user', 'first'),
      '',
      '   ',
      '[1,2,3]',
      '{"type":"message","message":{"role":"user","content":"trunc',
      '{"hello":"world"}',
      '42',
      { type: 'message', message: { content: 'no role' } },
      msg('assistant', 'still read'),
    ]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.malformedLines).toBe(4); // text, array, truncated object, number
    expect(s!.unknownLines).toBe(2); // unknown shape, message without role
    expect(s!.userMessages).toBe(1);
    expect(s!.assistantMessages).toBe(1);
    const d = await diagnoseFile(path);
    expect(d.malformed).toEqual([1, 5, 6, 8]);
    expect(d.unknown).toEqual([7, 9]);
    expect(d.dialect).toBe('store');
  });

  it('detects the dialect from the first recognised line, after unknown ones', async () => {
    const path = t.write('late', [{ foo: 1 }, '{bad', { type: 'user', content: 'hi' }, msg('user', 'store line in a turns file')]);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.dialect).toBe('turns');
    expect(s!.unknownLines).toBe(2); // {foo}, and the store record in a turns file
    expect(s!.malformedLines).toBe(1);
  });

  it('is an empty session of no dialect when no line is recognised, its lines still counted', async () => {
    const path = t.write('nothing', ['{"a":1}', 'junk']);
    const s = (await readSummary(path, readOpts())).summary;
    expect(s).toMatchObject({ id: 'nothing', dialect: 'none', empty: true, title: '(untitled)', unknownLines: 1, malformedLines: 1 });
  });

  it('reads CRLF line endings and a leading BOM', async () => {
    const path = t.write('crlf', [msg('user', 'windows line'), msg('assistant', 'reply')], { eol: '\r\n', bom: true });
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.malformedLines).toBe(0);
    expect(s!.messageCount).toBe(2);
    expect(s!.title).toBe('windows line');
  });

  it('leaves an incomplete last line pending: neither malformed nor counted, read once complete', async () => {
    const path = t.write('pending', [msg('user', 'one'), '{"type":"message","message":{"role":"assis'], { trailing: false });
    const first = await readSummary(path, readOpts());
    expect(first.summary!.pendingTail).toBe(true);
    expect(first.summary!.malformedLines).toBe(0);
    expect(first.summary!.assistantMessages).toBe(0);
    expect(first.state.offset).toBeLessThan(first.size);

    appendFileSync(path, 'tant","content":"two"}}\n');
    const second = await readSummary(path, readOpts(), first.state);
    expect(second.summary!.pendingTail).toBe(false);
    expect(second.summary!.assistantMessages).toBe(1);
    expect(second.summary!.userMessages).toBe(1);
    expect(second.summary!.malformedLines).toBe(0);
  });

  it('reads a complete record without a final newline as a record, and never twice', async () => {
    const path = t.write('nofinal', [msg('user', 'one'), msg('assistant', 'two')], { trailing: false });
    const first = await readSummary(path, readOpts());
    expect(first.summary!.pendingTail).toBe(false);
    expect(first.summary!.messageCount).toBe(2);
    appendFileSync(path, `\n${JSON.stringify(msg('user', 'three'))}\n`);
    const second = await readSummary(path, readOpts(), first.state);
    expect(second.summary!.messageCount).toBe(3);
  });

  it('continues from a persisted (stored and parsed, as the catalog does) state with the same figures as a full read', async () => {
    const path = t.write('grow', [{ type: 'meta', title: 'Grow' }, msg('user', 'a'), 'oops']);
    const first = await readSummary(path, readOpts());
    const persisted = parseState(stateJson(first.state));
    expect(persisted).toBeDefined();
    appendFileSync(path, `${JSON.stringify(msg('assistant', 'b'))}\n{"x":1}\n${JSON.stringify({ type: 'checkpoint', token_count: 9, messages: [] })}\n`);
    const incremental = await readSummary(path, readOpts(), persisted);
    const full = await readSummary(path, readOpts());
    expect(incremental.summary).toEqual(full.summary);
    expect(incremental.summary!.malformedLines).toBe(1);
    expect(incremental.summary!.unknownLines).toBe(1);
    expect(incremental.summary!.checkpoints).toBe(1);
  });

  it('skips lines over the size cap with a clear count, and reads the rest', async () => {
    const huge = JSON.stringify(msg('user', 'x'.repeat(5000)));
    const path = t.write('big', [msg('user', 'small'), huge, msg('assistant', 'after')]);
    const { summary: s } = await readSummary(path, readOpts({ maxLineBytes: 1024 }));
    expect(s!.oversizedLines).toBe(1);
    expect(s!.userMessages).toBe(1);
    expect(s!.assistantMessages).toBe(1);
    expect((await diagnoseFile(path, 1024)).oversized).toEqual([2]);
  });

  it('splits on newline bytes across chunk boundaries without holding the file in one string', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => msg(i % 2 ? 'assistant' : 'user', `message ${i} ${'é日'.repeat(50)}`));
    const path = t.write('chunks', lines);
    const seen: string[] = [];
    const res = await scanLines(path, (text) => void seen.push(text ?? ''));
    expect(seen).toHaveLength(3000);
    expect(JSON.parse(seen[2999]!).message.content).toBe(`message 2999 ${'é日'.repeat(50)}`);
    expect(res.tailBytes).toBe(0);
    const { summary: s } = await readSummary(path, readOpts());
    expect(s!.messageCount).toBe(3000);
    expect(s!.malformedLines).toBe(0);
  });

  it('reads the same lines, offsets and summary with synchronous reads as with async ones (worker threads use them)', async () => {
    // A BOM, CRLF, lines across the 64 KB chunk edge, one over the cap, blank and malformed lines, a complete tail.
    const long = (i: number) => msg('assistant', `long ${i} ${'日x'.repeat(12_000 + i)}`);
    const lines = [msg('user', 'first'), '', '{bad', long(1), long(2), JSON.stringify(msg('user', 'y'.repeat(70_000))), msg('user', 'last')];
    const path = t.write('twins', lines, { eol: '\r\n', bom: true, trailing: false });
    const collect = (into: unknown[]) => (text: string | null, lineNo: number, end: number) => void into.push([text, lineNo, end]);
    // The synchronous loop reads 1 MB at a time; 64 KB and 4 KB reads put lines across its chunk edges too.
    for (const chunkBytes of [undefined, 65_536, 4096]) {
      for (const opts of [{}, { maxLineBytes: 65_536 }, { fromOffset: 0, toOffset: 100_000 }]) {
        const a: unknown[] = [];
        const b: unknown[] = [];
        const resA = await scanLines(path, collect(a), opts);
        const resB = scanLinesSync(path, collect(b), { ...opts, chunkBytes });
        expect(b).toEqual(a);
        expect(resB).toEqual(resA);
      }
    }
    for (const maxLineBytes of [undefined, 65_536]) {
      const async = await readSummary(path, readOpts({ maxLineBytes }));
      expect(readSummarySync(path, readOpts({ maxLineBytes }))).toEqual(async);
      expect(async.summary.userMessages).toBe(maxLineBytes ? 2 : 3);
    }
  });
});
