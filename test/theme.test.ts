import { describe, expect, it } from 'vitest';
import { makeLineStyles, makeTheme } from '../src/components/theme.js';

describe('theme', () => {
  it('names a colour for every role when colours are on, an empty NO_COLOR included', () => {
    for (const env of [{}, { NO_COLOR: '' }]) {
      const t = makeTheme(env);
      expect([t.accent, t.match, t.warm, t.cold, t.bar]).toEqual(['cyan', 'yellow', 'green', 'gray', 'green']);
      expect(Object.values(t).every((c) => typeof c === 'string')).toBe(true);
      expect(makeLineStyles(env).user).toEqual({ color: 'cyan', bold: true });
    }
  });

  it('drops every colour under NO_COLOR but keeps bold and dim, so roles stay visible', () => {
    const t = makeTheme({ NO_COLOR: '1' });
    expect(Object.values(t).every((c) => c === undefined)).toBe(true);
    expect(Object.keys(t)).toEqual(Object.keys(makeTheme({})));
    const styles = makeLineStyles({ NO_COLOR: '1' });
    expect(Object.values(styles).every((s) => s.color === undefined)).toBe(true);
    expect(styles.user.bold).toBe(true);
    expect(styles.toolResult.dim).toBe(true);
    expect(styles.usage).toEqual({ dim: true });
  });
});
