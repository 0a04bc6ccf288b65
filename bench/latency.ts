// `npm run bench:latency` (issue 11, goal 1): does the suite hide a remote host's latency, and does
// it keep its politeness promise? One reference host (in its worker thread, as the embedded run
// starts it; no secondary hosts, so their checks skip), the whole suite run twice in this process
// with the same seed and the host's clients and roles: once straight at the host, once through
// bench/latency-proxy.ts, which holds every response for EDFI_BENCH_LATENCY_MS (default 50 ms).
// Prints the check-phase wall time of each and their ratio (goal ≤ 1.3×), both request counts
// (goal: within 5%), and the most requests in flight through the proxy against `maxConcurrency`.
// Beside the phase it prints the checks alone (first check start → last check end, from the Allure
// results): the phase also holds vitest's start-up and the reporters' writing after the last check,
// which latency does not change but a busy disk stretches (by 10–25 s on the shared machine).
// It also prints the floor no scheduling can beat: check requests × delay ÷ cap. When that floor
// is above 1.3× the direct phase, the goal cannot be met at that cap, whatever the suite does.
// EDFI_BENCH_MAX_CONCURRENCY sets the cap of both runs (default: the run's default), to show how
// far a user with a remote host gains by raising it; a list (`8,16`) measures each cap in turn, a
// direct and a proxied run each, in one process against one host.
// EDFI_BENCH_TRACE=<dir> keeps, per cap, the proxy's record of every request (arrival, answer) and
// the proxied run's Allure results (each check's start, stop and thread) there, for
// bench/latency-trace.ts, which shows what kept the requests in flight few.
// The direct run goes first; a cold first run in a process would flatter the ratio, so
// `npm run bench` runs this after its embedded run has warmed the process.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import type { Settings } from '../src/config/settings.js';
import { startEmbeddedHosts } from '../src/cli/embedded-host.js';
import { runConformance, type RunOutcome } from '../src/cli/run.js';
import { startLatencyProxy, type ProxyStats } from './latency-proxy.js';
import { Budget, BudgetExceeded, fmtSeconds, runStandalone } from './support.js';

export interface LatencyFigures {
  delayMs: number;
  maxConcurrency: number;
  direct: RunFigures;
  proxied: RunFigures;
  proxy: ProxyStats;
  /** proxied check phase / direct check phase. */
  ratio: number;
  /** |proxied − direct| / direct requests. */
  requestDrift: number;
}

interface RunFigures {
  checksMs: number;
  /**
   * First check start to last check end, from the run's Allure results: the check phase without
   * vitest's start-up and without the reporters' writing after the last check (allure-vitest
   * writes every result and attachment, each with an fsync, when the run ends), which cost the
   * same with or without latency but vary with the disk.
   */
  checksOnlyMs: number;
  /** Every request of the run (probe, checks, sweep), as the runner counts them. */
  requests: number;
  /** Those made by the checks. */
  checkRequests: number;
  exitCode: number;
}

/** First start to last stop of the checks Allure ran (a skipped or blocked one is stamped when written, at the end). */
function checksOnly(reportDir: string): number {
  const dir = join(reportDir, 'allure-results');
  if (!existsSync(dir)) return Number.NaN;
  let first = Infinity;
  let last = -Infinity;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('-result.json')) continue;
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { status?: string; start?: number; stop?: number };
    if (r.status === 'skipped' || r.start === undefined || r.stop === undefined) continue;
    first = Math.min(first, r.start);
    last = Math.max(last, r.stop);
  }
  return last - first;
}

function figures(outcome: RunOutcome): RunFigures {
  return {
    checksMs: outcome.phases.checks,
    checksOnlyMs: checksOnly(outcome.reportDir),
    requests: outcome.requests,
    checkRequests: outcome.checks.reduce((n, c) => n + c.requests, 0),
    exitCode: outcome.exitCode,
  };
}

