/**
 * Hostile case "log values become options" (issue 9): a recorded workspace
 * (or any value from a log) that starts with `-` is never substituted into
 * an argv as an option: it is passed as the path `./-…`.
 */
import { describe, expect, it } from 'vitest';
import { splitTemplate, substitute } from '../../src/store/actions/resume.js';

describe('robustness: log values never become options', () => {
  it('a workspace of --dangerously-skip-permissions is passed as a path', () => {
    const argv = substitute(splitTemplate('agent --cwd {workspace} --resume {id} {path} {context}'), {
      id: 'abc',
      path: '-rf',
      workspace: '--dangerously-skip-permissions',
      context: () => '-c',
    });
    expect(argv).toEqual(['agent', '--cwd', './--dangerously-skip-permissions', '--resume', 'abc', './-rf', './-c']);
    expect(argv.slice(1).filter((a, i) => a.startsWith('-') && !['--cwd', '--resume'].includes(a) && i >= 0)).toEqual([]);
  });

  it('a value inside an argument is left as it is (it cannot start the argument)', () => {
    expect(substitute(['--dir={workspace}'], { id: 'a', path: 'p', workspace: '-x', context: () => '' })).toEqual(['--dir=-x']);
  });
});
