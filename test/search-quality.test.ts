/**
 * The search-quality set (test/helpers/search-quality.ts): every query's
 * expected top hit, through the whole path (fold → catalog index → search).
 * bench/search.bench.ts reports the same set's precision@1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQualityHome, QUALITY_QUERIES, runQualitySet, type QualityHome } from './helpers/search-quality.js';

let home: QualityHome;
beforeAll(async () => {
  home = await openQualityHome();
});
afterAll(() => home.close());

describe('search quality set', () => {
  it('has at least 30 queries', () => {
    expect(QUALITY_QUERIES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(QUALITY_QUERIES.map((q) => [q.kind, q.query, q.top] as const))('%s: %j → %s', (_kind, query, top) => {
    const hits = home.search.search(query, home.sessions);
    expect(hits[0]?.summary.id ?? null).toBe(top);
  });

  it('precision@1 is 1', () => {
    const { results, precisionAt1 } = runQualitySet(home);
    expect(results.filter((r) => r.got !== r.q.top)).toEqual([]);
    expect(precisionAt1).toBe(1);
  });

  it('marks typo hits with the word that stood in, and snippets show it', () => {
    const [hit] = home.search.search('segfualt', home.sessions);
    expect(hit?.similar).toEqual(['segfault']);
    expect(hit?.snippet?.text).toContain('segfault');
  });

  it('shows a snippet of why a tool output matched', () => {
    const [hit] = home.search.search('invoices_archive', home.sessions);
    const snip = hit?.snippet;
    expect(snip?.text).toContain('invoices_archive');
    expect(snip?.ranges.map((r) => snip.text.slice(r.start, r.end))).toEqual(['invoices_archive']);
  });

  it('does not find vitest for jest, nor anything for qwerty', () => {
    expect(home.search.search('jest', home.sessions).map((h) => h.summary.id)).toEqual(['jest-snapshots']);
    expect(home.search.search('qwerty', home.sessions)).toEqual([]);
  });
});