const DEFAULT_DELAY_MS = 50;
const SEED = 1101;

function delayMs(): number {
  const raw = process.env.EDFI_BENCH_LATENCY_MS;
  if (raw === undefined || raw === '') return DEFAULT_DELAY_MS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`EDFI_BENCH_LATENCY_MS must be a whole number of milliseconds (0 or more), not "${raw}".`);
    process.exit(2);
  }
  return n;
}

/** The caps to measure: EDFI_BENCH_MAX_CONCURRENCY (one or a comma list), else [undefined]: the configuration's default. */
function benchCaps(): (number | undefined)[] {
  const raw = process.env.EDFI_BENCH_MAX_CONCURRENCY;
  if (raw === undefined || raw === '') return [undefined];
  return raw.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isInteger(n) || n < 1) {
      console.error(`EDFI_BENCH_MAX_CONCURRENCY must be whole numbers of requests (1 or more, comma-separated), not "${raw}".`);
      process.exit(2);
    }
    return n;
  });
}

function settingsFor(baseUrl: string, clients: Awaited<ReturnType<typeof startEmbeddedHosts>>['main']['clients'], reportDir: string, cap: number | undefined): Settings {
  const { full, readOnly, noSessionsClaim, otherSchool, shortLived } = clients;
  const base = loadConfig({ flags: { baseUrl, key: full.key, secret: full.secret, reportDir, html: false, seed: SEED, ...(cap !== undefined ? { maxConcurrency: cap } : {}) }, env: {} });
  return { ...base, roles: { readOnly, noSessionsClaim, otherSchool, shortLived } };
}

async function oneRun(label: string, settings: Settings, budget: Budget): Promise<RunOutcome> {
  const outcome = await runConformance({ settings, signal: budget.signal });
  if (outcome.interrupted) throw new BudgetExceeded(`${budget.message()} (during the ${label} run)`);
  return outcome;
}

