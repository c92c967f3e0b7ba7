import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatInt,
  formatPercent,
  formatTokens,
  formatUsd,
  microsToUsd,
  usdToMicros,
} from '../src/format/numbers.js';

describe('formatInt', () => {
  it('groups thousands', () => {
    expect(formatInt(12345)).toBe('12,345');
    expect(formatInt(0)).toBe('0');
    expect(formatInt(1_234_567.6)).toBe('1,234,568');
    expect(formatInt(-0.2)).toBe('0');
    expect(formatInt(Number.NaN)).toBe('–');
  });
});

describe('formatTokens', () => {
  it('is compact at every scale', () => {
    expect(formatTokens(0)).toBe('0');
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(1234)).toBe('1.2k');
    expect(formatTokens(1000)).toBe('1k');
    expect(formatTokens(34_000)).toBe('34k');
    expect(formatTokens(1_500_000)).toBe('1.5M');
    expect(formatTokens(2_100_000_000)).toBe('2.1B');
    // Up to the largest exact count (2^53 - 1): never "5000000B".
    expect(formatTokens(2.1e12)).toBe('2.1T');
    expect(formatTokens(999_960_000_000_000)).toBe('1P');
    expect(formatTokens(5e15)).toBe('5P');
  });

  it('rolls over to the next unit instead of printing 1000k', () => {
    expect(formatTokens(999_960)).toBe('1M');
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(9_960)).toBe('10k');
  });

  it('marks estimates with ~', () => {
    expect(formatTokens(1234, true)).toBe('~1.2k');
    expect(formatTokens(12, true)).toBe('~12');
  });
});

describe('money', () => {
  it('converts between USD and integer micro-USD', () => {
    expect(usdToMicros(0.0051)).toBe(5100);
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000);
    expect(microsToUsd(21_300)).toBeCloseTo(0.0213, 10);
  });

  it('never shows unknown cost as $0', () => {
    expect(formatUsd(null)).toBe('?');
    expect(formatUsd(0)).toBe('$0.00');
  });

  it('uses 4 decimals under a cent, 2 under $100, whole dollars above', () => {
    expect(formatUsd(4200)).toBe('$0.0042');
    expect(formatUsd(12_340_000)).toBe('$12.34');
    expect(formatUsd(10_000)).toBe('$0.01');
    expect(formatUsd(1_234_000_000)).toBe('$1,234');
    expect(formatUsd(99_999_000)).toBe('$100');
  });

  it('shows a tiny real cost as "<$0.0001", not as zero', () => {
    expect(formatUsd(3)).toBe('<$0.0001');
  });
});

describe('formatPercent', () => {
  it('rounds to the given digits and shows unknown as a dash', () => {
    expect(formatPercent(0.4567)).toBe('46%');
    expect(formatPercent(0.4567, 1)).toBe('45.7%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});

describe('formatDuration', () => {
  it('picks the unit people expect', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(4200)).toBe('4.2s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(2 * 3_600_000 + 10 * 60_000)).toBe('2h 10m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
  });

  it('rounds before splitting so no unit shows 60', () => {
    expect(formatDuration(999.6)).toBe('1.0s');
    expect(formatDuration(59_960)).toBe('1m 00s');
    expect(formatDuration(3_599_700)).toBe('1h 00m');
  });

  it('treats negative durations (clock skew) as zero', () => {
    expect(formatDuration(-5)).toBe('0ms');
  });
});
