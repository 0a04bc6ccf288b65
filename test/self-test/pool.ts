// The worker pool the kill matrix and the persona matrix share: jobs spread over `parallelism`
// worker processes (worker.ts), each running its jobs one after another; a job that outlives its
// timeout is counted as timed out and its worker replaced; a worker that dies fails its job.
// A batch job (Job.members) answers for each of its members, and fails or times out for each.
// The workers share one module cache directory (moduleCacheDir below).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_CACHE_ENV } from '../../src/cli/run.js';
import type { JobResult } from './types.js';
import type { FromWorker, Job, ToWorker } from './worker.js';

const WORKER_PATH = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Where the workers keep vitest's transformed modules (runConformance's moduleCacheDir, which it
 * reads from MODULE_CACHE_ENV). Every run starts a new vitest; with the cache, only the first
 * runs transform the harness and the specs, and the others read them back (about a third of a
 * small fault run's CPU). npm test's directory when it gave one (its project tests filled it),
 * else one for this pool, removed when the pool is done.
 */
function moduleCacheDir(): { dir: string; remove(): void } {
  const given = process.env[MODULE_CACHE_ENV];
  if (given) return { dir: given, remove: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'self-test-modules-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The jobs a job answers for: its members when it is a batch, else itself. */
export const membersOf = (job: Job): Job[] => job.members ?? [job];

/** A worker process, its stdout/stderr tail (for diagnostics), and the job it is running. */
interface WorkerSlot {
  child: ChildProcess;
  tail: string[];
  job?: Job;
  timer?: NodeJS.Timeout;
}

function keepTail(slot: WorkerSlot, chunk: Buffer): void {
  slot.tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  if (slot.tail.length > 40) slot.tail.splice(0, slot.tail.length - 40);
}

/** Runs the jobs on `parallelism` workers; resolves with one JobResult per job (per member of a batch job). */
export async function runJobs(jobs: Job[], parallelism: number, jobTimeoutMs: number, onResult: (r: JobResult) => void): Promise<JobResult[]> {
  const queue = [...jobs];
  const expected = jobs.reduce((n, job) => n + membersOf(job).length, 0);
  const results: JobResult[] = [];
  let live = 0;
  const moduleCache = moduleCacheDir();

  return new Promise((resolveAll) => {
    const finishIfDone = (): void => {
      if (results.length === expected && live === 0) {
        moduleCache.remove();
        resolveAll(results);
      }
    };
    const record = (result: JobResult): void => {
      results.push(result);
      onResult(result);
    };
    /** The same failure for every job a job answers for. */
    const fail = (job: Job, failure: Pick<JobResult, 'durationMs' | 'error' | 'timedOut'>): void => {
      for (const m of membersOf(job)) record({ jobId: m.jobId, faultId: m.faultId, grep: m.grep, checks: [], suiteErrors: [], ...failure });
    };
    const next = (slot: WorkerSlot): void => {
      const job = queue.shift();
      if (!job) {
        slot.job = undefined;
        slot.child.send({ type: 'stop' } satisfies ToWorker);
        return;
      }
      slot.job = job;
      // A job may bring its own limit (a persona's full run beside the kill matrix's short runs).
      const limitMs = job.timeoutMs ?? jobTimeoutMs;
      slot.timer = setTimeout(() => {
        fail(job, { durationMs: limitMs, timedOut: true, error: `no result within ${limitMs} ms` });
        slot.job = undefined;
        slot.child.kill('SIGKILL');
      }, limitMs);
      slot.child.send({ type: 'job', job } satisfies ToWorker);
    };
    const spawnWorker = (): void => {
      live += 1;
      const child = fork(WORKER_PATH, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, [MODULE_CACHE_ENV]: moduleCache.dir } });
      const slot: WorkerSlot = { child, tail: [] };
      child.stdout?.on('data', (chunk: Buffer) => keepTail(slot, chunk));
      child.stderr?.on('data', (chunk: Buffer) => keepTail(slot, chunk));
      child.on('message', (message: FromWorker) => {
        if (message.type === 'ready') next(slot);
        else if (message.type === 'result') {
          clearTimeout(slot.timer);
          if (slot.job?.jobId === message.jobId) for (const r of message.results) record(r);
          next(slot);
        } else if (message.type === 'fatal') {
          // The worker cannot run anything: fail its queue share rather than hang.
          for (const job of queue.splice(0)) fail(job, { durationMs: 0, error: message.error });
        }
      });
      child.on('exit', (code) => {
        clearTimeout(slot.timer);
        live -= 1;
        const lost = slot.job;
        if (lost) {
          const why = `worker exited (code ${code}) during the run; last output: ${slot.tail.slice(-5).join(' | ')}`;
          fail(lost, { durationMs: 0, error: why });
        }
        if (queue.length > 0) spawnWorker();
        finishIfDone();
      });
    };
    for (let i = 0; i < Math.min(parallelism, Math.max(1, jobs.length)); i += 1) spawnWorker();
  });
}
