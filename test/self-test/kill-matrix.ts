// The kill matrix: a faithful full run (must be all green), then one run per fault, each limited to
// the checks of the requirements the fault declares plus a small fixed sample, spread over a pool
// of worker processes. Every fault must be killed by a check of a requirement it declares.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { faults as allFaults } from '../../host/faults/catalogue.js';
import type { Fault } from '../../host/faults/types.js';
import { catalogue } from '../../src/requirements/catalogue/index.js';
import { caught, checkLabel, classifyFault, elicited500, grepFor, OPERATIONS, selectedRequirements, specFilesFor, unprovenChecks, type SpecSource } from './classify.js';
import type { FaultResult, JobResult, SelfTestSummary } from './types.js';
import { runJobs } from './pool.js';
import { SHARED_RUN_SEED } from './shared-run.js';
import type { Job } from './worker.js';

export interface KillMatrixOptions {
  /** Only these faults (default: the whole catalogue). */
  faultIds?: string[];
  /** Worker processes (default 2: the CI machine has 2 cores). */
  parallelism?: number;
  /** Payload seed shared by every run, so a kill can be replayed. */
  seed?: number;
  /** A run that takes longer is stopped and counted as timed out. */
  jobTimeoutMs?: number;
  /**
   * Fault runs per batch (one vitest instance, each run against its own main host; worker.ts):
   * default EDFI_SELF_TEST_BATCH, else DEFAULT_BATCH_SIZE; 1 runs every fault alone.
   */
  batchSize?: number;
  /** Skip the faithful full run (for iterating on a few faults). */
  skipFaithful?: boolean;
  /** A faithful full run already made (npm test shares the project tests' one, shared-run.ts): not run again. */
  faithful?: JobResult;
  log?: (line: string) => void;
}

export const DEFAULT_SEED = SHARED_RUN_SEED;
/**
 * Fault runs per batch by default. Measured over the whole catalogue (228 faults, 2 workers, load
 * ~14): alone 348 CPU-s; batches of 6: 136 CPU-s; of 8: 136 CPU-s too, with a longer tail and
 * 3.1 GB instead of 2.7 GB in the largest worker (each run of a batch holds a main host).
 */
export const DEFAULT_BATCH_SIZE = 6;
const FAITHFUL_JOB = 'faithful';
/** Requirements whose checks run against a secondary host (snapshot, change queries off), of any resource (SES-, CO-). */
const SECONDARY_TARGET_REQUIREMENT = /^[A-Z]+-(SNAP-ISOLATION|CQ-DISABLED-DELETES|CQ-DISABLED-KEYCHG)$/;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The spec files with the text that names their requirements: a family's spec file
 * (specs/families/<name>.spec.ts) cites no id itself, so its text is joined with the family it
 * runs (specs/families/<name>.ts), where the templated ids are.
 */
function readSpecs(): SpecSource[] {
  const read = (folder: string): SpecSource[] => {
    const dir = join(REPO_ROOT, folder);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.spec.ts'))
      .map((name) => {
        const family = join(dir, name.replace(/\.spec\.ts$/, '.ts'));
        const text = readFileSync(join(dir, name), 'utf8') + (existsSync(family) ? `\n${readFileSync(family, 'utf8')}` : '');
        return { path: `${folder}/${name}`, text };
      });
  };
  return [...read('specs'), ...read('specs/families')];
}

function faithfulSummary(run: JobResult | undefined): SelfTestSummary['faithful'] {
  if (!run) return { passed: true, checks: 0, failures: [], durationMs: 0, error: 'skipped' };
  const failures = run.checks.filter((c) => caught(c) || c.verdict === 'error').map((c) => `${checkLabel(c)}: ${c.verdict}${c.message ? ` (${c.message})` : ''}`);
  failures.push(...run.suiteErrors.map((e) => `suite error: ${e}`));
  const passed = run.error === undefined && failures.length === 0 && run.checks.length > 0;
  return { passed, checks: run.checks.length, failures, durationMs: run.durationMs, error: run.error ?? (run.checks.length === 0 ? 'no checks ran' : undefined) };
}

/**
 * Longest jobs first (the faithful run is queued before these), so the pool does not end with one
 * worker busy on a long run while the other idles. A job's weight is the number of checks its
 * spec files hold (data-driven files hold many), a cheap stand-in for its run time.
 */
