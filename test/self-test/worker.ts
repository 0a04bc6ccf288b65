// A self-test worker: a child process that runs conformance runs one at a time against reference
// hosts (faithful, with one fault, or with a persona's faults). The parent sends jobs over IPC and
// gets one JobResult per job. Single-fault jobs reuse one main host and the shared secondaries,
// switching their faults (host.setFaults) instead of opening and seeding a database per run; a host
// that does not hold exactly what it held at its start after a run (a leftover, a fault that wrote
// something odd) is replaced, so no run sees another's data. Runs are sequential here so a persona
// run's console output is its own (the audit reads it) and fault state kept in modules is not
// shared; parallelism comes from running several workers. A persona job is also audited: what
// the run left on the hosts, and whether any output holds a piece of a token the hosts issued.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformanceBatch } from '../../src/cli/batch.js';
import { runConformance, type RunOutcome } from '../../src/cli/run.js';
import { renderSummary } from '../../src/cli/summary.js';
import type { Settings } from '../../src/config/settings.js';
import type { SweepPolicy } from '../../src/fixtures/ledger.js';
import { findTokenFragments } from './token-fragments.js';
import type { CheckOutcome, JobResult, RunAudit } from './types.js';

export interface Job {
  /** This job's time limit (default: the pool's). */
  timeoutMs?: number;
  jobId: string;
  faultId?: string;
  /** Several faults on the main host at once (a persona); secondary hosts stay faithful. */
  faults?: string[];
  /** Main-host settings besides faults (a persona with change queries switched off). */
  hostOptions?: { changeQueries?: boolean };
  /** Count leftovers and search every output for token fragments (persona runs). */
  audit?: boolean;
  /** vitest test-name pattern; undefined = every check. */
  grep?: string;
  /** Spec files to load (repo-relative); undefined = all. */
  specs?: string[];
  /** Start the secondary hosts (snapshot, change queries off) with the fault too, for faults
   * whose declared checks run against them. Otherwise the shared faithful ones are used. */
  faultOnSecondaries?: boolean;
  seed: number;
  /** Spec worker threads for the run (default: the runner's, from maxConcurrency). */
  workers?: number;
  /**
   * A batch: these single-fault jobs (each reusing a main host) run as ONE vitest instance, each
   * against its own main host (runConformanceBatch); the job answers one JobResult per member.
   */
  members?: Job[];
}

export type ToWorker = { type: 'job'; job: Job } | { type: 'stop' };
export type FromWorker = { type: 'ready' } | { type: 'result'; jobId: string; results: JobResult[] } | { type: 'fatal'; error: string };

interface StoredItem {
  id: string;
  name: string;
}
interface Host {
  baseUrl: string;
  clients: Record<'full' | 'readOnly' | 'noSessionsClaim' | 'otherSchool' | 'shortLived', { key: string; secret: string }>;
  stop(): Promise<void>;
  setFaults(ids: readonly string[]): void;
  inspect: { issuedTokens(): readonly string[]; storedItems(): Promise<{ sessions: StoredItem[]; courseOfferings: StoredItem[]; sections: StoredItem[] }> };
}
type StartHost = (opts: { port?: number; hostname?: string; fault?: string; faults?: string[]; snapshot?: boolean; changeQueries?: boolean; quiet?: boolean }) => Promise<Host>;
type Secondaries = { snapshot: Host; changeQueriesDisabled: Host };

let startHost: StartHost;

/**
 * The final sweep for kill-matrix runs: the reference host is local and answers a DELETE at once, so
 * the patience meant for remote, eventually consistent hosts (~10 s for an item that stays readable)
 * only slows a fault run down; leftovers do not decide a kill. Persona runs keep the runner's patient
 * sweep, because their leftovers are judged.
 */