/** EDFI_BENCH_TRACE's directory, made if missing; undefined when unset. */
function traceDir(): string | undefined {
  const dir = process.env.EDFI_BENCH_TRACE;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function measureLatency(budget: Budget): Promise<LatencyFigures[]> {
  const delay = delayMs();
  const caps = benchCaps();
  const keep = traceDir();
  const reportDir = mkdtempSync(join(tmpdir(), 'edfi-bench-latency-'));
  const hosts = await startEmbeddedHosts({ secondary: false });
  const proxy = await startLatencyProxy({ target: hosts.main.baseUrl, delayMs: delay, trace: keep !== undefined });
  try {
    const measured: LatencyFigures[] = [];
    for (const cap of caps) {
      const directSettings = settingsFor(hosts.main.baseUrl, hosts.main.clients, join(reportDir, `direct-${cap}`), cap);
      const direct = await oneRun('direct', directSettings, budget);
      await proxy.reset();
      const proxiedDir = join(reportDir, `proxied-${cap}`);
      const proxied = await oneRun('proxied', settingsFor(proxy.origin, hosts.main.clients, proxiedDir, cap), budget);
      const stats = await proxy.stats();
      if (keep) {
        const out = join(keep, `cap-${directSettings.maxConcurrency}`);
        rmSync(out, { recursive: true, force: true });
        cpSync(join(proxiedDir, 'allure-results'), join(out, 'allure-results'), { recursive: true });
        writeFileSync(join(out, 'proxy-trace.json'), JSON.stringify({ delayMs: delay, maxConcurrency: directSettings.maxConcurrency, checksMs: proxied.phases.checks, directChecksMs: direct.phases.checks, phases: proxied.phases, directPhases: direct.phases, requests: await proxy.trace() }));
        writeFileSync(join(out, 'checks.json'), JSON.stringify(proxied.checks.map((c) => ({ id: c.checkId, requirementId: c.requirementId, file: c.file, title: c.title, requests: c.requests, durationMs: c.durationMs, verdict: c.verdict }))));
      }
      measured.push({
        delayMs: delay,
        maxConcurrency: directSettings.maxConcurrency,
        direct: figures(direct),
        proxied: figures(proxied),
        proxy: stats,
        ratio: proxied.phases.checks / direct.phases.checks,
        requestDrift: Math.abs(proxied.requests - direct.requests) / Math.max(1, direct.requests),
      });
    }
    return measured;
  } finally {
    await proxy.close();
    await hosts.stop();
    rmSync(reportDir, { recursive: true, force: true });
  }
}

export function printLatency(all: LatencyFigures[]): void {
  for (const f of all) printOne(f);
}

function printOne(f: LatencyFigures): void {
  const mark = (ok: boolean): string => (ok ? 'meets goal' : 'MISSES goal');
  console.log(`latency: suite through a ${f.delayMs} ms-per-response proxy vs straight at the host (seed ${SEED}, maxConcurrency ${f.maxConcurrency})`);
  console.log(`  check phase   direct ${fmtSeconds(f.direct.checksMs)}, proxied ${fmtSeconds(f.proxied.checksMs)}, ratio ${f.ratio.toFixed(2)}× (goal ≤ 1.3×: ${mark(f.ratio <= 1.3)})`);
  console.log(
    `  checks alone  direct ${fmtSeconds(f.direct.checksOnlyMs)}, proxied ${fmtSeconds(f.proxied.checksOnlyMs)}, ratio ${(f.proxied.checksOnlyMs / f.direct.checksOnlyMs).toFixed(2)}× (first check start → last check end; the rest of the phase, start-up and the reporters' writing: direct ${fmtSeconds(f.direct.checksMs - f.direct.checksOnlyMs)}, proxied ${fmtSeconds(f.proxied.checksMs - f.proxied.checksOnlyMs)})`,
  );
  console.log(
    `  requests      direct ${f.direct.requests}, proxied ${f.proxied.requests} (drift ${(f.requestDrift * 100).toFixed(1)}%, goal ≤ 5%: ${mark(f.requestDrift <= 0.05)}); the proxy saw ${f.proxy.requests}`,
  );
  console.log(
    `  in flight     at most ${f.proxy.maxOutstanding} outstanding (${f.proxy.maxAtTarget} at the host at once) vs maxConcurrency ${f.maxConcurrency}: ${f.proxy.maxOutstanding <= f.maxConcurrency ? 'within the cap' : 'OVER the cap'}`,
  );
  // The runner counts every request it makes; the proxy seeing fewer means some went straight to the host.
  if (f.proxy.requests < f.proxied.requests) console.log(`  WARNING: the runner counted ${f.proxied.requests - f.proxy.requests} more requests than reached the proxy: some bypassed it`);
  console.log(`  exit codes    direct ${f.direct.exitCode}, proxied ${f.proxied.exitCode}; upstream errors ${f.proxy.upstreamErrors}; answers rewritten to the proxy's origin ${f.proxy.rewritten}`);
  const floorMs = (f.proxied.checkRequests * f.delayMs) / f.maxConcurrency;
  console.log(
    `  floor         ${f.proxied.checkRequests} check requests × ${f.delayMs} ms ÷ ${f.maxConcurrency} = ${fmtSeconds(floorMs)} = ${(floorMs / f.direct.checksMs).toFixed(2)}× the direct phase at the least, at this cap (${floorMs / f.direct.checksMs <= 1.3 ? 'the goal is reachable' : 'the goal is out of reach at this cap'})`,
  );
  console.log(
    `  average in flight during the proxied checks ≈ ${((f.proxied.checkRequests * f.delayMs) / f.proxied.checksOnlyMs).toFixed(1)} of ${f.maxConcurrency} (${f.proxied.checkRequests} check requests × ${f.delayMs} ms / the checks alone)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runStandalone('bench:latency', measureLatency, printLatency);
