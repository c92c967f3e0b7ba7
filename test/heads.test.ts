import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeadRecordsSync as readHeadRecords, readHeadTextSync as readHeadText } from '../src/store/sources/common/heads.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-heads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const line = (v: unknown): string => `${JSON.stringify(v)}\n`;

describe('the head of a session file (what a location reads before any summary)', () => {
  it('reads past a first record far longer than the first read, to the record that names the cwd', () => {
    // A summary line of 100 KB (six times the first read) before the first record with a cwd.
    const path = file('long-first.jsonl', line({ type: 'summary', summary: 'x'.repeat(100_000) }) + line({ cwd: '/repo', sessionId: 's1' }) + line({ cwd: '/other' }));
    const records = readHeadRecords(path);
    expect(records.map((r) => r.cwd)).toEqual([undefined, '/repo', '/other']);
  });

  it('reads a first record after a byte-order mark, as the read loop does', () => {
    const path = file('bom.jsonl', `\uFEFF${line({ n: 1, cwd: '/repo' })}${line({ n: 2 })}`);
    expect(readHeadRecords(path).map((r) => r.n)).toEqual([1, 2]);
  });

  it('stops at the record the caller says is enough, and reads no line after it', () => {
    const path = file('until.jsonl', line({ n: 1 }) + line({ n: 2, cwd: '/repo' }) + line({ n: 3 }));
    const records = readHeadRecords(path, 40, undefined, (r) => typeof r.cwd === 'string');
    expect(records.map((r) => r.n)).toEqual([1, 2]);
  });

  it('keeps at most maxLines records, skips blank and non-object lines, and reads a last line without a newline', () => {
    const path = file('mixed.jsonl', `\n[1,2]\nnot json\n${line({ n: 1 })}  \n${JSON.stringify({ n: 2 })}`);
    expect((readHeadRecords(path)).map((r) => r.n)).toEqual([1, 2]);
    expect((readHeadRecords(path, 1)).map((r) => r.n)).toEqual([1]);
  });

  it('drops a line cut by the byte limit instead of reading past it', () => {
    const path = file('cut.jsonl', line({ n: 1 }) + line({ n: 2, pad: 'y'.repeat(40_000) }));
    expect((readHeadRecords(path, 40, 20_000)).map((r) => r.n)).toEqual([1]);
    expect((readHeadRecords(path, 40, 80_000)).map((r) => r.n)).toEqual([1, 2]);
  });

  it('reads one file after another without an earlier file\'s bytes (the first read\'s buffer is reused), and throws what the file system throws', () => {
    const long = file('sync-long.jsonl', line({ type: 'summary', summary: 'x'.repeat(100_000) }) + line({ cwd: '/repo', sessionId: 's1' }) + line({ cwd: '/other' }));
    const mixed = file('sync-mixed.jsonl', `\n[1,2]\nnot json\n${line({ n: 1 })}  \n${JSON.stringify({ n: 2 })}`);
    expect(readHeadRecords(long).map((r) => r.cwd)).toEqual([undefined, '/repo', '/other']);
    expect(readHeadRecords(mixed).map((r) => r.n)).toEqual([1, 2]);
    expect(readHeadRecords(file('sync-short.jsonl', line({ n: 7 }))).map((r) => r.n)).toEqual([7]);
    expect(() => readHeadRecords(join(dir, 'missing.jsonl'))).toThrow(/ENOENT/);
  });

  it('gives the first bytes of a document as text, or all of a shorter one', () => {
    const path = file('doc.json', `{\n  "sessionId": "g1",\n  "messages": [${'"m",'.repeat(5000)}"m"]\n}`);
    const head = readHeadText(path, 64);
    expect(head).toHaveLength(64);
    expect(head).toContain('"sessionId": "g1"');
    expect(readHeadText(file('short.json', '{}'), 4096)).toBe('{}');
  });
});
