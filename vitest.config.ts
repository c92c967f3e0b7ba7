import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Every test sees the same zone and no colours, like the CLI tests' users.
    // CI=false: Ink renders only a final frame when it believes it runs in CI,
    // and the in-process render tests watch every frame (CI itself sets CI=true).
    // No agent's real sessions (Claude Code, Codex, Gemini CLI) may leak into the tests.
    env: { TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '0', CI: 'false', CLAUDE_CONFIG_DIR: '/nonexistent/sb-claude', CODEX_HOME: '/nonexistent/sb-codex', GEMINI_CLI_HOME: '/nonexistent/sb-gemini' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on these machines: more workers only fight for them.
    maxWorkers: 2,
  },
});