const LOCAL_HOST_SWEEP: SweepPolicy = { deleteRounds: 2, looks: 2, lookDelaysMs: [100], roundDelaysMs: [100], sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

async function loadHost(): Promise<void> {
  // Held in a variable so this file type-checks while host/index.ts is being written.
  const specifier = '../../host/index.js';
  startHost = ((await import(specifier)) as { startHost: StartHost }).startHost;
}

const send = (message: FromWorker): void => {
  process.send?.(message);
};

/** Secondary hosts (snapshot, change queries off) are faithful and shared by every job here. */
let secondaries: Secondaries | undefined;

/** Main hosts single-fault jobs reuse (a batch takes several at once), with what each stored when it started. */
interface Reusable {
  host: Host;
  baseline: string;
}
const idle: Reusable[] = [];
/** What the shared secondaries stored when they started. */
let secondariesBaseline: string | undefined;

/** The stored items of these hosts, as one comparable string. */
async function contents(hosts: Host[]): Promise<string> {
  return JSON.stringify(await Promise.all(hosts.map((h) => h.inspect.storedItems())));
}

/** A job that may run on the shared hosts: one fault (or none), no host options, no audit. */
const reuses = (job: Job): boolean => !job.faults?.length && !job.hostOptions && !job.audit;

/** An idle reusable main host, or a new one; switched to the job's fault. */
async function takeReusable(job: Job): Promise<Reusable> {
  let reusable = idle.pop();
  if (!reusable) {
    const host = await startHost({ port: 0, hostname: '127.0.0.1', quiet: true });
    reusable = { host, baseline: await contents([host]) };
  }
  reusable.host.setFaults(job.faultId ? [job.faultId] : []);
  return reusable;
}

/** Back to faithful, and idle again only if it holds exactly what it held at its start (else stopped). */
async function giveBack(reusable: Reusable, clean: boolean): Promise<void> {
  reusable.host.setFaults([]);
  if (clean && (await contents([reusable.host]).catch(() => '')) === reusable.baseline) idle.push(reusable);
  else await reusable.host.stop().catch(() => undefined);
}

/** After a job with its fault on the shared secondaries: back to faithful, replaced unless clean. */
async function releaseSecondaries(clean: boolean): Promise<void> {
  if (!secondaries) return;
  const both = [secondaries.snapshot, secondaries.changeQueriesDisabled];
  for (const h of both) h.setFaults([]);
  if (!clean || (await contents(both).catch(() => '')) !== secondariesBaseline) {
    const stale = secondaries;
    secondaries = undefined;
    await Promise.allSettled([stale.snapshot.stop(), stale.changeQueriesDisabled.stop()]);
    const fresh = await startSecondaries();
    secondariesBaseline = await contents([fresh.snapshot, fresh.changeQueriesDisabled]);
    secondaries = fresh;
  }
}

async function startSecondaries(fault?: string): Promise<Secondaries> {
  const [snapshot, changeQueriesDisabled] = await Promise.all([
    startHost({ port: 0, hostname: '127.0.0.1', snapshot: true, fault, quiet: true }),
    startHost({ port: 0, hostname: '127.0.0.1', changeQueries: false, fault, quiet: true }),
  ]);
  return { snapshot, changeQueriesDisabled };
}

function settingsFor(host: Host, job: Job, reportDir: string, secondary: Secondaries | undefined): Settings {
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

/** Everything the worker writes while a persona run goes on (the run's console output). */
function captureOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tee = (original: typeof process.stdout.write) =>
    ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = tee(originals.out);
  process.stderr.write = tee(originals.err);
  return {
    text: () => chunks.join(''),
    stop: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

type Inventory = Map<string, string>;

/** Every session, course offering and section on the hosts, keyed "host kind id" → a readable label. */
async function inventory(hosts: Record<string, Host>): Promise<Inventory> {
  const items: Inventory = new Map();
  for (const [name, host] of Object.entries(hosts)) {
    const stored = await host.inspect.storedItems();
    for (const s of stored.sessions) items.set(`${name} session ${s.id}`, `${name} host: session '${s.name}' (${s.id})`);
    for (const o of stored.courseOfferings) items.set(`${name} offering ${o.id}`, `${name} host: course offering '${o.name}' (${o.id})`);
    for (const s of stored.sections) items.set(`${name} section ${s.id}`, `${name} host: section '${s.name}' (${s.id})`);
  }
  return items;
}

async function audit(hosts: Record<string, Host>, before: Inventory, outcome: RunOutcome | undefined, reportDir: string, console: string): Promise<RunAudit> {
  const after = await inventory(hosts);
  const leftovers = [...after].filter(([key]) => !before.has(key)).map(([, label]) => label);
  const tokens = Object.values(hosts).flatMap((h) => h.inspect.issuedTokens());
  const texts: Record<string, string> = { 'console output': console };
  if (outcome) texts['summary (renderSummary)'] = renderSummary(outcome, reportDir);
  const { hits, searched } = findTokenFragments(tokens, reportDir, texts);
  return { leftovers, tokenFragments: hits, tokensIssued: tokens.length, placesSearched: searched };
}

const checkOutcome = (c: RunOutcome['checks'][number]): CheckOutcome => ({
  requirementId: c.requirementId,
  title: c.title,
  verdict: c.verdict,
  checkId: c.checkId,
  message: shorten(c.errors[0] ?? c.reason),
  reason: shorten(c.reason, 300),
  blockedBy: c.blockedBy,
  // Set by the harness for capability, role and profile skips; a spec's own t.skip may omit it,
  // and then the persona matrix reads the capability from the reason (persona-classify.ts).
  skippedFor: c.skippedFor,
  elicited: c.elicited,
});

async function runJob(job: Job): Promise<JobResult> {
  const started = performance.now();
  const reportDir = mkdtempSync(join(tmpdir(), `self-test-${job.jobId.replace(/[^A-Za-z0-9-]/g, '_')}-`));
  let host: Host | undefined;
  let reusable: Reusable | undefined;
  let ownSecondaries: Secondaries | undefined;
  let shared = false;
  let clean = false;
  let output: ReturnType<typeof captureOutput> | undefined;
  const base = { jobId: job.jobId, faultId: job.faultId, grep: job.grep };
  try {
    shared = reuses(job);
    if (!secondaries) {
      // Lost when a replacement failed to start after an earlier job: every run needs them.
      secondaries = await startSecondaries();
      secondariesBaseline = await contents([secondaries.snapshot, secondaries.changeQueriesDisabled]);
    }
    if (shared) {
      reusable = await takeReusable(job);
      host = reusable.host;
    } else {
      host = await startHost({ port: 0, hostname: '127.0.0.1', fault: job.faultId, faults: job.faults, changeQueries: job.hostOptions?.changeQueries, quiet: true });
    }
    if (job.faultOnSecondaries) {
      if (shared && secondaries) for (const h of [secondaries.snapshot, secondaries.changeQueriesDisabled]) h.setFaults(job.faultId ? [job.faultId] : []);
      else ownSecondaries = await startSecondaries(job.faultId);
    }
    const usedSecondaries = ownSecondaries ?? secondaries;
    const hostStartMs = Math.round(performance.now() - started);
    const audited: Record<string, Host> = { main: host, ...(usedSecondaries ?? {}) };
    const before = job.audit ? await inventory(audited) : undefined;
    if (job.audit) output = captureOutput();
    let outcome: RunOutcome | undefined;
    let runError: string | undefined;
    try {
      outcome = await runConformance({
        settings: settingsFor(host, job, reportDir, usedSecondaries),
        specs: job.specs,
        workers: job.workers,
        sweepPolicy: job.audit ? undefined : LOCAL_HOST_SWEEP,
        // moduleCacheDir comes from EDFI_MODULE_CACHE_DIR, which the pool sets (pool.ts).
      });
    } catch (error) {
      // A run that cannot be made (exit 2) still leaves a report directory to audit.
      runError = shorten((error as Error).message);
    } finally {
      output?.stop();
    }
    const result: JobResult = {
      ...base,
      exitCode: outcome?.exitCode ?? 2,
      durationMs: Math.round(performance.now() - started),
      hostStartMs,
      checks: (outcome?.checks ?? []).map(checkOutcome),
      suiteErrors: (outcome?.suiteErrors ?? []).map((e) => shorten(e) ?? ''),
      ...(runError !== undefined ? { error: runError } : {}),
    };
    if (before) result.audit = await audit(audited, before, outcome, reportDir, output?.text() ?? '');
    clean = outcome !== undefined && runError === undefined;
    return result;
  } catch (error) {
    output?.stop();
    return { ...base, durationMs: Math.round(performance.now() - started), checks: [], suiteErrors: [], error: shorten((error as Error).message) };
  } finally {
    // A host that cannot be checked or replaced must not lose this job's result: the next job
    // starts what it needs.
    if (reusable) await giveBack(reusable, clean).catch(() => undefined);
    else await Promise.allSettled([host?.stop()]);
    if (shared && job.faultOnSecondaries) await releaseSecondaries(clean).catch(() => undefined);
    await Promise.allSettled([ownSecondaries?.snapshot.stop(), ownSecondaries?.changeQueriesDisabled.stop()]);
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/**
 * Single-fault jobs as one batch: each member gets its own reusable main host with its fault, all
 * share the faithful secondaries, and their runs go through ONE vitest instance
 * (runConformanceBatch), which spares each run the harness's import in a fresh spec thread. Each
 * host is checked and given back as after a job of its own.
 */
async function runBatch(members: Job[]): Promise<JobResult[]> {
  const started = performance.now();
  const reportDirs = members.map((job) => mkdtempSync(join(tmpdir(), `self-test-${job.jobId.replace(/[^A-Za-z0-9-]/g, '_')}-`)));
  const taken: Reusable[] = [];
  const clean = members.map(() => false);
  const base = (job: Job) => ({ jobId: job.jobId, faultId: job.faultId, grep: job.grep });
  try {
    if (!secondaries) {
      secondaries = await startSecondaries();
      secondariesBaseline = await contents([secondaries.snapshot, secondaries.changeQueriesDisabled]);
    }
    // One after the other: the idle list is shared, and a new host's start is CPU-bound anyway.
    for (const job of members) taken.push(await takeReusable(job));
    const hostStartMs = Math.round(performance.now() - started);
    const results = await runConformanceBatch(
      members.map((job, i) => ({ settings: settingsFor(taken[i]!.host, job, reportDirs[i]!, secondaries), specs: job.specs })),
      { workers: Math.min(...members.map((job) => job.workers ?? 1)), sweepPolicy: LOCAL_HOST_SWEEP },
    );
    return members.map((job, i): JobResult => {
      const r = results[i]!;
      const outcome = 'outcome' in r ? r.outcome : undefined;
      clean[i] = outcome !== undefined;
      return {
        ...base(job),
        exitCode: outcome?.exitCode ?? 2,
        durationMs: Math.round(performance.now() - started),
        hostStartMs,
        checks: (outcome?.checks ?? []).map(checkOutcome),
        suiteErrors: (outcome?.suiteErrors ?? []).map((e) => shorten(e) ?? ''),
        ...('error' in r ? { error: shorten(r.error.message) } : {}),
      };
    });
  } catch (error) {
    return members.map((job) => ({ ...base(job), durationMs: Math.round(performance.now() - started), checks: [], suiteErrors: [], error: shorten((error as Error).message) }));
  } finally {
    await Promise.allSettled(taken.map((r, i) => giveBack(r, clean[i]!)));
    for (const dir of reportDirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  try {
    await loadHost();
    secondaries = await startSecondaries();
    secondariesBaseline = await contents([secondaries.snapshot, secondaries.changeQueriesDisabled]);
  } catch (error) {
    send({ type: 'fatal', error: `secondary hosts did not start: ${(error as Error).message}` });
    process.exit(1);
  }
  process.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      void Promise.allSettled([...idle.map((r) => r.host.stop()), secondaries?.snapshot.stop(), secondaries?.changeQueriesDisabled.stop()]).then(() => process.exit(0));
      return;
    }
    const { job } = message;
    // The worker runs one job at a time, so its CPU time over the job is the job's.
    const cpuBefore = process.cpuUsage();
    void (job.members ? runBatch(job.members) : runJob(job).then((r) => [r])).then((results) => {
      const used = process.cpuUsage(cpuBefore);
      const cpuMs = Math.round((used.user + used.system) / 1000 / results.length);
      send({ type: 'result', jobId: job.jobId, results: results.map((r) => ({ ...r, cpuMs })) });
    });
  });
  send({ type: 'ready' });
}

void main();
