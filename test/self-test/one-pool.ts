// The kill matrix and the persona matrix on ONE worker pool (npm test). Run one after the other,
// each stage ends with a tail where one worker finishes a long run while the other idles, and
// each stage's workers start their secondary hosts again; sharing the pool removes both. The
// persona runs (full suites, the longest jobs) go first, then the kill matrix's jobs in their own
// longest-first order, so the pool ends on short fault runs.
import { planKillMatrix, type KillMatrixOptions } from './kill-matrix.js';
import { isPersonaJob, planPersonaMatrix, type PersonaMatrixOptions, type PersonaMatrixSummary } from './persona-matrix.js';
import { runJobs } from './pool.js';
import type { SelfTestSummary } from './types.js';

export interface BothMatrices {
  kill: SelfTestSummary;
  personas: PersonaMatrixSummary;
  wallMs: number;
}

export async function runBothMatrices(kill: KillMatrixOptions, personas: PersonaMatrixOptions, parallelism = Number(process.env.EDFI_SELF_TEST_PARALLELISM) || 2): Promise<BothMatrices> {
  const started = performance.now();
  const killPlan = planKillMatrix(kill);
  const personaPlan = planPersonaMatrix(personas);
  const jobs = [...personaPlan.jobs, ...killPlan.jobs];
  const runs = await runJobs(jobs, parallelism, 120_000, (r) => (isPersonaJob(r.jobId) ? personaPlan : killPlan).onResult(r));
  return {
    kill: killPlan.summarize(runs.filter((r) => !isPersonaJob(r.jobId))),
    personas: personaPlan.summarize(runs.filter((r) => isPersonaJob(r.jobId))),
    wallMs: Math.round(performance.now() - started),
  };
}
