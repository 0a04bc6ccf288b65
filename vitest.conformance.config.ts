// The conformance checks' own vitest config, used by the runner (src/cli/run.ts) through the Node
// API. It reads the run context the runner put in EDFI_CONFORMANCE_CONTEXT: where reports go and
// what the Allure environment says. EDFI_CONFORMANCE_SPECS (comma-separated globs) replaces the
// spec set; the harness's own tests use it to run small fixture specs.
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { CATEGORIES, environmentInfo } from './src/report/allure-setup.js';
import { CONTEXT_ENV, type RunContext } from './src/runtime/run-context.js';

const raw = process.env[CONTEXT_ENV];
const run = raw ? (JSON.parse(raw) as RunContext) : undefined;
const reportDir = resolve(run?.reportDir ?? 'reports');
const specs = process.env.EDFI_CONFORMANCE_SPECS?.split(',').filter(Boolean) ?? ['specs/**/*.spec.ts'];

export default defineConfig({
  test: {
    include: specs,
    pool: 'threads',
    fileParallelism: true,
    maxWorkers: run?.settings.workers ?? 3,
    // Checks are isolated from each other (run-unique data), so within a spec file they run
    // concurrently: a remote host's latency is hidden by having requests in flight, not by waiting.
    // The request cap (--max-concurrency, shared by the workers: src/runtime/permits.ts) still bounds
    // what reaches the target; this bounds how many checks of a file wait on it at once (enough for
    // one worker to fill the cap alone). Checks that need a quiet moment use describe.sequential.
    sequence: { concurrent: true },
    maxConcurrency: run?.settings.maxConcurrency ?? 8,
    setupFiles: ['./src/runtime/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Specs share nothing at module level but the per-worker HTTP agent and tokens: reusing the
    // module graph across files saves re-importing the harness for every spec file.
    isolate: false,
    // junit.xml is not vitest's: the runner writes it from the check results (src/report/junit.ts)
    // so testcases carry stable check ids and the suite's own verdicts (blocked, warn).
    reporters: [
      './src/cli/progress-reporter.ts',
      [
        'allure-vitest/reporter',
        {
          resultsDir: join(reportDir, 'allure-results'),
          environmentInfo: run ? environmentInfo(run) : {},
          categories: CATEGORIES,
        },
      ],
      './src/cli/results-collector.ts',
    ],
  },
});
