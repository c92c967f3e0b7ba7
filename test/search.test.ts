import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  searchSessions,
  searchTranscriptLines,
  type SearchHit,
  type SearchRange,
} from '../src/store/search/search.js';
import type { SessionSummary } from '../src/store/types.js';
import { makeSummary } from './helpers/summary.js';

/** Nothing searchable but what a test gives (makeSummary's defaults say 'hello'), all equally old. */
function session(over: Partial<SessionSummary> & { id: string }): SessionSummary {
  return makeSummary({
    title: '',
    firstPrompt: '',
    lastPrompt: '',
    searchText: '',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...over,
  });
}

const day = (d: number): string => `2025-03-${String(d).padStart(2, '0')}T12:00:00.000Z`;
const ids = (hits: readonly SearchHit[]): string[] => hits.map((h) => h.summary.id);
const cut = (text: string, ranges: readonly SearchRange[]): string[] => ranges.map((r) => text.slice(r.start, r.end));

describe('searchSessions', () => {
  it('finds a word said only inside a message, with a one-line highlighted snippet', () => {
    const filler = 'We looked at the build output for a while.\n'.repeat(20);
    const s = session({
      id: 'a1',
      title: 'Fix the CI',
      firstPrompt: 'the CI is red again',
      searchText: `${filler}Then the assistant said:\n  the   flaky  retry\tlogic in the harness hides the failure.\n${filler}`,
    });
    const other = session({ id: 'b2', title: 'Write docs', searchText: 'nothing relevant here' });
    const hits = searchSessions(buildSearchIndex([s, other]), 'harness');

    expect(ids(hits)).toEqual(['a1']);
    const hit = hits[0] as SearchHit;
    expect(hit.field).toBe('content');
    const snip = hit.snippet;
    expect(snip).not.toBeNull();
    expect(snip?.text).toContain('harness');
    expect(snip?.text).not.toMatch(/[\n\t]|\s{2}/);
    expect(snip?.text.length).toBeLessThanOrEqual(90);
    expect(snip?.text.startsWith('…')).toBe(true);
    expect(snip?.text.endsWith('…')).toBe(true);
    expect(cut(snip?.text ?? '', snip?.ranges ?? [])).toEqual(['harness']);
  });

  it('ranks a title match above a content match, even a newer one', () => {
    const inContent = session({ id: 'content', title: 'Refactor', searchText: 'the oauth token expired', updatedAt: day(20) });
    const inTitle = session({ id: 'title', title: 'Fix token refresh', updatedAt: day(1) });
    const hits = searchSessions(buildSearchIndex([inContent, inTitle]), 'token');
    expect(ids(hits)).toEqual(['title', 'content']);
    expect(hits.map((h) => h.field)).toEqual(['title', 'content']);
    expect(cut('Fix token refresh', hits[0]?.titleRanges ?? [])).toEqual(['token']);
    expect(hits[0]?.snippet).toBeNull();
  });

  it('breaks ties by recency, newest first', () => {
    const sessions = [
      session({ id: 'old', title: 'deploy the api', updatedAt: day(2) }),
      session({ id: 'new', title: 'deploy the web', updatedAt: day(9) }),
      session({ id: 'mid', title: 'deploy the cli', updatedAt: day(5) }),
    ];
    expect(ids(searchSessions(buildSearchIndex(sessions), 'deploy'))).toEqual(['new', 'mid', 'old']);
  });

  it('uses smart case: lower-case ignores case, any capital makes it exact', () => {
    const upper = session({ id: 'upper', title: 'Auth middleware', updatedAt: day(1) });
    const lower = session({ id: 'lower', title: 'fix auth in tests', updatedAt: day(2) });
    const index = buildSearchIndex([upper, lower]);
    expect(ids(searchSessions(index, 'auth')).sort()).toEqual(['lower', 'upper']);
    expect(ids(searchSessions(index, 'Auth'))).toEqual(['upper']);
  });

  it('smart case also holds for text inside messages', () => {
    const s = session({ id: 'c', title: 'misc', searchText: 'the auth header was missing' });
    const index = buildSearchIndex([s]);
    expect(ids(searchSessions(index, 'Auth'))).toEqual([]);
    expect(ids(searchSessions(index, 'header'))).toEqual(['c']);
  });

  it('tolerates a typo in the title', () => {
    const sessions = [
      session({ id: 'auth', title: 'Rework auth flow', updatedAt: day(1) }),
      session({ id: 'flaky', title: 'Quarantine flaky tests', updatedAt: day(2) }),
      session({ id: 'other', title: 'Bump dependencies', updatedAt: day(3) }),
    ];
    const index = buildSearchIndex(sessions);
    for (const typo of ['atuh', 'auht']) {
      const hits = searchSessions(index, typo);
      expect(ids(hits)).toEqual(['auth']);
      expect(hits[0]?.field).toBe('title');
      expect(cut('Rework auth flow', hits[0]?.titleRanges ?? []).join('')).toBe('auth');
    }
    expect(ids(searchSessions(index, 'flakey'))).toEqual(['flaky']);
  });

  it('finds heavier typos through the fuse.js fallback when little else matches', () => {
    const sessions = [
      session({ id: 'k8s', title: 'Move the workers to kubernetes' }),
      session({ id: 'other', title: 'Bump dependencies' }),
    ];
    // Two edits (one at the first letter) are beyond uFuzzy's single typo.
    expect(ids(searchSessions(buildSearchIndex(sessions), 'cubernetis'))).toEqual(['k8s']);
  });

  it('needs every word (AND), and the words may match in different fields', () => {
    const sessions = [
      session({ id: 'both', title: 'Login page', searchText: 'the redirect loops forever', updatedAt: day(1) }),
      session({ id: 'login-only', title: 'Login page styles', searchText: 'colours', updatedAt: day(2) }),
      session({ id: 'redirect-only', title: 'Router', searchText: 'redirect to home', updatedAt: day(3) }),
    ];
    const hits = searchSessions(buildSearchIndex(sessions), 'login redirect');
    expect(ids(hits)).toEqual(['both']);
    expect(hits[0]?.field).toBe('content');
    expect(cut('Login page', hits[0]?.titleRanges ?? [])).toEqual(['Login']);
    expect(hits[0]?.snippet?.text).toContain('redirect');
  });

  it('returns every session by recency for a blank query', () => {
    const sessions = [
      session({ id: 'b', updatedAt: day(3) }),
      session({ id: 'a', updatedAt: day(7) }),
      session({ id: 'c', updatedAt: day(1) }),
    ];
    const index = buildSearchIndex(sessions);
    for (const q of ['', '   ']) {
      const hits = searchSessions(index, q);
      expect(ids(hits)).toEqual(['a', 'b', 'c']);
      expect(hits.every((h) => h.field === 'title' && h.snippet === null)).toBe(true);
    }
    expect(ids(searchSessions(index, '', { limit: 2 }))).toEqual(['a', 'b']);
  });

  it('matches CJK text in titles and messages', () => {
    const sessions = [
      session({ id: 'jp', title: '修复登录页面的错误', updatedAt: day(1) }),
      session({ id: 'zh', title: 'misc', searchText: '我们讨论了用户登录的问题和解决方案', updatedAt: day(2) }),
      session({ id: 'en', title: 'login page' }),
    ];
    const hits = searchSessions(buildSearchIndex(sessions), '登录');
    expect(ids(hits)).toEqual(['jp', 'zh']);
    expect(cut('修复登录页面的错误', hits[0]?.titleRanges ?? [])).toEqual(['登录']);
    expect(cut(hits[1]?.snippet?.text ?? '', hits[1]?.snippet?.ranges ?? [])).toEqual(['登录']);
  });

  it('matches model, id and workspace as meta', () => {
    const s = session({ id: '7f3a9c', title: 'Something', model: 'claude-opus', workspace: '/src/payments' });
    const index = buildSearchIndex([s]);
    for (const q of ['opus', '7f3a', 'payments']) {
      expect(searchSessions(index, q).map((h) => h.field)).toEqual(['meta']);
    }
  });

  it('shows a prompt snippet for a prompt match', () => {
    const s = session({
      id: 'p',
      title: 'Session',
      firstPrompt: 'please make the importer skip rows with an empty header',
      lastPrompt: 'and add a test for it',
    });
    const hit = searchSessions(buildSearchIndex([s]), 'importer')[0];
    expect(hit?.field).toBe('prompt');
    expect(cut(hit?.snippet?.text ?? '', hit?.snippet?.ranges ?? [])).toEqual(['importer']);
  });

  it('keeps results right while the user types, deletes and retypes', () => {
    const sessions = [
      session({ id: 'x', title: 'one', searchText: 'a note about authentication tokens', updatedAt: day(2) }),
      session({ id: 'y', title: 'two', searchText: 'the author wrote this', updatedAt: day(3) }),
      session({ id: 'z', title: 'authz rules', updatedAt: day(1) }),
    ];
    const index = buildSearchIndex(sessions);
    const typed = ['a', 'au', 'aut', 'auth', 'authe', 'auth', 'autho', 'author', 'auth', 'auth t'];
    const got = typed.map((q) => ids(searchSessions(index, q)).sort().join(','));
    const fresh = typed.map((q) => ids(searchSessions(buildSearchIndex(sessions), q)).sort().join(','));
    expect(got).toEqual(fresh);
    expect(got[3]).toBe('x,y,z');
    expect(got[7]).toContain('y');
    expect(got[7]).not.toContain('x');
  });

  it('gives the same results while typing as a fresh search, over many keystrokes', () => {
    // Seeded synthetic sessions; every prefix of every query (and backspaces) is
    // compared with a fresh index, so the per-word cache can never change a result.
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const vocab = ['auth', 'author', 'login', 'flaky', 'flake', 'deploy', 'docker', 'Docker', 'kubernetes', 'cache', 'token', 'tokens', 'test', 'retry', 'the', 'a', 'segfault', 'Segment'];
    const phrase = (n: number): string => Array.from({ length: n }, () => vocab[Math.floor(rnd() * vocab.length)]).join(' ');
    const sessions = Array.from({ length: 150 }, (_, k) =>
      session({
        id: `s${k}`,
        title: phrase(2 + Math.floor(rnd() * 3)).replace('auth', rnd() < 0.3 ? 'atuh' : 'auth'),
        firstPrompt: phrase(5),
        model: rnd() < 0.5 ? 'claude-sonnet' : 'gpt-5',
        searchText: phrase(40).replace(/flaky/g, () => (rnd() < 0.5 ? 'flakey' : 'flaky')),
        updatedAt: day(1 + (k % 28)),
      }),
    );
    const index = buildSearchIndex(sessions);
    const show = (hits: readonly SearchHit[]): string[] => hits.map((h) => `${h.summary.id}:${h.field}:${h.score}`);
    const typed: string[] = [];
    for (const q of ['auth token', 'flakey test', 'Docker cache', 'kubernetes', 'segfault', 'Segm']) {
      for (let k = 1; k <= q.length; k++) typed.push(q.slice(0, k));
      for (let k = q.length - 1; k >= 1; k -= 2) typed.push(q.slice(0, k));
    }
    for (const q of typed) {
      expect(show(searchSessions(index, q)), q).toEqual(show(searchSessions(buildSearchIndex(sessions), q)));
    }
  });

  it('never cuts a surrogate pair in a snippet', () => {
    const emoji = '😀'.repeat(60);
    const s = session({ id: 'e', searchText: `${emoji}needle${emoji}` });
    const snip = searchSessions(buildSearchIndex([s]), 'needle')[0]?.snippet;
    expect(snip?.text).toContain('needle');
    expect(snip?.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(cut(snip?.text ?? '', snip?.ranges ?? [])).toEqual(['needle']);
  });

  it('honours the limit', () => {
    const sessions = Array.from({ length: 30 }, (_, k) => session({ id: `s${k}`, title: `task ${k}`, updatedAt: day(1 + (k % 28)) }));
    expect(searchSessions(buildSearchIndex(sessions), 'task', { limit: 5 })).toHaveLength(5);
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
