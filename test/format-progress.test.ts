import { describe, expect, it } from 'vitest';
import { indexingLine } from '../src/format/progress.js';

describe('the indexing line in the header', () => {
  it('says how many files and the time left, and "finishing" once the estimate runs out rather than a time that stands still', () => {
    expect(indexingLine({ files: 10, totalFiles: 100, bytes: 10e6, totalBytes: 100e6, elapsedMs: 5000 })).toBe('indexing 10/100 · ~45s left');
    expect(indexingLine({ files: 1_808, totalFiles: 1_837, bytes: 999e6, totalBytes: 1000e6, elapsedMs: 60_000 })).toBe('indexing 1,808/1,837 · finishing');
    expect(indexingLine({ files: 1, totalFiles: 100, bytes: 1e6, totalBytes: 100e6, elapsedMs: 500 })).toBe('indexing 1/100');
  });

  it('gives a time left no more precisely than an estimate is: whole seconds from 10 s, tenths only below', () => {
    const left = (ms: number) => indexingLine({ files: 1, totalFiles: 2, bytes: 1e6, totalBytes: 1e6 + (ms * 1e6) / 1000, elapsedMs: 1000 });
    expect([left(4_200), left(28_100), left(59_000), left(170_000)]).toEqual([
      'indexing 1/2 · ~4.2s left',
      'indexing 1/2 · ~28s left',
      'indexing 1/2 · ~59s left',
      'indexing 1/2 · ~2m 50s left',
    ]);
  });
});
