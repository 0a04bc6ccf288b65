// The phase split of one embedded run (issue 11, goal 2: `npm run conformance` ≤ 15 s warm): one
// `runConformance` with no --base-url (so it starts its own three hosts, as the CLI does), reports
// into a /tmp directory, and the wall time of each phase it records in `outcome.phases` (hosts,
// probe, checks, sweep, reports). The Allure HTML report is built as `npm run conformance` builds it;
// EDFI_BENCH_HTML=0 leaves it out. Part of `npm run bench` and `npm run bench:startup`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../src/cli/run.js';
import { Budget, BudgetExceeded, fmtSeconds } from './support.js';

export interface PhaseFigures {
  html: boolean;
  totalMs: number;
  phases: Record<string, number>;
  requests: number;
  checks: number;
  exitCode: number;
}

const PHASES = ['hosts', 'probe', 'checks', 'sweep', 'reports'] as const;

export async function measureEmbeddedPhases(budget: Budget): Promise<PhaseFigures> {
  const html = !/^(0|false|no)$/i.test(process.env.EDFI_BENCH_HTML ?? '');
  const reportDir = mkdtempSync(join(tmpdir(), 'edfi-bench-phases-'));
  try {
    const started = performance.now();
    const outcome = await runConformance({ flags: { reportDir, html }, env: {}, signal: budget.signal });
    if (outcome.interrupted) throw new BudgetExceeded(`${budget.message()} (during the embedded run)`);
    return {
      html,
      totalMs: performance.now() - started,
      phases: outcome.phases,
      requests: outcome.requests,
      checks: outcome.checks.length,
      exitCode: outcome.exitCode,
    };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

export function printEmbeddedPhases(f: PhaseFigures): void {
  const split = PHASES.map((p) => `${p} ${f.phases[p] === undefined ? '–' : fmtSeconds(f.phases[p])}`).join(', ');
  // In-process: `npm run conformance` adds the start of node, tsx and the CLI's imports to this.
  console.log(
    `embedded run (${f.html ? 'with' : 'without'} the HTML report, in-process): ${fmtSeconds(f.totalMs)} in all (goal for \`npm run conformance\` ≤ 15 s warm: ${f.totalMs <= 15_000 ? 'meets goal' : 'MISSES goal'} before process start-up)`,
  );
  console.log(`  ${split}; ${f.checks} checks, ${f.requests} requests, exit ${f.exitCode}`);
}
