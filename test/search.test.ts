import { describe, expect, it } from 'vitest';
import { buildMemorySearch, type SearchDoc } from '../src/store/search/memory-search.js';
import { SessionSearch, WARM_SLICE } from '../src/store/search/session-search.js';
import { searchTranscriptLines } from '../src/store/search/transcript.js';
import { similarWords } from '../src/store/search/transcript-find.js';
import { parseQuery, phraseExpr, wordExpr } from '../src/store/search/fts-query.js';
import { typoDistance } from '../src/store/search/typo-terms.js';
import type { SearchHit, SearchRange } from '../src/store/search/types.js';
import type { SessionSummary } from '../src/store/types.js';
import { makeSummary } from './helpers/summary.js';

/** Nothing searchable but what a test gives, all equally old. */
function session(over: Partial<SessionSummary> & { id: string }): SessionSummary {
  return makeSummary({
    path: `/h/p1/${over.id}.jsonl`,
    title: '',
    firstPrompt: '',
    lastPrompt: '',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...over,
  });
}

const day = (d: number): string => `2025-03-${String(d).padStart(2, '0')}T12:00:00.000Z`;
const ids = (hits: readonly SearchHit[]): string[] => hits.map((h) => h.summary.id);
const cut = (text: string, ranges: readonly SearchRange[]): string[] => ranges.map((r) => text.slice(r.start, r.end));

/** Indexes `docs` in memory and searches `query` over all of them. */
function search(docs: readonly SearchDoc[], query: string, opts?: Parameters<SessionSearch['search']>[2]): SearchHit[] {
  return buildMemorySearch(docs).search(query, docs.map((d) => d.summary), opts);
}

