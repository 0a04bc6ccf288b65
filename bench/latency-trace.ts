// `tsx bench/latency-trace.ts <dir>`: what kept the requests in flight few in a proxied run that
// `EDFI_BENCH_TRACE=<dir> npm run bench:latency` recorded (bench/latency.ts). For each cap it prints
//   in flight   the time-weighted share of the checks' time spent at each number of requests in
//               flight, the average, and the average in each tenth of it (the proxy's record);
//   phase       the proxied check phase split: start-up, checks (first check → last answer), and
//               the time after the last answer (reporters writing, vitest closing);
//   threads     the files laid on lanes as the spec threads took them, and when each went idle;
//   longest     the longest checks: duration against requests × delay (a check made of one
//               chain of requests cannot end sooner than that);
//   holds       each t.exclusive and t.withoutOtherWrites step: when, how long it waited for its
//               turn and the drain, how long it held, and the requests in flight meanwhile (a
//               hold is where the whole run waits on one check's chain).
// A diagnosis aid for the suite's structure, not a benchmark: it prints no goal.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Trace {
  delayMs: number;
  maxConcurrency: number;
  checksMs: number;
  directChecksMs: number;
  phases: Record<string, number>;
  requests: [number, number, string, string][];
}

interface AllureStep {
  name: string;
  start: number;
  stop: number;
  steps?: AllureStep[];
}

interface AllureTest {
  status: string;
  start: number;
  stop: number;
  labels: { name: string; value: string }[];
  steps?: AllureStep[];
}

interface Hold {
  id: string;
  kind: string;
  start: number;
  stop: number;
  /** What the hold's first logged step says: how long the turn and the drain took. */
  waited: string;
}

/** The steps t.exclusive and t.withoutOtherWrites name 'exclusive: …' and 'no other writes: …' (src/runtime/context.ts). */
const HOLD_STEP = /^(exclusive|no other writes): /;

interface CheckRow {
  id: string;
  file: string;
  requests: number;
  durationMs: number;
  verdict: string;
}

