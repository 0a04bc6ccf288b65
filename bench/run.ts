// `npm run bench`: every figure issue 11 names, in one run on one machine, with the machine beside
// them (cores, CPU model, load average at the start and the end):
//   throughput  the reference host vs bare node:http: req/s, p50/p99, share of bare (bench/host-throughput.ts)
//   phases      one embedded `runConformance`: hosts, probe, checks, sweep, reports (bench/embedded-phases.ts)
//   latency     check phase through a 50 ms proxy / straight at the host, requests, most in flight (bench/latency.ts)
//   cursor      100,000 sessions walked by cursor and by offset: last/first page p50 (bench/cursor-walk.ts)
// Run in that order, so the latency runs start in a process the embedded run has warmed.
// Switches: EDFI_BENCH_SKIP=throughput,phases,latency,cursor leaves parts out (the slow ones are
// latency ≈ 75 s and cursor ≈ 80 s on 2 busy cores); EDFI_BENCH_BUDGET_S (default 300) is the time
// for the whole command, and a part still running when it runs out is stopped and reported as such;
// EDFI_BENCH_SECONDS, EDFI_BENCH_CONCURRENCY, EDFI_BENCH_DATABASE_URL (throughput), EDFI_BENCH_HTML
// (phases), EDFI_BENCH_LATENCY_MS (latency) and EDFI_BENCH_CURSOR_ITEMS (cursor) tune the parts.
import { measureThroughput, printThroughput } from './host-throughput.js';
import { measureEmbeddedPhases, printEmbeddedPhases } from './embedded-phases.js';
import { measureLatency, printLatency } from './latency.js';
import { measureCursorWalk, printCursorWalk } from './cursor-walk.js';
import { Budget, BudgetExceeded, budgetSeconds, loadLine, machineLine, skipped } from './support.js';

interface Part {
  name: string;
  run(budget: Budget): Promise<void>;
}

const PARTS: Part[] = [
  { name: 'throughput', run: async () => printThroughput(await measureThroughput()) },
  { name: 'phases', run: async (b) => printEmbeddedPhases(await measureEmbeddedPhases(b)) },
  { name: 'latency', run: async (b) => printLatency(await measureLatency(b)) },
  { name: 'cursor', run: async (b) => printCursorWalk(await measureCursorWalk(b)) },
];

const total = budgetSeconds();
const started = performance.now();
console.log(machineLine());
for (const part of PARTS) {
  if (skipped(part.name)) {
    console.log(`${part.name}: skipped (EDFI_BENCH_SKIP)`);
    continue;
  }
  const left = total - (performance.now() - started) / 1000;
  if (left <= 0) {
    console.log(`${part.name}: not run, the ${total} s budget is spent (EDFI_BENCH_BUDGET_S)`);
    continue;
  }
  const budget = new Budget(part.name, Math.round(left));
  try {
    console.log('');
    await part.run(budget);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    console.log(`${part.name}: ${error.message}`);
  } finally {
    budget.dispose();
  }
}
console.log('');
console.log(`${loadLine()}; bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
