// A kill-matrix worker: a child process that runs conformance runs one at a time, each against a
// freshly started reference host (faithful or with one fault). The parent sends jobs over IPC and
// gets one JobResult per job. Runs are sequential here because runConformance drives vitest
// in-process and uses process-wide state (the run context in the environment); parallelism
// comes from running two workers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../../src/cli/run.js';
import type { Settings } from '../../src/config/settings.js';
import type { CheckOutcome, JobResult } from './types.js';

export interface Job {
  jobId: string;
  faultId?: string;
  /** vitest test-name pattern; undefined = every check. */
  grep?: string;
  /** Spec files to load (repo-relative); undefined = all. */
  specs?: string[];
  /** Start the secondary hosts (snapshot, change queries off) with the fault too, for faults
   * whose declared checks run against them. Otherwise the shared faithful ones are used. */
  faultOnSecondaries?: boolean;
  seed: number;
}

export type ToWorker = { type: 'job'; job: Job } | { type: 'stop' };
export type FromWorker = { type: 'ready' } | { type: 'result'; result: JobResult } | { type: 'fatal'; error: string };

interface Host {
  baseUrl: string;
  clients: Record<'full' | 'readOnly' | 'noSessionsClaim' | 'otherSchool' | 'shortLived', { key: string; secret: string }>;
  stop(): Promise<void>;
}
type StartHost = (opts: { port?: number; hostname?: string; fault?: string; snapshot?: boolean; changeQueries?: boolean; quiet?: boolean }) => Promise<Host>;

let startHost: StartHost;

async function loadHost(): Promise<void> {
  // Held in a variable so this file type-checks while host/index.ts is being written.
  const specifier = '../../host/index.js';
  startHost = ((await import(specifier)) as { startHost: StartHost }).startHost;
}

const send = (message: FromWorker): void => {
  process.send?.(message);
};

/** Secondary hosts (snapshot, change queries off) are faithful and shared by every job here. */
let secondaries: { snapshot: Host; changeQueriesDisabled: Host } | undefined;

async function startSecondaries(fault?: string): Promise<{ snapshot: Host; changeQueriesDisabled: Host }> {
  const [snapshot, changeQueriesDisabled] = await Promise.all([
    startHost({ port: 0, hostname: '127.0.0.1', snapshot: true, fault, quiet: true }),
    startHost({ port: 0, hostname: '127.0.0.1', changeQueries: false, fault, quiet: true }),
  ]);
  return { snapshot, changeQueriesDisabled };
}

function settingsFor(host: Host, job: Job, reportDir: string, secondary: { snapshot: Host; changeQueriesDisabled: Host } | undefined): Settings {
  const c = host.clients;
  return {
    baseUrl: host.baseUrl,
    key: c.full.key,
    secret: c.full.secret,
    profile: 'ods-7.3',
    seed: job.seed,
    grep: job.grep,
    readOnly: false,
    reportDir,
    timeoutMs: 10_000,
    maxConcurrency: 8,
    html: false,
    roles: {
      readOnly: c.readOnly,
      noSessionsClaim: c.noSessionsClaim,
      otherSchool: c.otherSchool,
      shortLived: c.shortLived,
    },
    snapshotBaseUrl: secondary?.snapshot.baseUrl,
    changeQueriesDisabledBaseUrl: secondary?.changeQueriesDisabled.baseUrl,
    secondaryCredentials: {
      snapshot: secondary?.snapshot.clients.full,
      changeQueriesDisabled: secondary?.changeQueriesDisabled.clients.full,
    },
  };
}

const shorten = (text: string | undefined, max = 400): string | undefined =>
  text === undefined ? undefined : text.length > max ? `${text.slice(0, max)}…` : text;

async function runJob(job: Job): Promise<JobResult> {
  const started = performance.now();
  const reportDir = mkdtempSync(join(tmpdir(), `kill-matrix-${job.faultId ?? 'faithful'}-`));
  let host: Host | undefined;
  let ownSecondaries: { snapshot: Host; changeQueriesDisabled: Host } | undefined;
  try {
    host = await startHost({ port: 0, hostname: '127.0.0.1', fault: job.faultId, quiet: true });
    if (job.faultOnSecondaries) ownSecondaries = await startSecondaries(job.faultId);
    const hostStartMs = Math.round(performance.now() - started);
    const outcome = await runConformance({ settings: settingsFor(host, job, reportDir, ownSecondaries ?? secondaries), specs: job.specs });
    const checks: CheckOutcome[] = outcome.checks.map((c) => ({
      requirementId: c.requirementId,
      title: c.title,
      verdict: c.verdict,
      message: shorten(c.errors[0] ?? c.reason),
      elicited: c.elicited,
    }));
    return { jobId: job.jobId, faultId: job.faultId, grep: job.grep, exitCode: outcome.exitCode, durationMs: Math.round(performance.now() - started), hostStartMs, checks, suiteErrors: outcome.suiteErrors.map((e) => shorten(e) ?? '') };
  } catch (error) {
    return { jobId: job.jobId, faultId: job.faultId, grep: job.grep, durationMs: Math.round(performance.now() - started), checks: [], suiteErrors: [], error: shorten((error as Error).message) };
  } finally {
    await Promise.allSettled([host?.stop(), ownSecondaries?.snapshot.stop(), ownSecondaries?.changeQueriesDisabled.stop()]);
    rmSync(reportDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  try {
    await loadHost();
    secondaries = await startSecondaries();
  } catch (error) {
    send({ type: 'fatal', error: `secondary hosts did not start: ${(error as Error).message}` });
    process.exit(1);
  }
  process.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      void Promise.allSettled([secondaries?.snapshot.stop(), secondaries?.changeQueriesDisabled.stop()]).then(() => process.exit(0));
      return;
    }
    void runJob(message.job).then((result) => send({ type: 'result', result }));
  });
  send({ type: 'ready' });
}

void main();
