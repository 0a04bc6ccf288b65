// runConformance(): one whole run, programmatically (the CLI, the project's tests and the kill
// matrix all use it). Settings → (embedded hosts) → probe → vitest over specs/ → ledger sweep →
// reports → RunOutcome. Expected failures to run at all are thrown as HarnessErrors (exit 2).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type ConfigInput } from '../config/load-config.js';
import type { Settings } from '../config/settings.js';
import { RunNotPossibleError } from '../errors.js';
import { registerSecret } from '../report/redact.js';
import { RESULTS_FILE, type CheckResult, type CollectedResults } from '../report/results.js';
import { RUN_CONTEXT_KEY, type Credentials, type RunContext } from '../runtime/run-context.js';
import { CATEGORIES, environmentInfo } from '../report/allure-setup.js';
import ProgressReporter from './progress-reporter.js';
import ConformanceAllureReporter from '../report/allure-reporter.js';
import ResultsCollector from './results-collector.js';
import { makeRunTag, randomSeed } from '../runtime/seed.js';
import { hostPermits } from '../runtime/permits.js';
import { hostInterrupt } from '../runtime/interrupt.js';
import { probeTarget, type ProbeResult } from '../target/probe.js';
import { ProbeLog } from '../target/probe-log.js';
import { writeProbeReport } from '../target/probe-report.js';
import { startEmbeddedHosts, type EmbeddedHosts } from './embedded-host.js';
import type { Leftover, SweepPolicy } from '../fixtures/ledger.js';
import { sweepLedger, type FinalSweep } from './sweep.js';
import { beginHtmlReport, writeReports, type ReportPaths } from './reports.js';
import { startAllureBuilder, type AllureBuilder } from '../report/html.js';
import { evaluateBaseline, loadBaseline, type BaselineOutcome } from '../ci/baseline.js';
import { checkBundleTarget, writeBundle } from '../ci/bundle.js';
import { runFailed } from '../ci/verdict.js';
import { excludedSpecGlobs, resolveResources } from '../runtime/resource-selection.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The environment variable that gives runs a module cache directory (RunOptions.moduleCacheDir). */
export const MODULE_CACHE_ENV = 'EDFI_MODULE_CACHE_DIR';

export interface RunOptions extends ConfigInput {
  /** Already-resolved settings (skips loadConfig). */
  settings?: Settings;
  /** Replace the spec globs (tests run fixture specs with it; default EDFI_CONFORMANCE_SPECS, comma-separated, else specs/). */
  specs?: string[];
  /** How patiently the final sweep confirms deletions (default PATIENT; the self-test, whose host is local, passes a brisker one). */
  sweepPolicy?: SweepPolicy;
  /**
   * Spec worker threads, at most workerCount(maxConcurrency) (the default against --base-url;
   * EMBEDDED_WORKERS against the embedded hosts). The self-test's small
   * fault runs take 1: each thread imports the whole harness, which costs more CPU than a run of a
   * few checks, and the self-test already runs several runs side by side.
   */
  workers?: number;
  /**
   * A directory where vitest keeps the transformed spec and harness modules between runs
   * (vitest's experimental fsModuleCache, keyed by file content and config). A caller that makes
   * many runs, like npm test and the self-test's workers, gives one: every run builds a new vitest
   * whose module graph starts empty, and transforming the harness again costs more CPU than a
   * small run's checks. Default: EDFI_MODULE_CACHE_DIR, else none (one CLI run gains nothing).
   */
  moduleCacheDir?: string;
  /** Abort the run (SIGINT): vitest stops, the ledger is swept, exit 130. */
  signal?: AbortSignal;
  /** Called once the probe is done, with the seed and what will run. */
  onStart?: (info: { seed: number; target: string; embedded: boolean; runTag: string }) => void;
}

/**
 * Exit statuses, most urgent first when several apply: 130 interrupted (Ctrl-C) and 2 the run could
 * not be made or finish, because then nothing else is complete; 3 the run left items on the host,
 * above 1 because somebody must act on the host whatever the verdict, and a host that always fails
 * some check would otherwise hide its leftovers behind the usual 1; 1 a conformance failure; 0 pass.
 * The verdicts are in the summary and reports in every case.
 */
