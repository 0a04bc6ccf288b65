// The project's own tests (npm test runs them first, then the self-test). The conformance specs
// have their own config: vitest.conformance.config.ts.
//
// Three projects over one pool of workers. The reference host's tests (test/host/) share their
// worker processes (isolate: false): each file would otherwise load PGlite and build or load the
// seeded database image again in a new process, which cost more CPU than most of their tests. The
// host keeps no state between hosts that a test could lean on (host/ never imports src/, and the
// self-test runs many hosts in one process too).
//
// The harness's own tests share theirs too ('harness-shared'): in a process of its own, each file
// imported the harness again (the contract validators, undici, faker), which for the ~50 small
// files cost ~30 CPU-s against ~10 s shared, measured on this 2-core machine. The harness has
// process-wide registries (the redaction's secrets, the current run and profile) that one file's
// tests must not see filled by another's: test/shared-process-guard.ts fails any shared file that
// leaves them (or an EDFI_* variable, a signal handler, the exit code) other than it found them,
// so a file whose tests fill them keeps a process of its own: ISOLATED below, with the files that
// run the CLI in their process (main() registers secrets and signal handlers) or mock modules.
import { defineConfig } from 'vitest/config';
import LongestFirst from './test/longest-first.js';

const HOST_TESTS = 'test/host/**/*.test.ts';

/** Harness test files that run in a process of their own (see above). */
export const ISOLATED = [
  // Run the CLI's main() or the runner in this process, or start runs from it.
  'test/src/ci/bundle.test.ts',
  'test/src/ci/compare.test.ts',
  'test/src/ci/run-gate.test.ts',
  'test/src/cli/exit-codes.test.ts',
  'test/src/cli/interrupt.test.ts',
  'test/src/cli/leftovers-and-tokens.test.ts',
  'test/src/cli/probe-report.test.ts',
  'test/src/cli/reference-host-cleanup.test.ts',
  'test/src/cli/reference-host-runs.test.ts',
  'test/src/cli/run-against-fake-target.test.ts',
  'test/src/cli/runs-in-one-process.test.ts',
  'test/src/report/html-report.test.ts',
  // Register secrets with the redactor (directly, or through the token source, the clients or the
  // exchange observer), set the profile or the run context, or mock modules.
  'test/src/assert/assertions.test.ts',
  'test/src/fixtures/intents.test.ts',
  'test/src/http/token-source.test.ts',
  'test/src/report/allure-categories.test.ts',
  'test/src/report/junit.test.ts',
  'test/src/report/redact.test.ts',
  'test/src/runtime/evidence.test.ts',
  'test/src/runtime/resource-client.test.ts',
  'test/src/runtime/run-context.test.ts',
  'test/src/target/probe.test.ts',
  'test/unit/families.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'harness', include: ISOLATED } },
      { extends: true, test: { name: 'harness-shared', include: ['test/**/*.test.ts'], exclude: [HOST_TESTS, ...ISOLATED], isolate: false, setupFiles: ['./test/shared-process-guard.ts'] } },
      { extends: true, test: { name: 'host', include: [HOST_TESTS], isolate: false } },
    ],
  },
});
