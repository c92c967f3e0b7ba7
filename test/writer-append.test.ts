import fs, { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CACHE_TTL_SEC } from '../src/store/sources/fold.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';
import { InvalidIdError, projectIdOf, readProjectJson } from '../src/store/project.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import {
  appendRecord,
  appendSkillInvocation,
  ensureProjectDir,
  EventLogger,
  serializeRecord,
  SessionStore,
  TurnLogger,
} from '../src/store/writer/index.js';
import { useTempProject } from './helpers/temp-project.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');

let tmp: string;
let home: string;
let root: string;
useTempProject('sb-writer-append-', (d) => ({ tmp, home, root } = d));
afterEach(() => vi.restoreAllMocks());

const readOpts = (projectId: string) => ({ projectId, pricing: BUILTIN_PRICES, nowMs: NOW, cacheTtlSec: DEFAULT_CACHE_TTL_SEC });
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('serializeRecord', () => {
  it('is one line of JSON with a newline, line separators and bidi controls escaped', () => {
    const line = serializeRecord({ content: 'a\nb\u2028c\u2029d\u202ee' });
    expect(line).toBe('{"content":"a\\nb\\u2028c\\u2029d\\u202ee"}\n');
    expect(JSON.parse(line)).toEqual({ content: 'a\nb\u2028c\u2029d\u202ee' });
  });

  it('refuses what is not a JSON object', () => {
    expect(() => serializeRecord([] as unknown as object)).toThrow(TypeError);
  });
});

describe('file and folder modes', () => {
  for (const umask of [0, 0o022, 0o077, 0o007]) {
    it(`are 0700 and 0600 under umask ${umask.toString(8).padStart(3, '0')}`, () => {
      const previous = process.umask(umask);
      try {
        const store = new SessionStore({ home, projectRoot: root, sessionId: 'modes' });
        store.appendMessage({ role: 'user', content: 'hello' });
        appendFileSync(store.path, '{"type":"mess');
        store.appendMessage({ role: 'user', content: 'after a torn tail' });
        const saved = new SessionStore({ home, projectRoot: root, sessionId: 'saved' });
        saved.save([{ type: 'message', message: { role: 'user', content: 'saved' } }]);
        const turns = new TurnLogger({ home, projectRoot: root });
        const turnsId = turns.startSession();

        const dir = join(home, 'projects', store.projectId);
        for (const d of [home, join(home, 'projects'), dir]) expect([d, mode(d)]).toEqual([d, 0o700]);
        const files = [store.path, `${store.path}.torn`, join(dir, 'project.json'), saved.path, join(dir, `${turnsId}.jsonl`)];
        for (const f of files) expect([f, mode(f)]).toEqual([f, 0o600]);
      } finally {
        process.umask(previous);
      }
    });
  }

  it('leaves folders it did not create as they were', () => {
    mkdirSync(home, { mode: 0o755 });
    fs.chmodSync(home, 0o755);
    new SessionStore({ home, projectRoot: root, sessionId: 'x' }).appendMessage({ role: 'user', content: 'hi' });
    expect(mode(home)).toBe(0o755);
    expect(mode(join(home, 'projects'))).toBe(0o700);
  });
});

describe('torn tail repair', () => {
  it('moves a half record aside instead of gluing the next record onto it', async () => {
    const store = new SessionStore({ home, projectRoot: root, sessionId: 'torn', now: () => NOW });
    store.appendMessage({ role: 'user', content: 'first' });
    appendFileSync(store.path, '{"type":"mess');
    expect((await readSummary(store.path, readOpts(store.projectId))).summary!.pendingTail).toBe(true);

    const rec = store.appendMessage({ role: 'user', content: 'second' });

    const { summary } = await readSummary(store.path, readOpts(store.projectId));
    expect([summary!.malformedLines, summary!.unknownLines, summary!.pendingTail, summary!.userMessages]).toEqual([0, 0, false, 2]);
    const lines = readFileSync(store.path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1]!)).toEqual(rec);
    const torn = readFileSync(`${store.path}.torn`, 'utf8');
    expect(torn).toContain('{"type":"mess');
    expect(torn).toContain('2026-11-20T10:00:00.000Z');
    expect(torn.endsWith('{"type":"mess\n')).toBe(true);
  });

  it('moves aside a file that is one torn fragment with no newline at all', () => {
    const store = new SessionStore({ home, projectRoot: root, sessionId: 'all-torn' });
    mkdirSync(join(home, 'projects', store.projectId), { recursive: true });
    writeFileSync(store.path, '{"type":"message","message":{"role":"us');
    const rec = store.appendMessage({ role: 'user', content: 'clean start' });
    expect(readFileSync(store.path, 'utf8')).toBe(`${JSON.stringify(rec)}\n`);
    expect(readFileSync(`${store.path}.torn`, 'utf8')).toContain('{"type":"message","message":{"role":"us');
  });

  it('keeps a complete record that only lacked its newline', async () => {
    const store = new SessionStore({ home, projectRoot: root, sessionId: 'no-newline' });
    store.appendMessage({ role: 'user', content: 'first' });
    appendFileSync(store.path, '{"type":"message","message":{"role":"user","content":"kept"}}');
    store.appendMessage({ role: 'user', content: 'third' });
    const { summary } = await readSummary(store.path, readOpts(store.projectId));
    expect([summary!.userMessages, summary!.malformedLines]).toEqual([3, 0]);
    expect(existsSync(`${store.path}.torn`)).toBe(false);
  });

  it('collects several torn fragments in one .torn file', () => {
    const store = new SessionStore({ home, projectRoot: root, sessionId: 'twice' });
    store.appendMessage({ role: 'user', content: 'a' });
    appendFileSync(store.path, 'FRAGMENT-ONE');
    store.appendMessage({ role: 'user', content: 'b' });
    appendFileSync(store.path, 'FRAGMENT-TWO');
    store.appendMessage({ role: 'user', content: 'c' });
    const torn = readFileSync(`${store.path}.torn`, 'utf8');
    expect(torn.indexOf('FRAGMENT-ONE')).toBeGreaterThan(-1);
    expect(torn.indexOf('FRAGMENT-TWO')).toBeGreaterThan(torn.indexOf('FRAGMENT-ONE'));
    expect(readFileSync(store.path, 'utf8')).not.toContain('FRAGMENT');
  });
});