export type ExitCode = 0 | 1 | 2 | 3 | 130;

/** A finished run's status (2 is thrown before a run gets here): interrupted, left something, failed, passed. */
export function exitCodeOf(interrupted: boolean, leftovers: number, failed: boolean): ExitCode {
  return interrupted ? 130 : leftovers > 0 ? 3 : failed ? 1 : 0;
}

export interface RunOutcome {
  exitCode: ExitCode;
  checks: CheckResult[];
  suiteErrors: string[];
  requests: number;
  durationMs: number;
  reportDir: string;
  reports?: ReportPaths;
  seed: number;
  sweep?: FinalSweep;
  /** Items the run created and could not confirm deleted (also in sweep.leftovers). */
  leftovers: Leftover[];
  interrupted: boolean;
  /** Wall time of each phase, ms: hosts, probe, checks, sweep, reports. */
  phases: Record<string, number>;
  /** With --baseline: which failures it covered, which are new, and the state of each entry. */
  baseline?: BaselineOutcome;
  /** With --bundle: the directory the certification bundle was written to (none for an interrupted run). */
  bundle?: string;
  /** The resources the run checked (RunContext.resources): the summary groups by them. */
  resources: string[];
}

/**
 * Spec worker threads: one per 4 of the request cap, at least 3 and at most 6, never more than the
 * cap. A thread runs one spec file at a time, and most files have few checks, so against a remote
 * host the requests in flight grow with the threads; each thread costs its start-up (importing the
 * harness) on a 2-core machine whose target needs CPU too, hence the bounds.
 */
export function workerCount(maxConcurrency: number): number {
  return Math.max(1, Math.min(maxConcurrency, Math.max(3, Math.min(6, Math.ceil(maxConcurrency / 4)))));
}

/**
 * Checks of one spec file running at once in a thread: up to the cap (at most 8), or twice the
 * cap shared over the threads where that is more. Most checks wait on one request at a time, so
 * about twice the cap in checks across the threads keeps the cap full against a remote host; far
 * more would only queue for permits, and against a host that is slow to work (not far away) every
 * check would get a smaller share of it, so a long one would run past its timeout.
 */
/**
 * Spec threads of an embedded run: the reference hosts run in this process on the same cores and
 * answer at once, so there is no latency for more threads to hide, only their start-up to pay
 * (measured idle, 2 cores: checks 7.3-8.4 s with 3 threads, 9.5-9.6 s with the 6 of the default cap).
 */
export const EMBEDDED_WORKERS = 3;

/** The spec threads of a run: what the caller asked for, else the embedded or the cap's count; never above the cap's. */
export function specThreads(settings: Pick<Settings, 'baseUrl' | 'maxConcurrency'>, asked?: number): number {
  return Math.max(1, Math.min(asked ?? (settings.baseUrl ? Infinity : EMBEDDED_WORKERS), workerCount(settings.maxConcurrency)));
}

export function checksPerFile(maxConcurrency: number, workers: number): number {
  return Math.max(1, Math.min(maxConcurrency, Math.max(8, Math.ceil((2 * maxConcurrency) / Math.max(1, workers)))));
}

function rolesFrom(settings: Settings): RunContext['roles'] {
  const roles: RunContext['roles'] = {};
  for (const [name, c] of Object.entries(settings.roles ?? {})) if (c) roles[name as keyof RunContext['roles']] = { key: c.key, secret: c.secret };
  return roles;
}

/** Where a run's checks go: the main target's root and clients, and the secondary targets. */
export interface Target {
  root: string;
  credentials: Credentials;
  roles: RunContext['roles'];
  secondary: Parameters<typeof probeTarget>[0]['secondary'];
}

