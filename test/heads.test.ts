import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeadRecords, readHeadRecordsSync, readHeadText } from '../src/store/sources/common/heads.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-heads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const line = (v: unknown): string => `${JSON.stringify(v)}\n`;

describe('the head of a session file (what a location reads before any summary)', () => {
  it('reads past a first record far longer than the first read, to the record that names the cwd', async () => {
    // A summary line of 100 KB (six times the first read) before the first record with a cwd.
    const path = file('long-first.jsonl', line({ type: 'summary', summary: 'x'.repeat(100_000) }) + line({ cwd: '/repo', sessionId: 's1' }) + line({ cwd: '/other' }));
    const records = await readHeadRecords(path);
    expect(records.map((r) => r.cwd)).toEqual([undefined, '/repo', '/other']);
  });

  it('stops at the record the caller says is enough, and reads no line after it', async () => {
    const path = file('until.jsonl', line({ n: 1 }) + line({ n: 2, cwd: '/repo' }) + line({ n: 3 }));
    const records = await readHeadRecords(path, 40, undefined, (r) => typeof r.cwd === 'string');
    expect(records.map((r) => r.n)).toEqual([1, 2]);
  });

  it('keeps at most maxLines records, skips blank and non-object lines, and reads a last line without a newline', async () => {
    const path = file('mixed.jsonl', `\n[1,2]\nnot json\n${line({ n: 1 })}  \n${JSON.stringify({ n: 2 })}`);
    expect((await readHeadRecords(path)).map((r) => r.n)).toEqual([1, 2]);
    expect((await readHeadRecords(path, 1)).map((r) => r.n)).toEqual([1]);
  });

  it('drops a line cut by the byte limit instead of reading past it', async () => {
    const path = file('cut.jsonl', line({ n: 1 }) + line({ n: 2, pad: 'y'.repeat(40_000) }));
    expect((await readHeadRecords(path, 40, 20_000)).map((r) => r.n)).toEqual([1]);
    expect((await readHeadRecords(path, 40, 80_000)).map((r) => r.n)).toEqual([1, 2]);
  });

  it('reads the same records synchronously (the Claude location reads its heads so), with every limit', async () => {
    const long = file('sync-long.jsonl', line({ type: 'summary', summary: 'x'.repeat(100_000) }) + line({ cwd: '/repo', sessionId: 's1' }) + line({ cwd: '/other' }));
    const mixed = file('sync-mixed.jsonl', `\n[1,2]\nnot json\n${line({ n: 1 })}  \n${JSON.stringify({ n: 2 })}`);
    const cut = file('sync-cut.jsonl', line({ n: 1 }) + line({ n: 2, pad: 'y'.repeat(40_000) }));
    const until = (r: Record<string, unknown>): boolean => typeof r.cwd === 'string';
    const cases: [string, number?, number?, ((r: Record<string, unknown>) => boolean)?][] = [[long], [long, 40, undefined, until], [mixed], [mixed, 1], [cut, 40, 20_000], [cut, 40, 80_000], [cut, 40, 100]];
    for (const [path, maxLines, maxBytes, stop] of cases) {
      expect(readHeadRecordsSync(path, maxLines, maxBytes, stop)).toEqual(await readHeadRecords(path, maxLines, maxBytes, stop));
    }
    // One after another (the reused first-read buffer holds no earlier file's bytes).
    expect(readHeadRecordsSync(long).map((r) => r.cwd)).toEqual([undefined, '/repo', '/other']);
    expect(readHeadRecordsSync(mixed).map((r) => r.n)).toEqual([1, 2]);
    expect(() => readHeadRecordsSync(join(dir, 'missing.jsonl'))).toThrow(/ENOENT/);
  });

  it('gives the first bytes of a document as text, or all of a shorter one', async () => {
    const path = file('doc.json', `{\n  "sessionId": "g1",\n  "messages": [${'"m",'.repeat(5000)}"m"]\n}`);
    const head = await readHeadText(path, 64);
    expect(head).toHaveLength(64);
    expect(head).toContain('"sessionId": "g1"');
    expect(await readHeadText(file('short.json', '{}'), 4096)).toBe('{}');
  });
});