describe('one write per record', () => {
  it('hands the whole line to a single fs.writeSync call', () => {
    const path = join(tmp, 'one-write.jsonl');
    const spy = vi.spyOn(fs, 'writeSync');
    const record = { type: 'message', message: { role: 'user', content: 'y'.repeat(1_000_000) } };
    appendRecord(path, record);
    // The lock file's pid is written as a string; the record is the one Buffer write.
    const writes = spy.mock.calls.filter(([, b]) => Buffer.isBuffer(b));
    expect(writes).toHaveLength(1);
    const [, buf] = writes[0]!;
    expect(Buffer.isBuffer(buf) ? buf.length : -1).toBe(Buffer.byteLength(serializeRecord(record)));
    expect(readFileSync(path, 'utf8')).toBe(serializeRecord(record));
  });

  it('does not follow a symlink planted at the session path', () => {
    const target = join(tmp, 'elsewhere.txt');
    writeFileSync(target, 'untouched\n');
    const link = join(tmp, 'link.jsonl');
    symlinkSync(target, link);
    expect(() => appendRecord(link, { type: 'message' })).toThrow();
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');
  });
});

describe('invalid session ids', () => {
  for (const bad of ['../etc/passwd', '', '.hidden', 'a/b', 'x'.repeat(129)]) {
    it(`refuses ${JSON.stringify(bad.slice(0, 20))} and creates nothing`, async () => {
      expect(() => new SessionStore({ home, projectRoot: root, sessionId: bad })).toThrow(InvalidIdError);
      expect(() => new EventLogger({ home, projectRoot: root, sessionId: bad })).toThrow(InvalidIdError);
      expect(() => new TurnLogger({ home, projectRoot: root }).startSession({ sessionId: bad })).toThrow(InvalidIdError);
      expect(() => new TurnLogger({ home, projectRoot: root }).resumeSession(bad)).toThrow(InvalidIdError);
      expect(() => appendSkillInvocation(home, root, bad, { skill: 's', attempts: [], final_status: 'ok' })).toThrow(InvalidIdError);
      expect(() => SessionStore.delete(home, projectIdOf(root), bad)).toThrow(InvalidIdError);
      await expect(SessionStore.load(home, projectIdOf(root), bad)).rejects.toThrow(InvalidIdError);
      expect(existsSync(home)).toBe(false);
      expect(readdirSync(tmp)).toEqual(['app']);
    });
  }
});

describe('project.json', () => {
  it('is written with the project folder, holding the canonical root', () => {
    const dir = ensureProjectDir(home, root);
    expect(dir).toEqual({ projectId: projectIdOf(root), root, dir: join(home, 'projects', projectIdOf(root)) });
    expect(JSON.parse(readFileSync(join(dir.dir, 'project.json'), 'utf8'))).toEqual({ root });
    expect(readProjectJson(home, dir.projectId)).toBe(root);
  });

  it('files a writer started in a subfolder under the repository root, like the browser', () => {
    const sub = join(root, 'pkg', 'inner');
    mkdirSync(sub, { recursive: true });
    const store = new SessionStore({ home, projectRoot: sub, sessionId: 'from-sub' });
    store.appendMessage({ role: 'user', content: 'hi' });
    expect(store.projectId).toBe(projectIdOf(root));
    expect(readProjectJson(home, store.projectId)).toBe(root);
  });

  it('is left alone when it already exists', () => {
    const dir = ensureProjectDir(home, root).dir;
    writeFileSync(join(dir, 'project.json'), '{"root":"/kept"}\n');
    new SessionStore({ home, projectRoot: root, sessionId: 'x' }).appendMessage({ role: 'user', content: 'hi' });
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe('{"root":"/kept"}\n');
  });
});