/** The target the settings name (--base-url and its clients), or the embedded hosts when given. */
export function targetOf(settings: Settings, hosts?: EmbeddedHosts): Target {
  const secondary: Target['secondary'] = {};
  let target: Target;
  if (!hosts) {
    const credentials = { key: settings.key!, secret: settings.secret! };
    const sc = settings.secondaryCredentials;
    if (settings.snapshotBaseUrl) secondary.snapshot = { root: settings.snapshotBaseUrl, credentials: sc?.snapshot ?? credentials };
    if (settings.changeQueriesDisabledBaseUrl) {
      secondary.changeQueriesDisabled = { root: settings.changeQueriesDisabledBaseUrl, credentials: sc?.changeQueriesDisabled ?? credentials };
    }
    target = { root: settings.baseUrl!, credentials, roles: rolesFrom(settings), secondary };
  } else {
    const { full, ...others } = hosts.main.clients;
    if (hosts.snapshot) secondary.snapshot = { root: hosts.snapshot.baseUrl, credentials: hosts.snapshot.clients.full };
    if (hosts.changeQueriesDisabled) secondary.changeQueriesDisabled = { root: hosts.changeQueriesDisabled.baseUrl, credentials: hosts.changeQueriesDisabled.clients.full };
    target = { root: hosts.main.baseUrl, credentials: full, roles: { ...others, ...rolesFrom(settings) }, secondary };
  }
  for (const c of [target.credentials, ...Object.values(target.roles), secondary.snapshot?.credentials, secondary.changeQueriesDisabled?.credentials]) registerSecret(c?.secret);
  return target;
}

/** The settings' secrets, registered with the redactor before anything can print them. */
export function registerSettingsSecrets(settings: Settings): void {
  for (const s of [settings.secret, ...Object.values(settings.roles ?? {}).map((r) => r?.secret)]) registerSecret(s);
}

/**
 * Probes the target and resolves the run: its context (what the spec workers get) and the
 * probe's request count. The probe report is written in every case, above all when the probe
 * stops the run with exit 2: it is then the only account of why.
 */
export async function probeRun(
  settings: Settings,
  target: Target,
  ids: { seed: number; runDir: string; runTag: string; reportDir: string },
  workers?: number,
): Promise<{ run: RunContext; requests: number }> {
  const { root, credentials, roles, secondary } = target;
  const { seed, runDir, runTag, reportDir } = ids;
  const probeLog = new ProbeLog();
  let probe: ProbeResult;
  try {
    probe = await probeTarget({ settings, root, credentials, roles, secondary, runDir, log: probeLog });
  } finally {
    try {
      writeProbeReport(reportDir, probeLog.data);
    } catch (error) {
      if (probeLog.data.failure === undefined) throw error; // else the probe's own sentence says more
    }
  }
  // After the probe: the default selection is what the target's own document lists.
  const resources = resolveResources(settings.resources, probe.openApiDocumentPath);
  const run: RunContext = {
    embedded: !settings.baseUrl,
    runId: runDir,
    runTag,
    seed,
    profile: settings.profile,
    readOnly: settings.readOnly,
    grep: settings.grep,
    main: probe.main,
    roles,
    secondary: probe.secondary,
    capabilities: probe.capabilities,
    evidence: probe.evidence,
    refs: probe.refs,
    discovery: probe.discovery,
    settings: { timeoutMs: settings.timeoutMs, maxConcurrency: settings.maxConcurrency, workers: specThreads(settings, workers) },
    runDir,
    ledgerPath: join(runDir, 'ledger.jsonl'),
    reportDir,
    openApiDocumentPath: probe.openApiDocumentPath,
    resources,
  };
  return { run, requests: probe.requests };
}

