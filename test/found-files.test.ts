import { describe, expect, it } from 'vitest';
import { foundFiles } from '../src/store/catalog/found-files.js';
import type { SessionFile, SessionScan } from '../src/store/sources/format.js';

const file = (path: string): SessionFile => ({ projectId: 'p', id: path, path });
async function all(chunks: AsyncIterable<readonly SessionFile[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const chunk of chunks) out.push(chunk.map((f) => f.path));
  return out;
}

describe("a first scan's files as the locations find them", () => {
  it('hands on each chunk heard early, then the files only the result lists, each once', async () => {
    const streamed = foundFiles(async (found) => {
      found([file('a'), file('b')]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      found([file('c')]);
      return { files: [file('a'), file('b'), file('c'), file('d'), file('e')], skipped: [] } satisfies SessionScan;
    });
    expect(await all(streamed.chunks)).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
    expect((await streamed.scan).files).toHaveLength(5);
    expect(streamed.heard()).toBe(5);
  });

  it('ends the chunks when the scan fails, and leaves the failure to whoever awaits the scan', async () => {
    const streamed = foundFiles(async (found) => {
      found([file('a')]);
      throw new Error('EACCES');
    });
    expect(await all(streamed.chunks)).toEqual([['a']]);
    await expect(streamed.scan).rejects.toThrow('EACCES');
  });
});
