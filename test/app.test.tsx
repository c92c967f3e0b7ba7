import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserExit } from '../src/app/source.js';
import { displayWidth } from '../src/format/width.js';
import { fakeSource, appSummary, manySummaries, NOW, type FakeSourceOptions } from './helpers/fake-source.js';
import { cleanup, FakeStdin, FakeStdout, frameLines, KEYS, renderSized } from './helpers/render.js';
import { runBrowser } from '../src/app/run-browser.js';

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

const SESSIONS = [
  appSummary({
    id: 'sess-login',
    title: 'Fix login bug',
    updatedAt: hoursAgo(1),
  }),
  appSummary({
    id: 'sess-dark',
    title: 'Add dark mode',
    updatedAt: hoursAgo(2),
    lastCheckpoint: { timestamp: '2026-03-10T09:30:00Z', tokenCount: 8000, messagesAfter: 12, messageCountAfter: 12 },
    checkpoints: 2,
  }),
  appSummary({ id: 'sess-parse', title: 'Refactor parser', updatedAt: hoursAgo(3) }),
  appSummary({ id: 'other-1', projectId: 'p2', title: 'Other project work', updatedAt: hoursAgo(4) }),
];

/** What the sessions said, for the search. */
const TEXTS: Record<string, string> = {
  'sess-login': 'Fix login bug. The client drops the websocket after a reconnect and never retries.',
  'sess-dark': 'Add dark mode with css variables',
  'sess-parse': 'Refactor parser tokens',
};

afterEach(cleanup);

function start(opts: FakeSourceOptions = {}, size: { columns?: number; rows?: number } = {}) {
  const source = fakeSource({ sessions: SESSIONS, texts: TEXTS, ...opts });
  const exits: BrowserExit[] = [];
  const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, size);
  return { source, exits, ui };
}

function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frameLines(frame);
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
}

describe('the list screen', () => {
  it.each([
    [80, 24],
    [160, 40],
  ])('at %i×%i shows the project, counts and titles within the terminal', async (columns, rows) => {
    const { ui } = start({}, { columns, rows });
    const frame = await ui.waitFor('Fix login bug');
    expect(frame).toContain('/home/u/proj');
    expect(frame).toContain('3 sessions');
    expect(frame).toContain('Add dark mode');
    expect(frame).not.toContain('Other project work');
    expect(frame).toContain('enter resume');
    expectFits(frame, columns, rows);
  });

  it('shows the selected session\'s prompts and resume plan under the list', async () => {
    const { ui } = start({}, { columns: 120, rows: 24 });
    await ui.waitFor('Fix login bug');
    const frame = await ui.press('j', 'resume from checkpoint 09:30');
    expect(frame).toContain('12 msgs after');
    expect(frame).toContain('~8.2k tokens');
    expect(frame).toContain('first: first prompt');
  });

  it('renders hostile text from logs as visible markers everywhere (row, preview, flash)', async () => {
    const evil = '\u001b]52;c;cHduZWQ=\u0007\u001b[2J';
    const hostile = appSummary({
      id: 'evil-1',
      title: `Deploy ${evil} done`,
      firstPrompt: `prompt ${evil}`,
      workspace: `/tmp/${evil}`,
      model: `gpt${evil}`,
    });
    const { ui } = start({ sessions: [hostile] }, { columns: 160, rows: 24 });
    await ui.waitFor('Deploy ␛]52;c;cHduZWQ=␇␛[2J done');
    const frame = await ui.press('y', 'Copied evil-1');
    expect(frame).toContain('prompt ␛]52');
    expect(frame).not.toContain('\u001b');
  });

  it('says what to do when the project has no sessions', async () => {
    const { ui } = start({ sessions: [] });
    const frame = await ui.waitFor('No sessions for project /home/u/proj under /home/u/.sessions yet.');
    expect(frame).toContain('a shows all projects; --demo shows an example.');
  });

  it('names where this run looked when it reads only an agent\'s folder, not the native home it did not read', async () => {
    const { ui } = start({ sessions: [], readingWhere: 'the claude folder' });
    const frame = await ui.waitFor('No sessions for project /home/u/proj under the claude folder yet.');
    expect(frame).not.toContain('/home/u/.sessions');
  });

  it('shows a load error as a message, not a stack trace', async () => {
    const { ui } = start({ loadError: 'permission denied: /home/u/.sessions' });
    const frame = await ui.waitFor('Could not load sessions: permission denied');
    expect(frame).not.toMatch(/\n\s+at /);
  });

  it('keeps within the terminal after a resize', async () => {
    const { ui } = start({ sessions: manySummaries(60) }, { columns: 160, rows: 40 });
    await ui.waitFor('Task number 0');
    ui.resize(70, 15);
    const frame = await ui.waitFor((f) => frameLines(f).length <= 14 && f.includes('Task number 0'));
    expectFits(frame, 70, 15);
  });
});

