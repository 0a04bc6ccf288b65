// The order the spec threads take the spec files in (vitest.conformance.config.ts's sequencer).
// A thread runs one file at a time and takes the next when its file's last check ends, so a file
// holds its thread as long as its longest check: a file with a long chain of requests taken last
// leaves the run waiting on that one chain with the other threads idle and few requests in flight.
// Against a remote host that tail is what costs (bench/latency-trace.ts shows it). So the files
// whose checks take longest through a 50 ms proxy start first, the short ones fill in after them
// (longest-processing-time-first). Vitest's own order would take them from its results cache in
// node_modules (shared by every run, the kill matrix's small ones too) or by file size (every
// family spec file is five lines), which is neither stable nor about latency.
// The order is a schedule, never a verdict: a file missing here runs after the listed ones.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { relative } from 'node:path';

/**
 * Spec files, longest first: the time each held its thread through a 50 ms-per-response proxy at
 * a cap of 24 (`EDFI_BENCH_TRACE=… npm run bench:latency`, then bench/latency-trace.ts): the long
 * chains of one check (paging's default-size walk 5.5 s, the partition walks 3.4 s, the
 * change-version bounds 2.8 s) and the files of many checks that need a share of the cap.
 */
export const LONGEST_FIRST: readonly string[] = [
  'specs/families/paging.spec.ts',
  'specs/families/authentication.spec.ts',
  'specs/sessions.validation.spec.ts',
  'specs/change-versions.spec.ts',
  'specs/families/partitions.spec.ts',
  'specs/families/tracked-changes.spec.ts',
  'specs/families/validation.spec.ts',
  'specs/families/authorization.spec.ts',
  'specs/families/filters.spec.ts',
  'specs/families/version-raise.spec.ts',
  'specs/families/key-changes.spec.ts',
  'specs/families/cursor.spec.ts',
  'specs/families/list-conditional.spec.ts',
  // The short files, longest first too (bench/latency-trace.ts, December 2026, two proxied runs on
  // a busy machine): the run ends with the files that hold a thread for about a second, not with
  // a two-second one (sessions.validation-accepted, then alphabetically last) started after them.
  'specs/families/conditional.spec.ts',
  'specs/families/snapshots.spec.ts',
  'specs/families/methods.spec.ts',
  'specs/families/etag.spec.ts',
  'specs/families/deletes.spec.ts',
  'specs/families/delete.spec.ts',
  'specs/families/read.spec.ts',
  'specs/families/update.spec.ts',
  'specs/families/create.spec.ts',
  'specs/courseOfferings.references.spec.ts',
  'specs/courseOfferings.key-change.spec.ts',
  'specs/sessions.validation-accepted.spec.ts',
  'specs/sessions.key-change.spec.ts',
  'specs/sessions.update.spec.ts',
  'specs/sessions.etag.spec.ts',
  // Unlisted, so after these by path: oauth.token, sessions.create (under a second each).
];

/** A file's place: its index in LONGEST_FIRST, else after all of them. */
export function rank(file: string): number {
  const i = LONGEST_FIRST.indexOf(file.split('\\').join('/'));
  return i === -1 ? LONGEST_FIRST.length : i;
}

/** Sorts by rank, then by path (the same order every run); sharding stays vitest's. */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const key = (f: TestSpecification): string => relative(root, f.moduleId);
    return [...files].sort((a, b) => rank(key(a)) - rank(key(b)) || key(a).localeCompare(key(b)));
  }
}
