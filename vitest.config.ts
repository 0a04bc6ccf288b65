// The project's own tests (npm test runs them first, then the self-test). The conformance specs
// have their own config: vitest.conformance.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