export async function runConformance(options: RunOptions = {}): Promise<RunOutcome> {
  const started = performance.now();
  const startedAt = new Date();
  const settings = options.settings ?? loadConfig(options);
  // Read before anything starts: a bad baseline file is exit 2 at once, not after the checks.
  const baselineFile = settings.baseline ? loadBaseline(settings.baseline) : undefined;
  if (settings.bundle) checkBundleTarget(resolve(settings.bundle));
  registerSettingsSecrets(settings);
  const seed = settings.seed ?? randomSeed();
  const reportDir = resolve(settings.reportDir);
  const runDir = mkdtempSync(join(tmpdir(), 'edfi-conformance-'));
  const runTag = makeRunTag();
  let hosts: EmbeddedHosts | undefined;
  // Loads Allure in its own process while the hosts start and the checks run (src/report/html.ts),
  // and vitest's modules here (runSpecs imports them): this thread only waits for the hosts and the probe.
  const allure = settings.html ? startAllureBuilder() : undefined;
  void import('vitest/node').catch(() => undefined);
  let requests = 0;
  let interrupted = false;
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };

  try {
    let target: Target;
    if (settings.baseUrl) target = targetOf(settings);
    else {
      try {
        hosts = await startEmbeddedHosts();
      } catch (error) {
        throw new RunNotPossibleError(`The embedded reference host could not start (${(error as Error).message}); give --base-url to test another host.`);
      }
      phase('hosts');
      target = targetOf(settings, hosts);
    }
    const probed = await probeRun(settings, target, { seed, runDir, runTag, reportDir }, options.workers);
    const run = probed.run;
    const resources = run.resources!;
    requests += probed.requests;
    phase('probe');
    options.onStart?.({ seed, target: run.main.urls.root, embedded: !settings.baseUrl, runTag });

    const collected = await runChecks(run, settings, options, allure);
    interrupted = !!options.signal?.aborted;
    phase('checks');
    const sweep = await sweepLedger(run, options.sweepPolicy);
    phase('sweep');
    requests += sweep.requests + collected.checks.reduce((n, c) => n + c.requests, 0);

    const baseline = baselineFile && evaluateBaseline(baselineFile, collected.checks);
    const reports = await writeReports({ run, settings, collected, sweep, baseline, startedAt, allure });
    const bundle = settings.bundle && !interrupted ? writeBundle({ reportDir, out: settings.bundle, baselineFile: settings.baseline }).dir : undefined;
    phase('reports');
    const failed = runFailed({ checks: collected.checks, suiteErrors: collected.suiteErrors, qualityGate: reports.qualityGate, baseline });
    return {
      exitCode: exitCodeOf(interrupted, sweep.leftovers.length, failed),
      leftovers: sweep.leftovers,
      checks: collected.checks,
      suiteErrors: collected.suiteErrors,
      requests,
      durationMs: Math.round(performance.now() - started),
      reportDir,
      reports,
      seed,
      sweep,
      interrupted,
      phases,
      resources,
      ...(baseline ? { baseline } : {}),
      ...(bundle ? { bundle } : {}),
    };
  } finally {
    allure?.dispose();
    await hosts?.stop();
    if (!process.env.EDFI_KEEP_RUN_DIR) rmSync(runDir, { recursive: true, force: true });
  }
}

async function runChecks(run: RunContext, settings: Settings, options: RunOptions, allure?: AllureBuilder): Promise<CollectedResults> {
  // Fresh results for this run; the history file (Allure trend) lives beside them and is kept.
  rmSync(join(run.reportDir, 'allure-results'), { recursive: true, force: true });
  mkdirSync(run.reportDir, { recursive: true });
  if (allure) beginHtmlReport(run, allure);
  await runSpecs({
    runs: [run],
    specs: options.specs ?? process.env.EDFI_CONFORMANCE_SPECS?.split(',').filter(Boolean),
    moduleCacheDir: options.moduleCacheDir,
    signal: options.signal,
    maxWorkers: run.settings.workers,
    // Checks of one file in flight at once (sequence.concurrent in the config).
    maxConcurrency: checksPerFile(run.settings.maxConcurrency, run.settings.workers),
    // This run's own reporters: they write into this run's directories, nowhere else.
    reporters: [
      new ProgressReporter(),
      // allure-vitest's reporter with a writer that skips its fsync per file (src/report/allure-reporter.ts).
      new ConformanceAllureReporter({ resultsDir: join(run.reportDir, 'allure-results'), environmentInfo: environmentInfo(run), categories: CATEGORIES, onWritten: allure?.written }),
      new ResultsCollector(run),
    ],
    // The run context reaches this instance's workers only (inject() in src/runtime/current-run.ts).
    provide: (vitest) => vitest.provide(RUN_CONTEXT_KEY, run),
  });
  return collectedResults(run);
}

