// The project's own tests (npm test runs them first, then the self-test). The conformance specs
// have their own config: vitest.conformance.config.ts.
//
// Two projects over one pool of workers. The reference host's tests (test/host/) share their
// worker processes (isolate: false): each file would otherwise load PGlite and build or load the
// seeded database image again in a new process, which cost more CPU than most of their tests. The
// host keeps no state between hosts that a test could lean on (host/ never imports src/, and the
// self-test runs many hosts in one process too). Every other file keeps a process of its own: the
// harness has process-wide registries (the redaction's secrets, the current run and profile) that
// one file's tests must not see filled by another's.
import { defineConfig } from 'vitest/config';
import LongestFirst from './test/longest-first.js';

const HOST_TESTS = 'test/host/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: 'harness', include: ['test/**/*.test.ts'], exclude: [HOST_TESTS] } },
      { extends: true, test: { name: 'host', include: [HOST_TESTS], isolate: false } },
    ],
  },
});
