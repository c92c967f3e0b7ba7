import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Every test sees the same zone and no colours, like the CLI tests' users.
    env: { TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '0' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on these machines: more workers only fight for them.
    maxWorkers: 2,
  },
});
