/** Live watching (issue 7 item 5): changes on disk are reported within a second, by events or by polling. */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSessions, type SessionWatch } from '../src/store/catalog/watch.js';
import { useTempHome, type TempHome } from './helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));
let watch: SessionWatch | null = null;
afterEach(() => watch?.close());

const line = JSON.stringify({ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: 'user', content: 'hi' } }) + '\n';

/** Resolves with the ms it took for `count` reports to arrive after `act`, or rejects after `timeoutMs`. */
function reported(start: (onChange: () => void) => SessionWatch, act: () => void, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve, reject) => {
    let t0 = 0;
    const timer = setTimeout(() => reject(new Error('no change reported')), timeoutMs + 500);
    watch = start(() => {
      if (!t0) return;
      clearTimeout(timer);
      resolve(Date.now() - t0);
    });
    // Let the watch start (folders are listed asynchronously) before acting.
    setTimeout(() => {
      t0 = Date.now();
      act();
    }, 150);
  });
}

describe.each([
  ['events', false],
  ['polling', true],
])('watchSessions (%s)', (_name, poll) => {
  const opts = { poll, pollMs: 200 };
  it('reports a session appended to', async () => {
    const path = t.write('s', [JSON.parse(line)]);
    const ms = await reported((cb) => watchSessions(t.home, null, cb, opts), () => appendFileSync(path, line));
    expect(ms).toBeLessThan(1000);
  });
  it('reports a new session in a watched project', async () => {
    const ms = await reported((cb) => watchSessions(t.home, [t.dir.split('/').pop()!], cb, opts), () => writeFileSync(join(t.dir, 'new.jsonl'), line));
    expect(ms).toBeLessThan(1000);
  });
  it('reports a new project folder, then follows the sessions inside it', async () => {
    const dir = join(t.home, 'projects', 'fedcba9876543210');
    const times: number[] = [];
    watch = watchSessions(t.home, null, () => times.push(Date.now()), opts);
    await new Promise((r) => setTimeout(r, 150));
    mkdirSync(dir);
    await until(() => times.length > 0);
    await new Promise((r) => setTimeout(r, 400)); // the new folder is followed once the report is handled
    const before = times.length;
    const t0 = Date.now();
    writeFileSync(join(dir, 'x.jsonl'), line);
    await until(() => times.length > before);
    expect(times[times.length - 1]! - t0).toBeLessThan(1000);
  });
});

async function until(cond: () => boolean, timeoutMs = 1500): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error('no change reported');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('watchSessions over another agent’s folder (Claude Code)', () => {
  it('reports a line appended to a Claude session, and a new project folder', async () => {
    const { cpSync, readdirSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { claudeLocation } = await import('../src/store/sources/claude/location.js');
    const dir = mkdtempSync(join(tmpdir(), 'sb-watch-claude-'));
    try {
      cpSync(join(process.cwd(), 'fixtures', 'agents', 'claude'), dir, { recursive: true });
      const location = claudeLocation({ dir, named: true });
      const times: number[] = [];
      watch = watchSessions(t.home, null, () => times.push(Date.now()), { locations: [location] });
      await new Promise((r) => setTimeout(r, 300));
      const folder = join(dir, 'projects', '-work-app');
      const session = readdirSync(folder).find((n) => n.endsWith('.jsonl'))!;
      appendFileSync(join(folder, session), '\n');
      await until(() => times.length > 0);
      const before = times.length;
      mkdirSync(join(dir, 'projects', '-work-other'));
      await until(() => times.length > before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
