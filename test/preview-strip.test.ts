/**
 * The preview strip's second line at the widths people use: what Enter does
 * stays in view on an 80-column terminal (the workspace gives way first,
 * then the wording), and a wide terminal shows everything as written.
 */
import { describe, expect, it } from 'vitest';
import { resumeLine } from '../src/components/PreviewStrip.js';
import { displayWidth } from '../src/format/width.js';
import type { ResumePlan } from '../src/store/types.js';
import { withFakePrograms } from './helpers/fake-programs.js';

withFakePrograms(['claude', 'gemini']);

const plan = (over: Partial<ResumePlan> = {}): ResumePlan => ({
  sessionId: 's',
  checkpoint: null,
  messagesAfter: 5,
  contextMessages: 5,
  estimatedContextTokens: 1000,
  argv: null,
  cwd: '/home/demo/webapp',
  workspace: '/home/demo/webapp',
  workspaceProblem: null,
  cwdLabel: null,
  commandSource: null,
  cacheWarmUntil: null,
  ...over,
});

describe('resumeLine', () => {
  it('says everything as written when it fits', () => {
    expect(resumeLine('', '/home/demo/webapp', '', plan(), 160)).toBe('/home/demo/webapp · resume whole conversation · 5 msgs · Enter prints the id (no --resume-cmd)');
  });

  it('keeps what Enter does in view at 80 columns: the workspace keeps its end, the wording gets shorter', () => {
    const line = resumeLine('', '/home/demo/webapp', '', plan(), 78);
    expect(displayWidth(line)).toBeLessThanOrEqual(78);
    expect(line).toContain('Enter prints id (no --resume-cmd)');
    expect(line).toContain('whole conversation · 5 msgs');
    expect(line).toMatch(/^…\S*demo\/webapp · /);
  });

  it('keeps the branch whole when the workspace gives way', () => {
    const line = resumeLine('', '/home/someone/projects/webapp', ' (branch feat/login)', plan(), 80);
    expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(line).toMatch(/webapp \(branch feat\/login\) · .*Enter prints id/);
  });

  it('cuts only the workspace when that is enough', () => {
    const where = '/home/someone/projects/a-rather-long-project-name/packages/server';
    const line = resumeLine('', where, '', plan({ argv: ['claude', '--resume', 's'] }), 80);
    expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^….*packages\/server · resume whole conversation · 5 msgs · Enter runs claude$/);
  });

  it('says only what matters most of a checkpoint resume at 80 columns', () => {
    const line = resumeLine('', '/home/demo/webapp', '', plan({ messagesAfter: 225, estimatedContextTokens: 53_000, checkpoint: { timestamp: '2026-11-20T06:59:00Z', tokenCount: 40_000 } }), 78);
    expect(displayWidth(line)).toBeLessThanOrEqual(78);
    expect(line).toMatch(/webapp · from checkpoint 06:59 · 225 msgs after · Enter prints id$/);
  });

  it('keeps a leading note and falls back to the whole line when nothing fits', () => {
    const line = resumeLine('some text is not indexed · ', '/w', '', plan({ checkpoint: { timestamp: '2026-11-20T09:30:00Z', tokenCount: 8000 } }), 30);
    expect(line.startsWith('some text is not indexed · /w · resume from checkpoint 09:30')).toBe(true);
  });

  it('says Enter cannot resume when the command is not installed here, as Enter then says', () => {
    const line = resumeLine('', '/home/demo/webapp', '', plan({ argv: ['no-such-agent-3f9', '--resume', 's'] }), 160);
    expect(line).toContain('Enter cannot resume (no-such-agent-3f9 not installed)');
    const narrow = resumeLine('', '/home/demo/webapp', '', plan({ argv: ['no-such-agent-3f9', '--resume', 's'] }), 60);
    expect(displayWidth(narrow)).toBeLessThanOrEqual(60);
    expect(narrow).not.toContain('Enter runs');
  });

  it('says Enter cannot resume when there is no folder to run the command in, as Enter then says', () => {
    const line = resumeLine('', null, '', plan({ argv: ['gemini', '--resume', 's'], cwd: null, workspace: null }), 160);
    expect(line).toContain('Enter cannot resume here (no folder to run in)');
    expect(line).not.toContain('Enter runs gemini');
  });

  it('cuts the workspace to its last letters, then leaves out the branch, then the workspace, before what Enter does', () => {
    const checkpoint = { timestamp: '2026-03-02T09:51:00Z', tokenCount: 40_000 };
    const busy = plan({ messagesAfter: 120, checkpoint, argv: ['no-such-agent-3f9', '--resume', 's'] });
    const line = resumeLine('', '/redacted/path/59b923df4d', ' (branch main)', busy, 80);
    expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^…\w+ \(branch main\) · from checkpoint 09:51 · 120 msgs after · no resume here$/);
    const tighter = resumeLine('', '/redacted/path/59b923df4d', ' (branch main)', busy, 70);
    expect(tighter).toMatch(/^…\S+ · from checkpoint 09:51 · 120 msgs after · no resume here$/);
    const narrow = resumeLine('', '/redacted/path/59b923df4d', ' (branch main)', busy, 56);
    expect(narrow).toBe('from checkpoint 09:51 · 120 msgs after · no resume here');
  });

  it('shows the no-workspace placeholder whole or shorter, never cut at its start', () => {
    const noFolder = plan({ argv: ['gemini', '--resume', 's'], cwd: null, workspace: null });
    const line = resumeLine('', null, '', noFolder, 80);
    expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^\(no workspace(?: recorded)?\) · .*Enter cannot resume/);
    const narrow = resumeLine('', null, '', noFolder, 50);
    expect(narrow).not.toMatch(/^…/);
    expect(narrow).toContain('whole conversation · 5 msgs');
  });
});