/** What the results collector wrote into the run's directory (src/cli/results-collector.ts). */
export function collectedResults(run: RunContext): CollectedResults {
  const file = join(run.runDir, RESULTS_FILE);
  if (!existsSync(file)) return { checks: [], notRun: 0, suiteErrors: ['the checks did not run to the end (no results were collected)'] };
  return JSON.parse(readFileSync(file, 'utf8')) as CollectedResults;
}

type Vitest = Awaited<ReturnType<typeof import('vitest/node').createVitest>>;

export interface SpecsRun {
  /** The runs whose checks this vitest instance runs (one; several in a batch, src/cli/batch.ts). */
  runs: RunContext[];
  specs?: string[];
  moduleCacheDir?: string;
  signal?: AbortSignal;
  maxWorkers: number;
  maxConcurrency: number;
  reporters: NonNullable<Parameters<typeof import('vitest/node').createVitest>[1]['reporters']>;
  /** Hands the run context(s) to this instance's spec workers. */
  provide(vitest: Vitest): void;
}

/**
 * One vitest instance over the spec files, for the runs given: the request cap and the interrupt
 * channel of each run are hosted here while it goes on. Resources none of the runs checks are
 * left out (the runs agree on them).
 */
export async function runSpecs(r: SpecsRun): Promise<void> {
  const moduleCacheDir = r.moduleCacheDir ?? (process.env[MODULE_CACHE_ENV] || undefined);
  const exitCodeBefore = process.exitCode;
  const { createVitest } = await import('vitest/node');
  const { configDefaults } = await import('vitest/config');
  // Spec files of resources the run does not check are not collected at all (not shown as skipped).
  const excluded = excludedSpecGlobs(r.runs[0]?.resources ?? []);
  // The run-wide request cap the spec workers share (src/runtime/permits.ts).
  const permits = r.runs.map((run) => hostPermits(run.runId));
  const interrupts = r.runs.map((run) => hostInterrupt(run.runId));
  const signalListenersBefore = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  try {
    const vitest = await createVitest('test', {
      config: join(REPO_ROOT, 'vitest.conformance.config.ts'),
      root: REPO_ROOT,
      watch: false,
      run: true,
      passWithNoTests: true,
      ...(moduleCacheDir ? { experimental: { fsModuleCache: true, fsModuleCachePath: moduleCacheDir } } : {}),
      ...(r.specs?.length ? { include: r.specs } : {}),
      ...(excluded.length ? { exclude: [...configDefaults.exclude, ...excluded] } : {}),
      maxWorkers: r.maxWorkers,
      maxConcurrency: r.maxConcurrency,
      reporters: r.reporters,
    });
    r.provide(vitest);
    // Vitest's logger exits the process on SIGINT/SIGTERM; the runner must sweep the ledger first,
    // so those handlers are taken off and the caller's AbortSignal cancels the run instead.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const l of process.listeners(signal)) if (!signalListenersBefore.has(l)) process.off(signal, l);
    }
    // The checks in flight hear it from the runner too (src/runtime/interrupt.ts): vitest's own
    // cancel misses some of them, which would keep the run waiting for their remaining time.
    const cancel = (): void => {
      for (const i of interrupts) i.interrupt();
      void vitest.cancelCurrentRun('keyboard-input');
    };
    r.signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (!r.signal?.aborted) await vitest.start();
    } finally {
      r.signal?.removeEventListener('abort', cancel);
      await vitest.close();
    }
  } finally {
    for (const p of permits) p.close();
    for (const i of interrupts) i.close();
    // vitest sets process.exitCode from the test outcome; the runner decides the exit code itself.
    process.exitCode = exitCodeBefore;
  }
}
