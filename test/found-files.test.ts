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

describe('the Claude location tells a first scan of its sessions as it reads their heads', () => {
  it('each session of the wanted projects once, with all its parts, and nothing of another project', async () => {
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { claudeLocation } = await import('../src/store/sources/claude/location.js');
    const { projectIdOfCwd } = await import('../src/store/sources/common/project-scope.js');
    const dir = mkdtempSync(join(tmpdir(), 'sb-found-claude-'));
    try {
      const line = (cwd: string, sessionId: string): string => `${JSON.stringify({ type: 'user', cwd, sessionId, timestamp: '2026-11-01T10:00:00Z', message: { role: 'user', content: 'hi' } })}\n`;
      const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      for (const [folder, cwd, from] of [['-work-a', '/nonexistent/work/a', 0], ['-work-b', '/nonexistent/work/b', 500]] as const) {
        const projects = join(dir, 'projects', folder);
        mkdirSync(projects, { recursive: true });
        for (let n = from; n < from + 300; n++) {
          writeFileSync(join(projects, `${id(n)}.jsonl`), line(cwd, id(n)));
          if (n % 3 === 0) {
            mkdirSync(join(projects, id(n), 'subagents'), { recursive: true });
            for (const agent of ['agent-b2', 'agent-a1']) writeFileSync(join(projects, id(n), 'subagents', `${agent}.jsonl`), line(cwd, id(n)));
          }
        }
        // An older subagent file beside the sessions, naming its parent: read after the parent's subagents/.
        writeFileSync(join(projects, 'agent-old1.jsonl'), line(cwd, id(from)));
      }
      const wanted = projectIdOfCwd('/nonexistent/work/a');
      const heard: SessionFile[][] = [];
      const scan = await claudeLocation({ dir, named: true }).scan('/nonexistent/home', [wanted], (files) => heard.push([...files]));
      expect(scan.files).toHaveLength(300);
      const told = heard.flat();
      expect(told.map((f) => f.path).sort()).toEqual(scan.files.map((f) => f.path).sort());
      expect(new Set(told).size).toBe(told.length);
      for (const f of told) expect(f.projectId).toBe(wanted);
      const first = told.find((f) => f.id === id(0))!;
      expect(first.parts?.map((p) => p.slice(dir.length))).toEqual([
        `/projects/-work-a/${id(0)}/subagents/agent-a1.jsonl`,
        `/projects/-work-a/${id(0)}/subagents/agent-b2.jsonl`,
        '/projects/-work-a/agent-old1.jsonl',
      ]);
      expect(told.find((f) => f.id === id(1))!.parts).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
