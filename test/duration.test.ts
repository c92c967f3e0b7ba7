import { describe, expect, it } from 'vitest';
import { parseDuration } from '../src/store/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['1h30m', 5_400_000],
    ['1d12h', 129_600_000],
    ['30m1h', 5_400_000],
    [' 2h ', 7_200_000],
    ['0m', 0],
  ])('reads %j as %d ms', (spec, ms) => {
    expect(parseDuration(spec)).toBe(ms);
  });

  it.each(['', '   ', '10', 'h', '1.5h', '-2h', '5y', '2 h', '2H', '1h1h', 'two hours', '99999999999999999999d'])(
    'refuses %j',
    (spec) => {
      expect(parseDuration(spec)).toBeNull();
    },
  );
});
