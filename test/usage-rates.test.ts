import { describe, expect, it } from 'vitest';
import { aggregateUsage } from '../src/store/usage/usage.js';
import { makeSummary, makeTokens } from './helpers/summary.js';

describe('usage rates a user reads off the cost view', () => {
  it('prices one success by the runs that had an outcome, not by unrelated store sessions', () => {
    const sessions = [
      makeSummary({ id: 'ok', model: 'gpt-5', provider: 'openai', status: 'success', costMicros: 20_000, tokens: makeTokens({ input: 10 }) }),
      makeSummary({ id: 'bad', model: 'gpt-5', provider: 'openai', status: 'failed', costMicros: 10_000, tokens: makeTokens({ input: 10 }) }),
      makeSummary({ id: 'chat', model: 'gpt-5', provider: 'openai', status: 'unknown', costMicros: 9_000_000, tokens: makeTokens({ input: 10 }) }),
    ];
    const { totals } = aggregateUsage(sessions, { by: 'model' });
    expect(totals.knownCostMicros).toBe(9_030_000);
    // $0.03 spent on runs with an outcome, one of which succeeded.
    expect(totals.costPerSuccess).toBeCloseTo(0.03, 9);
    expect(totals.successRate).toBe(0.5);
  });

  it('marks only the rows that hold estimated tokens', () => {
    const sessions = [
      makeSummary({ id: 'priced', model: 'gpt-5', provider: 'openai', tokens: makeTokens({ input: 100 }), costMicros: 5 }),
      makeSummary({ id: 'turns', dialect: 'turns', model: '', tokens: makeTokens({ total: 40, estimated: true }) }),
    ];
    const { rows, totals } = aggregateUsage(sessions, { by: 'model' });
    expect(rows.find((r) => r.model === 'gpt-5')?.estimatedTokenSessions).toBe(0);
    expect(rows.find((r) => r.model === '')?.estimatedTokenSessions).toBe(1);
    expect(totals.estimatedTokenSessions).toBe(1);
  });
});
