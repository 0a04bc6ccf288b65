// The full suite runs once per `npm test`: test/src/cli/reference-host-runs.test.ts runs it against
// faithful reference hosts (main + both secondaries) with the kill matrix's seed, and, when
// test/run-all.ts names a file in EDFI_SHARED_FULL_RUN, records where its reports went. The kill
// matrix then reads the verdicts from that run's conformance.json as its faithful run instead of
// running the suite again. No file (the test was filtered out, or crashed first): the kill matrix
// runs its own faithful run, as `npx tsx test/self-test/main.ts` always does.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckOutcome, JobResult } from './types.js';

export const SHARED_FULL_RUN_ENV = 'EDFI_SHARED_FULL_RUN';
/** The seed of the kill matrix's runs (DEFAULT_SEED in kill-matrix.ts), so the shared run is the faithful run. */
export const SHARED_RUN_SEED = 20_261_122;

export interface SharedRun {
  exitCode: number;
  reportDir: string;
  durationMs: number;
}

export function writeSharedRun(file: string, run: SharedRun): void {
  writeFileSync(file, JSON.stringify(run));
}

interface MatrixFile {
  seed: number;
  requirements: Array<{ id: string; checks: Array<{ checkId: string; title: string; verdict: CheckOutcome['verdict']; reason?: string; blockedBy?: string }> }>;
}

/**
 * The shared run as the kill matrix's faithful JobResult, or undefined when there is none to read.
 * A run that did not exit 0 counts as a faithful run with a suite error, so it can never pass for
 * green: the verdicts alone would miss a failure that is not a check's (a crashed spec file).
 */
export function readSharedRun(file: string | undefined, jobId: string): JobResult | undefined {
  if (!file) return undefined;
  let run: SharedRun;
  let matrix: MatrixFile;
  try {
    run = JSON.parse(readFileSync(file, 'utf8')) as SharedRun;
    matrix = JSON.parse(readFileSync(join(run.reportDir, 'conformance.json'), 'utf8')) as MatrixFile;
  } catch {
    return undefined;
  }
  if (matrix.seed !== SHARED_RUN_SEED) return undefined;
  const checks: CheckOutcome[] = matrix.requirements.flatMap((r) =>
    r.checks.map((c) => ({ requirementId: r.id, title: c.title, verdict: c.verdict, checkId: c.checkId, message: c.reason, reason: c.reason, blockedBy: c.blockedBy, elicited: [] })),
  );
  return {
    jobId,
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    checks,
    suiteErrors: run.exitCode === 0 ? [] : [`the shared full run (test/src/cli/reference-host-runs.test.ts) exited ${run.exitCode}; its reports: ${run.reportDir}`],
  };
}