describe('search', () => {
  it('narrows the list as you type and shows a content snippet', async () => {
    const { ui } = start({}, { columns: 100, rows: 24 });
    await ui.waitFor('Fix login bug');
    await ui.press('/', 'search:');
    let frame = await ui.press('a', 'search: a');
    expect(frame).toContain('Add dark mode');
    frame = await ui.press('dd', '1 match');
    expect(frame).toContain('Add dark mode');
    expect(frame).not.toContain('Fix login bug');
    const searchLine = (f: string) => frameLines(f).find((l) => l.startsWith('search:'))?.replace('▌', '').trimEnd();
    for (const left of ['search: ad', 'search: a', 'search:']) await ui.press(KEYS.backspace, (f) => searchLine(f) === left);
    expect(ui.lastFrame()).toContain('3 sessions\n');
    frame = await ui.press('websocket', (f) => f.includes('1 match'));
    expect(frame).toContain('Fix login bug');
    expect(frame).not.toContain('Add dark mode');
    expect(frame).toMatch(/websocket after a reconnect/);
  });

  it('letters go to the query, not to the list (q does not quit, d does not delete)', async () => {
    const { ui, exits } = start();
    await ui.waitFor('Fix login bug');
    await ui.press('/', 'search:');
    const frame = await ui.press('qd', 'search: qd');
    expect(exits).toEqual([]);
    expect(frame).not.toContain('Delete “');
  });

  it('first Esc leaves the box keeping the filter, the second clears it', async () => {
    const { ui } = start();
    await ui.waitFor('Fix login bug');
    await ui.press('/', 'search:');
    await ui.press('dark', '1 match');
    let frame = await ui.press(KEYS.escape, 'filter: dark');
    expect(frame).not.toContain('Fix login bug');
    frame = await ui.press(KEYS.escape, (f) => f.includes('Fix login bug') && !f.includes('filter:'));
    expect(frame).toContain('Add dark mode');
  });

  it('counts matches in the header, singular and plural', async () => {
    const { ui } = start();
    await ui.waitFor('Fix login bug');
    await ui.press('/', 'search:');
    const frame = await ui.press('a', (f) => /\d+ matches for “a”/.test(f));
    expect(frame).not.toMatch(/\d+ match for/);
  });

  it('keys faster than a render act in order on the latest state ("/" then a word in one read)', async () => {
    const { ui } = start();
    await ui.waitFor('Fix login bug');
    const frame = await ui.press('/dark', '1 match for “dark”');
    expect(frame).toContain('search: dark');
  });

  it('a line break inside a pasted run types a space and never resumes', async () => {
    const { ui, exits } = start();
    await ui.waitFor('Fix login bug');
    await ui.press('/', 'search:');
    await ui.press('dark\rmode', 'search: dark mode▌');
    expect(exits).toEqual([]);
  });

  it('a short run ending in Enter (keys faster than one read) still resumes', async () => {
    const { ui, exits } = start();
    await ui.waitFor('Fix login bug');
    ui.write('j\r');
    await ui.waitFor(() => exits.length > 0);
    expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'sess-dark' } });
  });

  it('Enter in the search box resumes the selected match', async () => {
    const { ui, exits } = start();
    await ui.waitFor('Fix login bug');
    await ui.press('/', 'search:');
    await ui.press('parser', '1 match');
    ui.write(KEYS.enter);
    await ui.waitFor(() => exits.length > 0);
    expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'sess-parse' } });
  });
});

