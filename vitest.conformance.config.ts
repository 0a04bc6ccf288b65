// The conformance checks' own vitest config, used by the runner (src/cli/run.ts) through the Node
// API. What is the same for every run lives here; what belongs to one run (the spec files, the
// worker count, the reporters writing into its report and run directories, and the run context
// itself, handed to the workers with vitest's provide/inject) the runner passes to createVitest,
// so several runs can proceed in one process.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    pool: 'threads',
    fileParallelism: true,
    maxWorkers: 3,
    setupFiles: ['./src/runtime/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Specs share nothing at module level but the per-worker HTTP agent and tokens: reusing the
    // module graph across files saves re-importing the harness for every spec file.
    isolate: false,
    // Reporters are per run (src/cli/run.ts). junit.xml is not vitest's: the runner writes it from
    // the check results (src/report/junit.ts) so testcases carry stable check ids and the suite's
    // own verdicts (blocked, warn).
    reporters: [],
  },
});