function orderLongestFirst(jobs: Job[], specs: SpecSource[], previous: ReadonlyMap<string, number>): Job[] {
  const checksIn = new Map(specs.map((s) => [s.path, (s.text.match(/\bcheck\(/g) ?? []).length + (s.text.includes('.for(') || s.text.includes('Cases') ? 40 : 0)]));
  const guess = (job: Job): number => (job.specs ?? []).reduce((n, path) => n + (checksIn.get(path) ?? 0), 0);
  // The last report's run times, when there is one, beat the guess (a check that waits for a
  // token to expire is short in checks but long in seconds).
  const weight = (job: Job): number => previous.get(job.jobId) ?? guess(job) * 50;
  return [...jobs].sort((a, b) => weight(b) - weight(a));
}

/**
 * Groups the fault runs that can share one vitest instance into batch jobs of up to `size`
 * (worker.ts runBatch): a fault run's fixed cost (a new vitest, a new spec thread importing the
 * harness) is most of a small run's CPU, and a batch pays it once. A run whose fault is also on the
 * secondary hosts runs alone (the batch's runs share the faithful secondaries), as does any job
 * with host options, several faults or an audit. Batches keep the longest-first order: a batch
 * takes the place of its first (longest) member, and its time limit grows with its size, since its
 * runs share one thread.
 */
export function batchJobs(jobs: Job[], size: number): Job[] {
  if (size <= 1) return jobs;
  const batchable = (job: Job): boolean => job.faultId !== undefined && !job.faultOnSecondaries && !job.faults?.length && !job.hostOptions && !job.audit;
  const out: Job[] = [];
  let open: Job[] | undefined;
  for (const job of jobs) {
    if (!batchable(job)) {
      out.push(job);
      continue;
    }
    if (!open) {
      open = [];
      out.push({ jobId: '', seed: job.seed, members: open });
    }
    open.push(job);
    if (open.length === size) open = undefined;
  }
  return out.map((job) => {
    const members = job.members;
    if (!members) return job;
    if (members.length === 1) return members[0]!;
    const limit = Math.max(...members.map((m) => m.timeoutMs ?? 120_000));
    return { ...job, jobId: `batch:${members.map((m) => m.jobId).join(',')}`, timeoutMs: Math.round(limit * Math.max(1, members.length / 2)) };
  });
}

/** Run time per fault from the previous kill-matrix.json, if one was written. */
function previousDurations(): Map<string, number> {
  try {
    const last = JSON.parse(readFileSync(join(REPO_ROOT, 'reports', 'self-test', 'kill-matrix.json'), 'utf8')) as { results?: Array<{ faultId: string; durationMs: number }> };
    return new Map((last.results ?? []).map((r) => [r.faultId, r.durationMs]));
  } catch {
    return new Map();
  }
}

/** A matrix to run on the worker pool: its jobs, a line per finished job, and the summary of its runs. */
export interface MatrixPlan<Summary> {
  jobs: Job[];
  onResult(run: JobResult): void;
  summarize(runs: JobResult[]): Summary;
}

/** The kill matrix's jobs and how its runs are judged (runKillMatrix runs them; npm test shares a pool). */
export function planKillMatrix(options: KillMatrixOptions = {}): MatrixPlan<SelfTestSummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const known = new Set(catalogue.map((r) => r.id));
  const selected: Fault[] = options.faultIds ? allFaults.filter((f) => options.faultIds!.includes(f.id)) : allFaults;
  const seed = options.seed ?? DEFAULT_SEED;
  const specs = readSpecs();
  const timeoutMs = options.jobTimeoutMs ?? 120_000;

  const batchSize = options.batchSize ?? (Number(process.env.EDFI_SELF_TEST_BATCH) || DEFAULT_BATCH_SIZE);
  const faultJobs: Job[] = selected.map((f) => {
    const ids = selectedRequirements(f, known);
    const faultOnSecondaries = f.violates.some((id) => SECONDARY_TARGET_REQUIREMENT.test(id));
    // One spec thread: a fault run holds a few checks, and a thread's start (importing the
    // harness) costs more CPU than they do; the pool runs several runs side by side instead.
    return { jobId: f.id, faultId: f.id, grep: grepFor(ids), specs: specFilesFor(ids, specs), seed, faultOnSecondaries, workers: 1, timeoutMs };
  });
  const jobs: Job[] = [
    ...(options.skipFaithful || options.faithful ? [] : [{ jobId: FAITHFUL_JOB, seed, timeoutMs }]),
    ...batchJobs(orderLongestFirst(faultJobs, specs, previousDurations()), batchSize),
  ];
  const runsPlanned = jobs.reduce((n, job) => n + (job.members?.length ?? 1), 0);
  let done = 0;
  const onResult = (r: JobResult): void => {
    done += 1;
    const verdict = r.faultId === undefined ? faithfulSummary(r).passed ? 'all green' : 'NOT GREEN' : classifyFault(selected.find((f) => f.id === r.faultId)!, r).status;
    log(`  [${done}/${runsPlanned}] ${r.faultId ?? 'faithful host'}: ${verdict} (${r.checks.length} checks, ${(r.durationMs / 1000).toFixed(1)} s, host start ${((r.hostStartMs ?? 0) / 1000).toFixed(1)} s${r.cpuMs !== undefined ? `, CPU ${(r.cpuMs / 1000).toFixed(1)} s` : ''})`);
  };

  const summarize = (ownRuns: JobResult[]): SelfTestSummary => {
    const runs = [...ownRuns];
    if (options.faithful) {
      runs.push({ ...options.faithful, jobId: FAITHFUL_JOB, faultId: undefined });
      log(`  faithful host: ${faithfulSummary(options.faithful).passed ? 'all green' : 'NOT GREEN'} (${options.faithful.checks.length} checks, shared with the project tests' full run)`);
    }
    const byId = new Map(runs.map((r) => [r.jobId, r]));
    const faithfulRun = byId.get(FAITHFUL_JOB);
    const results: FaultResult[] = selected.map((f) => classifyFault(f, byId.get(f.id)!));
    const killed = results.filter((r) => r.status === 'killed').length;
    const faithful = faithfulSummary(faithfulRun);
    const survivors = results.filter((r) => r.status !== 'killed');
    const operations = elicited500(runs.filter((r) => r.faultId !== undefined));
    return {
      faithful,
      results,
      killed,
      total: results.length,
      score: results.length === 0 ? 1 : killed / results.length,
      survivors,
      unproven: faithfulRun ? unprovenChecks(faithfulRun.checks, results) : [],
      elicited500: { operations, of: OPERATIONS.length },
      wallMs: Math.round(performance.now() - started),
      passed: faithful.passed && survivors.length === 0,
    };
  };
  return { jobs, onResult, summarize };
}

export async function runKillMatrix(options: KillMatrixOptions = {}): Promise<SelfTestSummary> {
  const plan = planKillMatrix(options);
  const parallelism = options.parallelism ?? (Number(process.env.EDFI_SELF_TEST_PARALLELISM) || 2);
  const runs = await runJobs(plan.jobs, parallelism, options.jobTimeoutMs ?? 120_000, (r) => plan.onResult(r));
  return plan.summarize(runs);
}