interface Span {
  id: string;
  file: string;
  start: number;
  stop: number;
  requests: number;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const short = (file: string): string => file.replace(/^specs\//, '').replace(/\.spec\.ts$/, '');

/** Time-weighted requests in flight between `from` and `to` (epoch ms): share of time per level, the average. */
function occupancy(requests: Trace['requests'], from: number, to: number): { share: Map<number, number>; average: number } {
  const events: [number, number][] = [];
  for (const [a, b] of requests) if (b > from && a < to) events.push([Math.max(a, from), +1], [Math.min(b, to), -1]);
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const share = new Map<number, number>();
  let level = 0;
  let at = from;
  let area = 0;
  for (const [t, d] of [...events, [to, 0] as [number, number]]) {
    share.set(level, (share.get(level) ?? 0) + (t - at));
    area += level * (t - at);
    at = t;
    level += d;
  }
  return { share, average: area / Math.max(1, to - from) };
}

/**
 * Each check's start and stop from the Allure results (matched to the run's results by the checkId
 * label). Those Allure calls skipped (skip, blocked) are left out: it stamps them when the reporter
 * writes them, at the end of the run.
 */
function spansOf(dir: string, checks: CheckRow[]): { spans: Span[]; holds: Hold[] } {
  const results = join(dir, 'allure-results');
  const byId = new Map(checks.map((c) => [c.id, c]));
  const spans: Span[] = [];
  const holds: Hold[] = [];
  const findHolds = (id: string, steps: AllureStep[] | undefined): void => {
    for (const step of steps ?? []) {
      const kind = HOLD_STEP.exec(step.name)?.[1];
      if (kind) holds.push({ id, kind, start: step.start, stop: step.stop, waited: /after (\d+) ms/.exec(step.steps?.[0]?.name ?? '')?.[1] ?? '?' });
      findHolds(id, step.steps);
    }
  };
  for (const f of readdirSync(results)) {
    if (!f.endsWith('-result.json')) continue;
    const t = JSON.parse(readFileSync(join(results, f), 'utf8')) as AllureTest;
    const check = byId.get(t.labels.find((l) => l.name === 'checkId')?.value ?? '');
    if (!check || t.status === 'skipped') continue;
    spans.push({ id: check.id, file: check.file, start: t.start, stop: t.stop, requests: check.requests });
    findHolds(check.id, t.steps);
  }
  return { spans: spans.sort((a, b) => a.start - b.start), holds: holds.sort((a, b) => a.start - b.start) };
}

/**
 * Files laid on as few lanes as the run had spec threads: a thread runs one file at a time and
 * takes the next when it is free, so a file starts on the lane that freed first. (The threads'
 * own names are not in the results: Allure's thread label names the main thread for most.)
 */
function lanes(spans: Span[]): { file: string; start: number; stop: number; checks: number; requests: number; longest: Span }[][] {
  const files = new Map<string, Span[]>();
  for (const sp of spans) files.set(sp.file, [...(files.get(sp.file) ?? []), sp]);
  const order = [...files].map(([file, l]) => ({
    file,
    start: Math.min(...l.map((x) => x.start)),
    stop: Math.max(...l.map((x) => x.stop)),
    checks: l.length,
    requests: l.reduce((n, x) => n + x.requests, 0),
    longest: l.reduce((a, b) => (b.stop - b.start > a.stop - a.start ? b : a)),
  }));
  order.sort((a, b) => a.start - b.start);
  const out: (typeof order)[] = [];
  for (const f of order) {
    const free = out.filter((lane) => lane.at(-1)!.stop <= f.start + 50).sort((a, b) => a.at(-1)!.stop - b.at(-1)!.stop)[0];
    if (free) free.push(f);
    else out.push([f]);
  }
  return out;
}

function report(dir: string): void {
  const trace = JSON.parse(readFileSync(join(dir, 'proxy-trace.json'), 'utf8')) as Trace;
  const checks = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8')) as CheckRow[];
  const { spans, holds } = spansOf(dir, checks);
  const firstRequest = Math.min(...trace.requests.map((r) => r[0]));
  const from = Math.min(...spans.map((x) => x.start));
  const to = Math.max(...trace.requests.map((r) => r[1]));
  const cap = trace.maxConcurrency;
  const phaseEnd = firstRequest + (trace.phases.probe ?? 0) + trace.checksMs;
  console.log(`cap ${cap}, delay ${trace.delayMs} ms, proxied check phase ${s(trace.checksMs)} (direct ${s(trace.directChecksMs)}), ${trace.requests.length} requests:`);
  console.log(
    `  phase       start-up ${s(from - firstRequest - (trace.phases.probe ?? 0))} (vitest, spec threads), checks ${s(to - from)} (first check start → last answer), after the last answer ${s(phaseEnd - to)} (reporters, vitest closing)`,
  );
  const occ = occupancy(trace.requests, from, to);
  const total = to - from;
  const bands: [string, (n: number) => boolean][] = [
    ['0-1', (n) => n <= 1],
    ['2-5', (n) => n >= 2 && n <= 5],
    [`6-${cap - 1}`, (n) => n >= 6 && n < cap],
    [`${cap}`, (n) => n >= cap],
  ];
  const pct = (test: (n: number) => boolean): string => `${((100 * [...occ.share].filter(([n]) => test(n)).reduce((a, [, ms]) => a + ms, 0)) / total).toFixed(0)}%`;
  console.log(`  in flight   average ${occ.average.toFixed(1)} of ${cap}; share of the checks' time at ` + bands.map(([name, test]) => `${name}: ${pct(test)}`).join(', '));
  const slices: string[] = [];
  for (let i = 0; i < 10; i++) slices.push(occupancy(trace.requests, from + (i * total) / 10, from + ((i + 1) * total) / 10).average.toFixed(1));
  console.log(`  by tenths   ${slices.join(' ')}`);
  const seconds: string[] = [];
  for (let t = from; t < to; t += 1000) seconds.push(occupancy(trace.requests, t, Math.min(to, t + 1000)).average.toFixed(0));
  console.log(`  by seconds  ${seconds.join(' ')}`);
  const laid = lanes(spans);
  console.log(`  threads     ${laid.length} lanes; each lane's files: start+duration (checks, requests, longest check)`);
  for (const lane of laid) {
    console.log(`    idle for the last ${s(to - lane.at(-1)!.stop)}: ` + lane.map((f) => `${short(f.file)} ${s(f.start - from)}+${s(f.stop - f.start)} (${f.checks}, ${f.requests}, ${s(f.longest.stop - f.longest.start)})`).join(', '));
  }
  const longest = [...spans].sort((a, b) => b.stop - b.start - (a.stop - a.start)).slice(0, 10);
  console.log(`  longest     checks by duration (requests × ${trace.delayMs} ms: the least a check of one chain of requests takes):`);
  for (const x of longest) console.log(`    ${s(x.stop - x.start)} at ${s(x.start - from)}, ${x.requests} requests = ${s(x.requests * trace.delayMs)}: ${x.id} (${short(x.file)})`);
  console.log(`  holds       ${holds.length}: at, turn and drain, then held, requests in flight while held (of ${cap}), check`);
  for (const h of holds) {
    const waited = Number(h.waited);
    const heldFrom = Number.isFinite(waited) ? h.start + waited : h.start;
    console.log(`    ${s(h.start - from)}  ${h.waited} ms + ${Math.max(0, Math.round(h.stop - heldFrom))} ms  ${occupancy(trace.requests, heldFrom, Math.max(heldFrom + 1, h.stop)).average.toFixed(1)}  ${h.kind}: ${h.id.split('/')[0]}`);
  }
}

const root = process.argv[2];
if (!root || !existsSync(root)) {
  console.error('Give the directory EDFI_BENCH_TRACE named: tsx bench/latency-trace.ts <dir>.');
  process.exit(2);
}
for (const d of readdirSync(root).filter((d) => d.startsWith('cap-')).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))) report(join(root, d));
