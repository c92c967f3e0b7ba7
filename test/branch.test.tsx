/**
 * Issue 10 item 6 (branch): the git branch a session was recorded on, where
 * the log has it (Claude `gitBranch`, Codex `git.branch`), is in the summary,
 * shown in the preview and the session header, and `branch:NAME` searches by it.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { branchFilter } from '../src/store/search/branch-filter.js';
import { displayWidth } from '../src/format/width.js';
import { agentsCli } from './helpers/cli.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

describe('list --query', () => {
  it('branch:NAME narrows to sessions on that branch, alone or with words, as the browser does', () => {
    const cli = agentsCli();
    try {
      const ids = (query: string): { id: string; branch?: string }[] => {
        const res = cli.run(['list', '--json', '--query', query]);
        expect(res.code, res.stderr).toBe(0);
        return (JSON.parse(res.stdout) as { sessions: { id: string; branch?: string }[] }).sessions;
      };
      const all = (JSON.parse(cli.run(['list', '--json']).stdout) as { sessions: { id: string; branch?: string }[] }).sessions;
      const onMain = all.filter((s) => s.branch === 'main').map((s) => s.id).sort();
      expect(onMain.length).toBeGreaterThan(1);
      expect(ids('branch:main').map((s) => s.id).sort()).toEqual(onMain);
      expect(ids('branch:MAI').map((s) => s.id).sort()).toEqual(onMain);
      expect(ids('branch:no-such-branch')).toEqual([]);
      // Words are searched among the sessions on the branch only.
      const withWords = ids('branch:main parser');
      expect(withWords.length).toBeGreaterThan(0);
      expect(withWords.every((s) => s.branch === 'main')).toBe(true);
      // "parser" is said in a session off the branch too: found there without the branch term.
      expect(ids('parser').some((s) => s.branch !== 'main')).toBe(true);
    } finally {
      cli.cleanup();
    }
  });
});

describe('the summary', () => {
  it('holds the branch of Claude and Codex sessions, and none where the log has none (Gemini)', () => {
    const cli = agentsCli();
    try {
      const res = cli.run(['list', '--json']);
      expect(res.code, res.stderr).toBe(0);
      const sessions = (JSON.parse(res.stdout) as { sessions: { source?: string; branch?: string }[] }).sessions;
      expect(sessions.filter((s) => s.source === 'claude').map((s) => s.branch)).toContain('main');
      expect(sessions.filter((s) => s.source === 'codex').map((s) => s.branch)).toContain('main');
      expect(sessions.filter((s) => s.source === 'gemini').every((s) => s.branch === undefined)).toBe(true);
      // show names it too, as the browser's header does; a session with none has no branch row.
      const withBranch = (JSON.parse(res.stdout) as { sessions: { id: string; branch?: string }[] }).sessions;
      const claude = withBranch.find((s) => s.branch === 'main')!;
      expect(cli.run(['show', claude.id]).stdout).toMatch(/^branch +main$/m);
      const none = withBranch.find((s) => s.branch === undefined)!;
      expect(cli.run(['show', none.id]).stdout).not.toMatch(/^branch /m);
    } finally {
      cli.cleanup();
    }
  });

  it('branch:NAME terms come out of the query', () => {
    expect(branchFilter('branch:feat/Login fix bug')).toEqual({ branches: ['feat/login'], rest: 'fix bug' });
    expect(branchFilter('fix branch:main')).toEqual({ branches: ['main'], rest: 'fix' });
    expect(branchFilter('no branches here')).toEqual({ branches: [], rest: 'no branches here' });
  });
});

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: hoursAgo(1), branch: 'feat/login' }),
  appSummary({ id: 'sess-dark', title: 'Add dark mode', updatedAt: hoursAgo(2), branch: 'main' }),
  appSummary({ id: 'sess-fix', title: 'Fix the parser', updatedAt: hoursAgo(3), branch: 'main' }),
  appSummary({ id: 'sess-none', title: 'Fix without a branch', updatedAt: hoursAgo(4) }),
];

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  it(`at ${columns}x${rows}: branch:NAME narrows the list, the preview and the header name the branch`, async () => {
    const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => undefined} />, { columns, rows });
    const first = await ui.waitFor('Fix login bug');
    expect(first).toContain('(branch feat/login)');
    let f = await ui.press('/branch:main', (x) => x.includes('2 matches'));
    expect(f).toContain('Add dark mode');
    expect(f).not.toContain('Fix login bug');
    f = await ui.press(' fix', (x) => x.includes('1 match') && x.includes('Fix the parser'));
    expect(f).not.toContain('Fix without a branch');
    for (const l of frameLines(f)) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
    const opened = await ui.press(KEYS.right, (x) => x.includes('[1 Replay]'));
    expect(opened).toContain('branch main');
  });
}