describe('SessionSearch (FTS5)', () => {
  it('finds a word said only inside a message, with a one-line highlighted snippet', () => {
    const filler = 'We looked at the build output for a while.\n'.repeat(20);
    const a = session({ id: 'a1', title: 'Fix the CI' });
    const b = session({ id: 'b2', title: 'Write docs' });
    const hits = search(
      [
        { summary: a, texts: ['the CI is red again', `${filler}Then the assistant said:\n  the   flaky  retry\tlogic in the harness hides the failure.\n${filler}`] },
        { summary: b, texts: ['nothing relevant here'] },
      ],
      'harness',
    );
    expect(ids(hits)).toEqual(['a1']);
    const hit = hits[0]!;
    expect(hit.field).toBe('content');
    const snip = hit.snippet;
    expect(snip?.text).toContain('harness');
    expect(snip?.text).not.toMatch(/[\n\t]|\s{2}/);
    expect(snip?.text.length).toBeLessThanOrEqual(90);
    expect(snip?.text.startsWith('…')).toBe(true);
    expect(cut(snip?.text ?? '', snip?.ranges ?? [])).toEqual(['harness']);
  });

  it('builds the snippet where the words searched for stand together, not at the first of them', () => {
    const filler = 'Nothing of note in this part of the log at all.\n'.repeat(20);
    const a = session({ id: 'd1', title: 'Deploy the staging build' });
    const hits = search([{ summary: a, texts: [`Deploy the staging build and run the smoke tests. ${filler}error: permission denied (publickey) The deploy key is missing on this machine.`] }], 'deploy key');
    const snip = hits[0]!.snippet!;
    expect(snip.text).toContain('The deploy key is missing');
    expect(cut(snip.text, snip.ranges).map((w) => w.toLowerCase())).toEqual(['deploy', 'key']);
  });

  it('widens a snippet to the columns a wide terminal has, keeping its highlight and one line', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    const text = [...words.slice(0, 60), 'needle', ...words.slice(60)].join(' \n ');
    const hit = search([{ summary: session({ id: 'w1', title: 'Wide' }), texts: [text] }], 'needle')[0]!;
    const narrow = hit.snippet!;
    const wide = hit.snippetIn!(140)!;
    expect(narrow.text.length).toBeLessThanOrEqual(90);
    expect(wide.text.length).toBeGreaterThan(140);
    expect(wide.text.length).toBeLessThanOrEqual(160);
    expect(wide.text).toContain(narrow.text.slice(1, -1)); // more of the same context on both sides
    expect(wide.text).not.toMatch(/\n/);
    expect(cut(wide.text, wide.ranges)).toEqual(['needle']);
    // Narrower than the default: the default.
    expect(hit.snippetIn!(30)).toBe(narrow);
  });

  it('ranks a title match above a newer content match in the same tier, and gives it no snippet', () => {
    const docs = [
      { summary: session({ id: 'content', title: 'Refactor', updatedAt: day(20) }), texts: ['the oauth token expired'] },
      { summary: session({ id: 'title', title: 'Fix token refresh', updatedAt: day(1) }) },
    ];
    const hits = search(docs, 'token');
    expect(ids(hits)).toEqual(['title', 'content']);
    expect(hits.map((h) => h.field)).toEqual(['title', 'content']);
    expect(cut('Fix token refresh', hits[0]!.titleRanges)).toEqual(['token']);
    expect(hits[0]!.snippet).toBeNull();
  });

  it('breaks ties by recency, newest first', () => {
    const docs = [1, 9, 5].map((d) => ({ summary: session({ id: `d${d}`, updatedAt: day(d) }), texts: ['deploy the worker'] }));
    expect(ids(search(docs, 'worker'))).toEqual(['d9', 'd5', 'd1']);
  });

  it('ranks the exact phrase, then all the words, then some', () => {
    const docs = [
      { summary: session({ id: 'some', updatedAt: day(9) }), texts: ['the redirect is fine'] },
      { summary: session({ id: 'all', updatedAt: day(8) }), texts: ['login works; later a redirect happens'] },
      { summary: session({ id: 'phrase', updatedAt: day(1) }), texts: ['after login redirect loops forever'] },
    ];
    const hits = search(docs, 'login redirect');
    expect(ids(hits)).toEqual(['phrase', 'all', 'some']);
    expect(hits.map((h) => h.tier)).toEqual(['phrase', 'all', 'some']);
  });

  it('matches whole words, case and accents aside: jest is not vitest, and a word found nowhere finds nothing', () => {
    const docs = [
      { summary: session({ id: 'vitest' }), texts: ['we run vitest in CI'] },
      { summary: session({ id: 'jest' }), texts: ['the old Jest config'] },
      { summary: session({ id: 'cafe' }), texts: ['the Café menu'] },
    ];
    expect(ids(search(docs, 'jest'))).toEqual(['jest']);
    expect(ids(search(docs, 'cafe'))).toEqual(['cafe']);
    expect(search(docs, 'qwerty')).toEqual([]);
    expect(search(docs, 'jest qwerty')).toEqual([]);
  });

  it('matches the last word as a prefix while typing, whole tokens first', () => {
    const docs = [
      { summary: session({ id: 'prefix', updatedAt: day(9) }), texts: ['authentication failed'] },
      { summary: session({ id: 'exact', updatedAt: day(1) }), texts: ['auth failed'] },
    ];
    expect(ids(search(docs, 'auth'))).toEqual(['exact', 'prefix']);
    expect(ids(search(docs, 'failed auth'))).toEqual(['exact', 'prefix']);
    // Only the last word is a prefix: "authentication failed" holds only one of these words.
    expect(search(docs, 'auth failed').map((h) => [h.summary.id, h.tier])).toEqual([['exact', 'phrase'], ['prefix', 'some']]);
  });

  it('tolerates a typo in words of 5+ letters when few sessions match, and says which word it took', () => {
    const docs = [
      { summary: session({ id: 'flaky' }), texts: ['the flaky test again'] },
      { summary: session({ id: 'other' }), texts: ['a stable build'] },
    ];
    const hits = search(docs, 'flkay');
    expect(ids(hits)).toEqual(['flaky']);
    expect(hits[0]!.similar).toEqual(['flaky']);
    expect(cut(hits[0]!.snippet!.text, hits[0]!.snippet!.ranges)).toEqual(['flaky']);
    // Short words get no typo tolerance.
    expect(search(docs, 'flka')).toEqual([]);
    expect(search(docs, 'tset')).toEqual([]);
  });

  it('finds CJK text by any substring of two or more characters', () => {
    const docs = [
      { summary: session({ id: 'zh', updatedAt: day(2) }), texts: ['我们讨论了用户登录的问题和解决方案'] },
      { summary: session({ id: 'ja', updatedAt: day(1) }), texts: ['ログイン画面のバグを修正しました'] },
    ];
    expect(ids(search(docs, '登录'))).toEqual(['zh']);
    expect(ids(search(docs, '用户登录的'))).toEqual(['zh']);
    expect(ids(search(docs, '画面の'))).toEqual(['ja']);
    expect(search(docs, '登画')).toEqual([]);
    const snip = search(docs, '登录')[0]!.snippet!;
    expect(cut(snip.text, snip.ranges)).toEqual(['登录']);
  });

  it('finds a session by its id, an id prefix, its model and its workspace', () => {
    const docs = [
      { summary: session({ id: '3f2a9c1e-77aa-4bcd', model: 'claude-sonnet-4', workspace: '/home/u/zebra-app' }) },
      { summary: session({ id: '9d8e7f6a-1111-2222', model: 'gpt-4o' }) },
    ];
    expect(ids(search(docs, '3f2a9c1e-77aa-4bcd'))).toEqual(['3f2a9c1e-77aa-4bcd']);
    expect(ids(search(docs, '3f2a'))).toEqual(['3f2a9c1e-77aa-4bcd']);
    expect(ids(search(docs, 'id:9d8e'))).toEqual(['9d8e7f6a-1111-2222']);
    expect(ids(search(docs, 'sonnet'))).toEqual(['3f2a9c1e-77aa-4bcd']);
    expect(ids(search(docs, 'zebra'))).toEqual(['3f2a9c1e-77aa-4bcd']);
  });

  it('never fails on hostile query text', () => {
    const docs = [{ summary: session({ id: 'x' }), texts: ['select "quoted" AND text NEAR(a b) col:value *star*'] }];
    for (const q of ['"', '""', 'AND', 'NEAR(', 'col:value', '*', '"quoted', '^x', '(', ')', '-', 'a OR', 'text:', '{x}', "'", '\\', 'NOT x']) {
      expect(() => search(docs, q), q).not.toThrow();
    }
    expect(ids(search(docs, '"quoted"'))).toEqual(['x']);
    expect(ids(search(docs, 'NEAR(a'))).toEqual(['x']);
  });

  it('restricts to the given projects and honours the limit', () => {
    const docs = Array.from({ length: 30 }, (_, k) => ({
      summary: session({ id: `s${k}`, projectId: k % 2 ? 'p2' : 'p1', path: `/h/${k}.jsonl`, updatedAt: day(1 + (k % 28)) }),
      texts: [`task ${k}`],
    }));
    expect(search(docs, 'task', { limit: 5 })).toHaveLength(5);
    expect(search(docs, 'task', { projectIds: ['p2'] }).every((h) => h.summary.projectId === 'p2')).toBe(true);
    expect(search(docs, 'task', { projectIds: ['p2'] })).toHaveLength(15);
  });

  it('returns the sessions as given for a blank query', () => {
    const docs = [{ summary: session({ id: 'a' }) }, { summary: session({ id: 'b' }) }];
    expect(ids(search(docs, '   '))).toEqual(['a', 'b']);
  });

  it('never cuts a surrogate pair in a snippet', () => {
    const emoji = '😀'.repeat(60);
    const snip = search([{ summary: session({ id: 'e' }), texts: [`${emoji} needle ${emoji}`] }], 'needle')[0]?.snippet;
    expect(snip?.text).toContain('needle');
    expect(snip?.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(cut(snip?.text ?? '', snip?.ranges ?? [])).toEqual(['needle']);
  });

  it('gives the same hits whether its warm-up ran to the end, stopped half-way or never ran, in slices of a bounded size', () => {
    const docs: SearchDoc[] = Array.from({ length: WARM_SLICE + 500 }, (_, i) => ({
      summary: session({ id: `s${String(i).padStart(5, '0')}`, title: i % 3 === 0 ? `fix flaky test ${i}` : `refactor parser ${i}`, workspace: i % 7 === 0 ? '/src/frontend' : '/src/api', updatedAt: day(1 + (i % 28)) }),
      texts: i % 5 === 0 ? ['the deploy failed with ECONNRESET'] : [],
    }));
    const sessions = docs.map((d) => d.summary);
    const queries = ['f', 'fl', 'flaky', 'r', 'econnreset', 'front', 'fix parser'];
    const expected = queries.map((q) => ids(buildMemorySearch(docs).search(q, sessions)));
    const whole = buildMemorySearch(docs);
    const steps = [...whole.warm(sessions)].length;
    // One step for the lookup, one for the file map, one per slice of sessions.
    expect(steps).toBe(1 + Math.ceil(sessions.length / WARM_SLICE));
    expect(queries.map((q) => ids(whole.search(q, sessions)))).toEqual(expected);
    const half = buildMemorySearch(docs);
    const it2 = half.warm(sessions);
    it2.next();
    it2.next();
    expect(queries.map((q) => ids(half.search(q, sessions)))).toEqual(expected);
    expect(expected[0]!.length).toBeGreaterThan(WARM_SLICE / 3);
  });

  it('falls back to substrings of the title, prompts, id, workspace and model without SQLite', () => {
    const a = session({ id: 'a', title: 'Fix the Login page', updatedAt: day(1) });
    const b = session({ id: 'b', firstPrompt: 'the login page is slow', updatedAt: day(2) });
    const hits = new SessionSearch(null).search('login', [a, b]);
    expect(ids(hits)).toEqual(['b', 'a']);
    expect(cut(a.title, hits[1]!.titleRanges)).toEqual(['Login']);
  });
});

