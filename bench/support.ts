// Small pieces every benchmark shares: the machine line printed beside the figures (a ratio means
// little without the cores, CPU model and load it was measured under), the time budget that stops a
// bench which runs away on a busy machine, percentiles, and skip switches read from the environment.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** "2 cores (Intel(R) Xeon(R) Processor), node v22…, load 1m/5m/15m 3.1/2.9/2.7": the CPU model from /proc/cpuinfo where there is one. */
export function machineLine(): string {
  let model = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].trim() ?? model;
  } catch {
    // not Linux: os.cpus() already named it
  }
  const load = os.loadavg().map((l) => l.toFixed(2)).join('/');
  return `machine: ${os.availableParallelism()} cores (${model}), node ${process.version}, load 1m/5m/15m ${load}`;
}

/** The load average now (printed again when a bench ends: the machine is shared). */
export function loadLine(): string {
  return `load 1m/5m/15m at the end: ${os.loadavg().map((l) => l.toFixed(2)).join('/')}`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Thrown when a bench runs out of its time budget; the runner prints its message instead of a stack. */
export class BudgetExceeded extends Error {}

/**
 * A wall-clock budget: `signal` aborts when it runs out (runConformance stops its checks and sweeps),
 * `check()` throws BudgetExceeded for loops that poll it. Seconds from `envName` when set.
 */
export class Budget {
  private readonly controller = new AbortController();
  private readonly deadline: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly label: string,
    readonly seconds: number,
  ) {
    this.deadline = performance.now() + seconds * 1000;
    this.timer = setTimeout(() => this.controller.abort(), seconds * 1000);
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingSeconds(): number {
    return Math.max(0, (this.deadline - performance.now()) / 1000);
  }

  check(): void {
    if (performance.now() > this.deadline) throw new BudgetExceeded(this.message());
  }

  message(): string {
    return `${this.label} exceeded its ${this.seconds} s budget and was stopped; raise EDFI_BENCH_BUDGET_S or skip it with EDFI_BENCH_SKIP.`;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** Budget seconds for one whole bench command: EDFI_BENCH_BUDGET_S, default 300 (the shared machine's limit). */
export function budgetSeconds(): number {
  const raw = Number(process.env.EDFI_BENCH_BUDGET_S);
  return Number.isFinite(raw) && raw > 0 ? raw : 300;
}

/** EDFI_BENCH_SKIP=latency,cursor,… names the parts of `npm run bench` to leave out. */
export function skipped(part: string): boolean {
  return (process.env.EDFI_BENCH_SKIP ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .includes(part);
}

export const fmtSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs one bench part as its own command (`npm run bench:latency`, `bench:cursor`): the machine
 * line, the part within its time budget, the load after it; a budget overrun is a message and exit 1.
 */
export async function runStandalone<T>(name: string, measure: (budget: Budget) => Promise<T>, print: (figures: T) => void): Promise<void> {
  const budget = new Budget(name, budgetSeconds());
  try {
    console.log(machineLine());
    print(await measure(budget));
    console.log(loadLine());
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    budget.dispose();
  }
}
