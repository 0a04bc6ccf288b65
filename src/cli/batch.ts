// runConformanceBatch(): several runs, each against its own host, in ONE vitest instance. A run's
// fixed cost is mostly vitest's: a new instance and a new spec worker thread that imports the whole
// harness again (module evaluation, the contract validators, undici), which for a run of a few
// checks (the kill matrix's fault runs) costs far more CPU than its checks. A batch pays it once.
//
// Each run keeps what makes it a run: its own probe, run id and directory, ledger, request cap and
// interrupt channel (keyed by run id), seed, --grep and spec files, sweep and results. The spec
// workers get every run (RUN_BATCH_KEY); check() registers a test per run that would have held the
// check alone and runs it with that run's context (src/runtime/check.ts), and each run's results
// collector keeps its own checks. What is read while the specs are collected (the resources, the
// profile) is one value per vitest instance, so runs that differ there go to separate instances.
// A batch writes no reports (no Allure, no conformance.json): its caller reads the outcomes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { HarnessError, RunNotPossibleError } from '../errors.js';
import type { SweepPolicy } from '../fixtures/ledger.js';
import { runFailed } from '../ci/verdict.js';
import { RUN_BATCH_KEY, type BatchRun, type RunContext } from '../runtime/run-context.js';
import { makeRunTag, randomSeed } from '../runtime/seed.js';
import ProgressReporter from './progress-reporter.js';
import ResultsCollector from './results-collector.js';
import { collectedResults, exitCodeOf, probeRun, registerSettingsSecrets, REPO_ROOT, runSpecs, targetOf, type RunOutcome } from './run.js';
import { sweepLedger } from './sweep.js';

export interface BatchMember {
  /** Resolved settings; --base-url is required (a batch starts no embedded host). */
  settings: Settings;
  /** The spec files this run loads (repo-relative paths, not globs); undefined = every file. */
  specs?: string[];
}

export interface BatchOptions {
  /** How patiently each run's final sweep confirms deletions (default: the runner's). */
  sweepPolicy?: SweepPolicy;
  /** Spec worker threads per vitest instance (default: the runner's, from maxConcurrency). */
  workers?: number;
  /** As RunOptions.moduleCacheDir. */
  moduleCacheDir?: string;
  /** Abort every run of the batch. */
  signal?: AbortSignal;
}

/** A run of the batch: its outcome (without reports), or why it could not be made. */
export type BatchResult = { outcome: Omit<RunOutcome, 'reports'> } | { error: Error };

interface Prepared {
  index: number;
  member: BatchMember;
  run: RunContext;
  requests: number;
  started: number;
  phases: Record<string, number>;
}

/** What spec collection reads from a run: runs that differ here cannot share a vitest instance. */
const collectionKey = (run: RunContext): string => JSON.stringify({ resources: run.resources, profile: run.profile });

export async function runConformanceBatch(members: BatchMember[], options: BatchOptions = {}): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array(members.length);
  const runDirs: string[] = [];
  try {
    // Probes, side by side: each run's own target.
    const prepared: Prepared[] = [];
    await Promise.all(
      members.map(async (member, index) => {
        const started = performance.now();
        try {
          const { settings } = member;
          if (!settings.baseUrl) throw new RunNotPossibleError('a batch run needs --base-url: a batch starts no embedded host');
          registerSettingsSecrets(settings);
          const runDir = mkdtempSync(join(tmpdir(), 'edfi-conformance-'));
          runDirs.push(runDir);
          const reportDir = resolve(settings.reportDir);
          mkdirSync(reportDir, { recursive: true });
          const probed = await probeRun(settings, targetOf(settings), { seed: settings.seed ?? randomSeed(), runDir, runTag: makeRunTag(), reportDir }, options.workers);
          prepared.push({ index, member, run: probed.run, requests: probed.requests, started, phases: { probe: Math.round(performance.now() - started) } });
        } catch (error) {
          results[index] = { error: error instanceof Error ? error : new HarnessError(String(error)) };
        }
      }),
    );
    // One vitest instance per group of runs that agree on what the specs' collection reads.
    const groups = new Map<string, Prepared[]>();
    for (const p of prepared.sort((a, b) => a.index - b.index)) {
      const key = collectionKey(p.run);
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const group of groups.values()) {
      const checksStarted = performance.now();
      await runGroup(group, options);
      const checksMs = Math.round(performance.now() - checksStarted);
      // The sweeps side by side too: each run's own host.
      await Promise.all(
        group.map(async (p) => {
          p.phases.checks = checksMs;
          try {
            results[p.index] = { outcome: await finish(p, options) };
          } catch (error) {
            results[p.index] = { error: error instanceof Error ? error : new HarnessError(String(error)) };
          }
        }),
      );
    }
    return results;
  } finally {
    if (!process.env.EDFI_KEEP_RUN_DIR) for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function runGroup(group: Prepared[], options: BatchOptions): Promise<void> {
  const runs = group.map((p) => p.run);
  // The union of the runs' spec files; any run that loads every file makes the batch load them all.
  const all = group.some((p) => !p.member.specs);
  const specs = all ? undefined : [...new Set(group.flatMap((p) => p.member.specs!))];
  const batch: BatchRun[] = group.map((p) => ({ run: p.run, ...(p.member.specs ? { specFiles: p.member.specs.map((s) => resolve(REPO_ROOT, s)) } : {}) }));
  await runSpecs({
    runs,
    specs,
    moduleCacheDir: options.moduleCacheDir,
    signal: options.signal,
    maxWorkers: Math.min(...runs.map((r) => r.settings.workers)),
    // A file's checks of every run in flight at once: each run's own cap, side by side (each run's
    // requests still take permits from its own counter).
    maxConcurrency: runs.reduce((n, r) => n + r.settings.maxConcurrency, 0),
    reporters: [new ProgressReporter(), ...runs.map((run) => new ResultsCollector(run, true))],
    provide: (vitest) => vitest.provide(RUN_BATCH_KEY, batch),
  });
}

async function finish(p: Prepared, options: BatchOptions): Promise<Omit<RunOutcome, 'reports'>> {
  const { run } = p;
  const collected = collectedResults(run);
  const interrupted = !!options.signal?.aborted;
  const sweptFrom = performance.now();
  const sweep = await sweepLedger(run, options.sweepPolicy);
  p.phases.sweep = Math.round(performance.now() - sweptFrom);
  // As a single run decides it, without the Allure quality gate (a batch writes no reports).
  const failed = runFailed({ checks: collected.checks, suiteErrors: collected.suiteErrors });
  return {
    exitCode: exitCodeOf(interrupted, sweep.leftovers.length, failed),
    leftovers: sweep.leftovers,
    checks: collected.checks,
    suiteErrors: collected.suiteErrors,
    requests: p.requests + sweep.requests + collected.checks.reduce((n, c) => n + c.requests, 0),
    durationMs: Math.round(performance.now() - p.started),
    reportDir: run.reportDir,
    seed: run.seed,
    sweep,
    interrupted,
    phases: p.phases,
    resources: run.resources ?? [],
  };
}
