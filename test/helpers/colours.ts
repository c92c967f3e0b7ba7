/**
 * Colours on for one describe block. The tests run with colours off
 * (vitest.config.ts); where inverse video or a colour is what the user sees,
 * a test turns chalk on here and the level is put back after the block.
 */
import chalk from 'chalk';
import { afterAll, beforeAll } from 'vitest';

export function useColours(): void {
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = level;
  });
}