describe('FTS query building', () => {
  it('quotes every word and marks only the last one as a prefix', () => {
    const words = parseQuery('foo.ts "bar" ba');
    expect(words.map((w) => wordExpr(w))).toEqual(['"foo ts"', '"bar"', '"ba"*']);
    expect(phraseExpr(words)).toBe('"foo ts bar ba"*');
    expect(parseQuery('--- ...')).toEqual([]);
  });

  it('measures typos as Damerau-Levenshtein distance', () => {
    expect(typoDistance('flaky', 'flkay', 2)).toBe(1);
    expect(typoDistance('flaky', 'flaky', 2)).toBe(0);
    expect(typoDistance('kitten', 'sitting', 3)).toBe(3);
    expect(typoDistance('abcdef', 'uvwxyz', 1)).toBe(2);
  });
});

describe('searchTranscriptLines', () => {
  const lines = ['User: the Login fails', 'Assistant: checking login.ts', 'Tool: ok', 'User: login works now'];

  it('finds lines by substring under smart case', () => {
    expect(searchTranscriptLines(lines, 'login')).toEqual([0, 1, 3]);
    expect(searchTranscriptLines(lines, 'Login')).toEqual([0]);
    expect(searchTranscriptLines(lines, 'login works')).toEqual([3]);
    expect(searchTranscriptLines(lines, '  ')).toEqual([]);
  });

  it('falls back to typo-tolerant matching when nothing matches literally', () => {
    expect(searchTranscriptLines(lines, 'chekcing')).toEqual([1]);
    expect(searchTranscriptLines(lines, 'Chekcing')).toEqual([]);
    // A wrong first letter is beyond uFuzzy; fuse.js still finds it.
    expect(searchTranscriptLines(lines, 'xhecking')).toEqual([1]);
    expect(searchTranscriptLines(lines, 'lgoin works')).toEqual([3]);
  });
});

