import { readFileSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planResume, splitTemplate, substitute, TemplateError, writeContextFile, pickTemplate } from '../src/store/actions/resume.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';

describe('resume command template', () => {
  it('splits once, honouring quotes and escapes, and never expands anything', () => {
    expect(splitTemplate('claude --resume {id}')).toEqual(['claude', '--resume', '{id}']);
    expect(splitTemplate(`agent "--name=a b" 'it''s' x\\ y`)).toEqual(['agent', '--name=a b', 'its', 'x y']);
    expect(splitTemplate('echo $HOME; rm -rf / | cat `id`')).toEqual(['echo', '$HOME;', 'rm', '-rf', '/', '|', 'cat', '`id`']);
    expect(splitTemplate('a ""')).toEqual(['a', '']);
  });

  it('refuses an empty template or an unterminated quote', () => {
    expect(() => splitTemplate('   ')).toThrow(TemplateError);
    expect(() => splitTemplate('agent "open')).toThrow(/unterminated/);
  });

  it('substitutes placeholders inside each argument without ever splitting one', () => {
    const argv = substitute(['agent', '--resume={id}', '--cwd', '{workspace}', '--ctx={context}'], {
      id: 'abc',
      path: '/p/abc.jsonl',
      workspace: '/home/ana/my app; rm -rf ~',
      context: () => '/tmp/ctx.jsonl',
    });
    expect(argv).toEqual(['agent', '--resume=abc', '--cwd', '/home/ana/my app; rm -rf ~', '--ctx=/tmp/ctx.jsonl']);
  });

  it('writes the context file only when the template uses {context}', () => {
    let written = 0;
    substitute(['a', '{id}'], { id: 'x', path: '', workspace: '', context: () => String(++written) });
    expect(written).toBe(0);
  });

  it('takes --resume-cmd over the environment over the config', () => {
    expect(pickTemplate('a', { SESSION_BROWSER_RESUME_CMD: 'b' }, 'c')).toEqual({ template: 'a', source: 'flag' });
    expect(pickTemplate(undefined, { SESSION_BROWSER_RESUME_CMD: 'b' }, 'c')).toEqual({ template: 'b', source: 'env' });
    expect(pickTemplate(undefined, {}, 'c')).toEqual({ template: 'c', source: 'config' });
    expect(pickTemplate(undefined, {}, undefined)).toBeNull();
  });
});

describe('resume context file and plan', () => {
  let t: TempHome;
  useTempHome((h) => (t = h));

  it('writes the context as private JSONL with U+2028 escaped', () => {
    const file = writeContextFile([{ role: 'system', content: 'sum\u2028mary' }, { role: 'user', content: 'next' }]);
    const text = readFileSync(file, 'utf8');
    expect(text.includes('\u2028')).toBe(false);
    expect(text.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { role: 'system', content: 'sum\u2028mary' },
      { role: 'user', content: 'next' },
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('plans from the last checkpoint, in the workspace when it exists', async () => {
    const ws = join(t.home, 'ws');
    mkdirSync(ws);
    const path = t.write('plan', [
      { type: 'meta', title: 'p', workspace: ws },
      { type: 'message', message: { role: 'user', content: 'a' } },
      { type: 'checkpoint', timestamp: '2026-11-20T09:30:00Z', token_count: 5400, messages: [{ role: 'system', content: 's' }] },
      { type: 'message', message: { role: 'user', content: 'b' } },
      { type: 'message', message: { role: 'assistant', content: 'c' } },
    ]);
    const { summary } = await readSummary(path, readOpts());
    const plan = planResume(summary!, { template: 'agent --resume {id} --in {workspace}', source: 'flag' });
    expect(plan.checkpoint).toEqual({ timestamp: '2026-11-20T09:30:00Z', tokenCount: 5400 });
    expect(plan.messagesAfter).toBe(2);
    expect(plan.argv).toEqual(['agent', '--resume', 'plan', '--in', ws]);
    expect(plan.cwd).toBe(ws);
    expect(plan.commandSource).toBe('flag');
    // The checkpoint's message + the 2 after it; 'b' + 'c' = 2 characters / 3 adds nothing to its 5400.
    expect(plan.contextMessages).toBe(3);
    expect(plan.estimatedContextTokens).toBe(5400);
    // Exactly what a full read loads.
    expect(plan.contextMessages).toBe((await loadTranscript(path, readOpts())).resumeContext.length);
  });

  it('plans the whole conversation without a checkpoint, with no argv when nothing is configured', async () => {
    const path = t.write('whole', [
      { type: 'meta', workspace: '/does/not/exist' },
      { type: 'message', message: { role: 'user', content: 'a' } },
      { type: 'message', message: { role: 'assistant', content: 'b' } },
    ]);
    const { summary } = await readSummary(path, readOpts());
    const plan = planResume(summary!, null);
    expect(plan.checkpoint).toBeNull();
    expect(plan.messagesAfter).toBe(2);
    expect(plan.argv).toBeNull();
    expect(plan.cwd).toBeNull(); // a workspace that does not exist is not used
  });
});
