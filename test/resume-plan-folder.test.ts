/**
 * The Resume tab names the folder Enter will use and why it is not the
 * recorded workspace: a blank workspace is none, a file is "not a folder",
 * and on the demo the fallback is the demo's private copy, not a "project root".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeRows } from '../src/components/ResumePreview.js';
import { planResume, resumeFolder } from '../src/store/actions/resume.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const COMMAND = { template: 'agent --resume {id}', source: 'flag' as const };

describe('Resume tab: the folder Enter runs in', () => {
  let t: TempHome;
  useTempHome((home) => (t = home));

  async function plan(workspace: string, rootLabel?: string) {
    const root = join(t.home, 'root');
    mkdirSync(root, { recursive: true });
    const path = t.write('s', [{ type: 'meta', title: 'p', workspace }, { type: 'message', message: { role: 'user', content: 'a' } }]);
    const { summary } = await readSummary(path, readOpts());
    const p = planResume(summary!, COMMAND, (s) => resumeFolder(s, () => root), rootLabel);
    return { p, root, dir: resumeRows(p, NOW).find((r) => r.label === 'Directory')!.text };
  }

  it('treats a whitespace-only workspace as none: no "does not exist" for blanks', async () => {
    const { p, root, dir } = await plan('   ');
    expect(p.workspace).toBeNull();
    expect(p.workspaceProblem).toBeNull();
    expect(dir).toBe(`${root} — the project root`);
  });

  it('says a workspace that is a file is not a folder', async () => {
    const file = join(t.home, 'a-file');
    writeFileSync(file, 'x');
    const { dir, root } = await plan(file);
    expect(dir).toBe(`${root} — the project root (the recorded workspace ${file} is not a folder)`);
  });

  it('says a vanished workspace no longer exists', async () => {
    const { dir } = await plan('/no/such/workspace');
    expect(dir).toContain('(the recorded workspace /no/such/workspace no longer exists)');
  });

  it("calls the demo's fallback the demo's private copy", async () => {
    const { dir, root } = await plan('/home/demo/webapp', "the demo's private copy");
    expect(dir).toBe(`${root} — the demo's private copy (the recorded workspace /home/demo/webapp no longer exists)`);
  });
});
