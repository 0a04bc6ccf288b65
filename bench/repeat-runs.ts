// Flakiness probe: N consecutive full runs against the embedded host, each with its own random seed
// (so the data differs run to run), comparing every check's verdict across runs. Prints the checks
// whose verdict differed, the wall time and requests of each run, and exits 1 when any differed.
//   npx tsx bench/repeat-runs.ts [N=20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../src/cli/run.js';

const runs = Number(process.argv[2] ?? 20);
const verdicts = new Map<string, Set<string>>();
const rows: string[] = [];

for (let i = 1; i <= runs; i++) {
  const reportDir = mkdtempSync(join(tmpdir(), 'repeat-run-'));
  const started = performance.now();
  const outcome = await runConformance({ flags: { reportDir, html: false }, env: {} });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  rmSync(reportDir, { recursive: true, force: true });
  for (const check of outcome.checks) {
    const key = `[${check.requirementId}] ${check.title}`;
    const seen = verdicts.get(key) ?? new Set<string>();
    seen.add(check.verdict);
    verdicts.set(key, seen);
  }
  const failed = outcome.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'error').length;
  rows.push(`run ${i}: exit ${outcome.exitCode}, ${outcome.checks.length} checks, ${failed} failed, ${outcome.requests} requests, ${seconds} s, seed ${outcome.seed}`);
  console.log(rows.at(-1));
}

const differing = [...verdicts].filter(([, seen]) => seen.size > 1);
console.log(`\n${runs} runs, ${verdicts.size} checks, ${differing.length} with differing verdicts`);
for (const [key, seen] of differing) console.log(`  ${key}: ${[...seen].join(' / ')}`);
process.exit(differing.length === 0 ? 0 : 1);
