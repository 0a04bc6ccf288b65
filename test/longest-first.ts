// The order the project tests start in (vitest.config.ts's sequencer): the few files that run the
// conformance suite itself, tens of seconds each, start first, longest first, so that with two
// workers the many short files fill in around them and both workers finish together; a long file
// started last would run alone at the end. vitest's own order (longest first by its cache of the
// last run's durations) stands for the rest, and for these too when they are not in the list, but
// a fresh clone has no such cache, and the cache is shared by every checkout using one node_modules.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first, as measured on a 2-core machine; the first two run side by side from the start. */
export const LONGEST_FIRST = [
  'test/src/cli/reference-host-runs.test.ts',
  'test/src/report/html-report.test.ts',
  'test/src/cli/reference-host-cleanup.test.ts',
  'test/src/cli/runs-in-one-process.test.ts',
  'test/src/cli/run-against-fake-target.test.ts',
  'test/src/cli/leftovers-and-tokens.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const i = LONGEST_FIRST.findIndex((name) => spec.moduleId.endsWith(`/${name}`));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
