import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Every test sees the same zone and no colours, like the CLI tests' users.
    // CI=false: Ink renders only a final frame when it believes it runs in CI,
    // and the in-process render tests watch every frame (CI itself sets CI=true).
    env: { TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '0', CI: 'false' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on these machines: more workers only fight for them.
    maxWorkers: 2,
  },
});