describe('a query with no word the index knows', () => {
  it('matches its characters in titles and prompts (an emoji finds its session), and punctuation alone finds only what holds it', async () => {
    const { buildMemorySearch } = await import('../src/store/search/memory-search.js');
    const { makeSummary } = await import('./helpers/summary.js');
    const bug = makeSummary({ id: 'bug', path: '/h/bug.jsonl', title: '修复登录测试 🐛' });
    const plain = makeSummary({ id: 'plain', path: '/h/plain.jsonl', title: 'Add dark mode' });
    const search = buildMemorySearch([{ summary: bug }, { summary: plain }]);
    expect(search.search('🐛', [bug, plain]).map((h) => h.summary.id)).toEqual(['bug']);
    expect(search.search('"', [bug, plain])).toEqual([]);
    expect(search.search('*', [bug, plain])).toEqual([]);
    expect(search.search('   ', [bug, plain])).toHaveLength(2);
  });
});

describe('similarWords (the transcript status says "similar:")', () => {
  it('names the closest spelling that stood in for each query word, once, never the word as typed', () => {
    expect(similarWords('opentelemtry', ['OpenTelemetry setup', 'the opentelemetry tracer', 'OpentelemetryAsh'])).toEqual(['OpenTelemetry', 'OpentelemetryAsh']);
    expect(similarWords('runbok', ['runbook docs', 'runbok'])).toEqual(['runbook']);
    expect(similarWords('zzz', ['nothing alike'])).toEqual([]);
  });
});