describe('actions', () => {
  it('Enter resumes the selected session', async () => {
    const { ui, exits } = start();
    await ui.waitFor('Fix login bug');
    await ui.press(KEYS.down, '› Add dark mode');
    ui.write(KEYS.enter);
    await ui.waitFor(() => exits.length > 0);
    expect(exits).toEqual([{ kind: 'resume', session: expect.objectContaining({ id: 'sess-dark' }) }]);
  });

  it('"jjo" in one read opens the third session, not the first', async () => {
    const { ui } = start({}, { columns: 100, rows: 30 });
    await ui.waitFor('Fix login bug');
    const frame = await ui.press('jjo', (f) => !f.includes('enter resume  → open'));
    expect(frame).toContain('Refactor parser');
    expect(frame).not.toContain('Fix login bug');
  });

  it('q and Ctrl+C quit', async () => {
    const a = start();
    await a.ui.waitFor('Fix login bug');
    a.ui.write('q');
    await a.ui.waitFor(() => a.exits.length > 0);
    expect(a.exits).toEqual([{ kind: 'quit' }]);
    a.ui.unmount();
    const b = start();
    await b.ui.waitFor('Fix login bug');
    b.ui.write(KEYS.ctrlC);
    await b.ui.waitFor(() => b.exits.length > 0);
    expect(b.exits).toEqual([{ kind: 'quit' }]);
  });

  it('d asks first, naming the session; n keeps it, y deletes it and says how to restore', async () => {
    const { ui, source } = start({}, { columns: 120 });
    await ui.waitFor('Fix login bug');
    let frame = await ui.press('d', 'Delete “Fix login bug” (sess-login)?');
    expect(frame).toContain('y/enter delete  n/esc cancel');
    expect(frame).toContain('restore with: session-browser restore sess-login');
    frame = await ui.press('n', (f) => !f.includes('Delete “'));
    expect(source.calls.deleted).toEqual([]);
    await ui.press('d', 'Delete “Fix login bug”');
    frame = await ui.press('y', 'Deleted Fix login bug · u undoes it; restore command printed at exit');
    expect(source.calls.deleted).toEqual(['sess-login']);
    expect(frame).toContain('› Add dark mode');
    await ui.waitFor(() => source.calls.loadSessions.length === 2);
  });

  it('u brings the session deleted last back; with nothing deleted it says so', async () => {
    const { ui, source } = start({}, { columns: 120 });
    await ui.waitFor('Fix login bug');
    await ui.press('u', 'Nothing to undo');
    await ui.press('d', 'Delete “Fix login bug”');
    await ui.press('y', (f) => f.includes('Deleted Fix login bug') && !f.includes('› Fix login bug'));
    const frame = await ui.press('u', (f) => f.includes('Restored Fix login bug') && f.includes('Fix login bug'));
    expect(source.calls.restored).toEqual(['sess-login']);
    expect(frame.split('\n').some((l) => l.includes('Fix login bug') && !l.startsWith('Restored'))).toBe(true);
    // Once: a second u has nothing left to undo.
    await ui.press('u', 'Nothing to undo');
  });

  it('e exports markdown and y copies the id, each with a message', async () => {
    const { ui, source } = start({ clipboard: 'shown' });
    await ui.waitFor('Fix login bug');
    await ui.press('e', 'Exported sess-login.md to /tmp/export');
    await ui.press('y', 'No clipboard could take it; id: sess-login');
    expect(source.calls.exported).toEqual(['sess-login']);
    expect(source.calls.copied).toEqual(['sess-login']);
  });

  it('a switches to all projects, grouped by project', async () => {
    const { ui, source } = start({ labels: { p1: '/home/u/proj', p2: '/home/u/other' } });
    await ui.waitFor('Fix login bug');
    const frame = await ui.press('a', 'Other project work');
    expect(source.calls.loadSessions).toEqual(['project', 'all']);
    expect(frame).toContain('all projects');
    expect(frame).toContain('▸ /home/u/proj (3)');
    expect(frame).toContain('▸ /home/u/other (1)');
  });

  it('? shows the help overlay generated from the key table; any key closes it', async () => {
    const { ui } = start({}, { columns: 120, rows: 40 });
    await ui.waitFor('Fix login bug');
    const frame = await ui.press('?', 'export markdown');
    expect(frame).toContain('Search box');
    expect(frame).toContain('this project / all projects');
    expect(frame).not.toContain('Fix login bug');
    await ui.press('x', 'Fix login bug');
  });

  it('c opens the cost view and closes it again', async () => {
    const { ui } = start({}, { columns: 100, rows: 30 });
    await ui.waitFor('Fix login bug');
    const frame = await ui.press('c', (f) => !f.includes('Fix login bug'));
    expectFits(frame, 100, 30);
    await ui.press('c', 'Fix login bug');
  });

  it('→ opens the session screen and ← goes back to the list', async () => {
    const { ui } = start({}, { columns: 100, rows: 30 });
    await ui.waitFor('Fix login bug');
    const frame = await ui.press(KEYS.right, (f) => !f.includes('enter resume  → open'));
    expectFits(frame, 100, 30);
    await ui.press(KEYS.left, 'enter resume  → open');
  });
});

describe('runBrowser', () => {
  /** Waits until `check` holds, polling (no fixed sleep). */
  async function until(check: () => boolean, timeoutMs = 4000): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('draws on the given stream, resolves with the choice after unmounting, and restores the terminal', async () => {
    const stdout = new FakeStdout(100, 30);
    stdout.isTTY = true;
    const stdin = new FakeStdin();
    const done = runBrowser(fakeSource({ sessions: SESSIONS }), {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
    });
    await until(() => stdout.frames.join('').includes('Add dark mode') && stdin.rawMode);
    stdin.write('j');
    await until(() => stdout.frames.join('').includes('› Add dark mode'));
    stdin.write(KEYS.enter);
    const exit = await done;
    expect(exit).toMatchObject({ kind: 'resume', session: { id: 'sess-dark' } });
    expect(stdin.rawMode).toBe(false);
    expect(stdout.frames.join('').endsWith('\u001B[?25h')).toBe(true);
  });
});
