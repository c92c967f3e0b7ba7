import { describe, expect, it } from 'vitest';
import type { FileRow } from '../src/store/catalog/catalog-db.js';
import { HeldTexts, sliceTextWrite } from '../src/store/catalog/held-texts.js';
import type { TextWrite } from '../src/store/catalog/text-columns.js';
import { TextPause } from '../src/store/catalog/text-pause.js';

const chunks = (n: number, size: number): string[] => Array.from({ length: n }, (_, i) => String(i).padEnd(size, '.'));
const row = (texts: TextWrite): FileRow => ({ path: '/h/p/s.jsonl', projectId: 'p', sessionId: 's', ino: 1, size: 10, mtimeMs: 1, check: '', state: '{}', parts: '', updatedAt: '', empty: false, summary: '{}', summaryKey: 'k', textDone: true, texts });

describe('a big text written in slices before its row (catalog/held-texts.ts)', () => {
  it('slices in order, never splits a chunk, keeps `fresh` on the first slice only', () => {
    const slices = sliceTextWrite({ fresh: true, meta: 'title', chunks: chunks(10, 100) }, 250);
    expect(slices.map((s) => s.chunks.length)).toEqual([2, 2, 2, 2, 2]);
    expect(slices.flatMap((s) => s.chunks)).toEqual(chunks(10, 100));
    expect(slices.map((s) => s.fresh)).toEqual([true, false, false, false, false]);
    expect(slices.every((s) => s.meta === 'title')).toBe(true);
    expect(sliceTextWrite({ fresh: false, meta: '', chunks: [] }, 250)).toEqual([{ fresh: false, meta: '', chunks: [] }]);
  });

  it('writes the earlier slices one per turn, then hands on the row with the last one', async () => {
    const written: string[][] = [];
    const released: FileRow[] = [];
    const held = new HeldTexts((_p, _id, slice) => (written.push([...slice.chunks]), true), (r) => released.push(r));
    const text: TextWrite = { fresh: true, meta: 'm', chunks: chunks(3, 200_000) };
    held.hold({ ...row(text), texts: text });
    expect(held.get('/h/p/s.jsonl')).toBeDefined();
    expect(written).toEqual([]); // nothing in the turn that held it
    await held.drained();
    expect(written.map((c) => c.length)).toEqual([1, 1]);
    expect(released).toHaveLength(1);
    expect(released[0]!.texts).toEqual({ fresh: false, meta: 'm', chunks: [chunks(3, 200_000)[2]] });
    expect(released[0]!.textDone).toBe(true);
  });

  it('while indexing is paused (a session open in the replay) writes no slice; once it resumes, all of them in order, then the row', async () => {
    const written: string[][] = [];
    const released: FileRow[] = [];
    const pause = new TextPause();
    const held = new HeldTexts((_p, _id, slice) => (written.push([...slice.chunks]), true), (r) => released.push(r), () => {}, pause);
    const release = pause.hold();
    const text: TextWrite = { fresh: true, meta: 'm', chunks: chunks(3, 200_000) };
    held.hold({ ...row(text), texts: text });
    let drained = false;
    const done = held.drained().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toEqual([]);
    expect(drained).toBe(false);
    expect(held.get('/h/p/s.jsonl')).toBeDefined(); // still waiting for its text: not marked indexed
    release();
    await done;
    expect(written).toEqual([[chunks(3, 200_000)[0]], [chunks(3, 200_000)[1]]]);
    expect(released).toHaveLength(1);
  });

  it('when a slice cannot be written, hands on the row without its text and not done, so the next run indexes it again', async () => {
    const released: FileRow[] = [];
    const held = new HeldTexts(() => false, (r) => released.push(r));
    const text: TextWrite = { fresh: true, meta: 'm', chunks: chunks(4, 200_000) };
    held.hold({ ...row(text), texts: text });
    await held.drained();
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({ texts: 'forget', textDone: false });
  });
});
