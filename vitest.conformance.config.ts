// The conformance checks' own vitest config, used by the runner (src/cli/run.ts) through the Node
// API. What is the same for every run lives here; what belongs to one run (the spec files, the
// worker count, the reporters writing into its report and run directories, and the run context
// itself, handed to the workers with vitest's provide/inject) the runner passes to createVitest,
// so several runs can proceed in one process.
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './src/cli/spec-order.js';

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    pool: 'threads',
    fileParallelism: true,
    // The runner sets it per run: workerCount(maxConcurrency) in src/cli/run.ts.
    maxWorkers: 3,
    // Checks are isolated from each other (run-unique data), so within a spec file they run
    // concurrently: a remote host's latency is hidden by having requests in flight, not by waiting.
    // The request cap (--max-concurrency, shared by the workers: src/runtime/permits.ts) still bounds
    // what reaches the target; the runner sets maxConcurrency (how many checks of a file wait on it
    // at once: checksPerFile in src/cli/run.ts) so the threads together run about twice the cap.
    // A check that needs a quiet moment takes it with t.exclusive (every permit of the run at once).
    // The files whose checks take longest start first (src/cli/spec-order.ts), so no thread is
    // left running one long file while the others sit idle at the end.
    sequence: { concurrent: true, sequencer: LongestFirstSequencer },
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
