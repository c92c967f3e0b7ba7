import { describe, expect, it } from 'vitest';
import { bar, sparkline } from '../src/format/charts.js';

describe('sparkline', () => {
  it('scales from zero to the max', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 10])).toBe('▅█');
  });

  it('shows all zeros as a flat line and nothing as nothing', () => {
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([])).toBe('');
    expect(sparkline([1, 2], 0)).toBe('');
  });

  it('resamples by max, so a single spike survives', () => {
    const values = new Array<number>(100).fill(1);
    values[42] = 100;
    const line = sparkline(values, 10);
    expect([...line]).toHaveLength(10);
    expect(line).toBe('▁▁▁▁█▁▁▁▁▁');
  });

  it('does not stretch fewer values than the width', () => {
    expect(sparkline([1, 2, 3], 10)).toHaveLength(3);
  });

  it('treats negative and non-finite values as zero', () => {
    expect(sparkline([-5, Number.NaN, 7])).toBe('▁▁█');
  });
});

describe('bar', () => {
  it('fills whole blocks then one eighth block', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 4)).toBe('██');
    expect(bar(1, 16, 2)).toBe('▏');
    expect(bar(3, 8, 1)).toBe('▍');
    expect(bar(0.3, 1, 10)).toBe('███');
  });

  it('rounds down and never exceeds the width', () => {
    expect(bar(9.9, 10, 1)).toBe('▉');
    expect(bar(50, 10, 5)).toBe('█████');
  });

  it('is empty for no max, no width or nothing to show', () => {
    expect(bar(5, 0, 10)).toBe('');
    expect(bar(5, 10, 0)).toBe('');
    expect(bar(0, 10, 10)).toBe('');
  });
});
