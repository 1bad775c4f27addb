import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each test file runs in its own process: the local stack sets process-wide environment.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Handlers log every request and event at info; tests that read logs raise the level.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', LOG_LEVEL: 'warn' },
  },
});
