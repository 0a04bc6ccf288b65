// Throughput and p50/p99 latency of the reference host for GET by id, a GET-many page of 25 and
// POST (distinct natural keys), beside a bare node:http server answering a tiny JSON body in the
// same run on the same machine, with each case's share of the bare server's req/s against the goal
// of issue 11. Fixed duration per case, bounded concurrency, undici. Part of `npm run bench`, and
// alone as `npm run bench:throughput`.
// EDFI_BENCH_SECONDS (default 5) and EDFI_BENCH_CONCURRENCY (default 16) tune it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { startHost } from '../host/index.js';
import { percentile, runStandalone } from './support.js';

const SECONDS = Number(process.env.EDFI_BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.EDFI_BENCH_CONCURRENCY ?? 16);
const WARMUP_MS = 1000;

export interface CaseResult {
  name: string;
  /** Issue 11's floor for req/s as a share of bare node:http (none for the bare server itself). */
  goal?: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  /** CPU time of this process (client and host) per request: less sensitive to a busy machine than req/s. */
  cpuMsPerRequest: number;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  expect: number;
}

/** Runs `next()` requests from CONCURRENCY workers for `ms`, recording latencies. */
async function drive(pool: Pool, next: () => RequestSpec, ms: number): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const spec = next();
        const t0 = performance.now();
        try {
          const res = await pool.request({ method: spec.method, path: spec.path, headers: spec.headers, body: spec.body });
          await res.body.dump();
          if (res.statusCode !== spec.expect) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, errors, elapsed: performance.now() - started };
}

async function measure(name: string, goal: number | undefined, origin: string, next: () => RequestSpec): Promise<CaseResult> {
  const pool = new Pool(origin, { connections: CONCURRENCY, pipelining: 1 });
  try {
    await drive(pool, next, WARMUP_MS);
    const cpuBefore = process.cpuUsage();
    const { latencies, errors, elapsed } = await drive(pool, next, SECONDS * 1000);
    const cpu = process.cpuUsage(cpuBefore);
    latencies.sort((a, b) => a - b);
    return {
      name,
      goal,
      requests: latencies.length,
      errors,
      rps: latencies.length / (elapsed / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
    };
  } finally {
    await pool.close();
  }
}

async function bareServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const body = Buffer.from(JSON.stringify({ ok: true }));
  const server = http.createServer({ keepAlive: true }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sessionJson(sessionName: string): string {
  return JSON.stringify({
    sessionName,
    schoolReference: { schoolId: 255901001 },
    schoolYearTypeReference: { schoolYear: 2025 },
    beginDate: '2024-08-19',
    endDate: '2024-12-20',
    termDescriptor: 'uri://ed-fi.org/TermDescriptor#Fall Semester',
    totalInstructionalDays: 80,
    gradingPeriods: [
      { gradingPeriodReference: { gradingPeriodDescriptor: 'uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks', gradingPeriodName: '2024-2025 Six Weeks 1', schoolId: 255901001, schoolYear: 2025 } },
    ],
    academicWeeks: [{ academicWeekReference: { schoolId: 255901001, weekIdentifier: 'Week 01 of 2024-2025' } }],
  });
}

export interface ThroughputFigures {
  engine: string;
  results: CaseResult[];
}

export async function measureThroughput(): Promise<ThroughputFigures> {
  const bare = await bareServer();
  const host = await startHost({ port: 0, quiet: true, databaseUrl: process.env.EDFI_BENCH_DATABASE_URL || undefined });
  try {
    const { key, secret } = host.clients.full;
    const tokenRes = await fetch(`${host.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const auth = { Authorization: `Bearer ${token}` };
    const json = { ...auth, 'Content-Type': 'application/json' };

    // Enough sessions that a page of 25 is full.
    let location = '';
    for (let i = 0; i < 60; i++) {
      const res = await fetch(`${host.baseUrl}/data/v3/ed-fi/sessions`, { method: 'POST', headers: json, body: sessionJson(`Bench seed ${i}`) });
      location = res.headers.get('location') ?? location;
    }
    const itemPath = new URL(location).pathname;
    let counter = 0;
    const results = [
      await measure('bare node:http (tiny JSON)', undefined, bare.origin, () => ({ method: 'GET', path: '/', expect: 200 })),
      await measure('GET /ed-fi/sessions/{id}', 0.25, host.baseUrl, () => ({ method: 'GET', path: itemPath, headers: auth, expect: 200 })),
      await measure('GET /ed-fi/sessions?limit=25', 0.1, host.baseUrl, () => ({ method: 'GET', path: '/data/v3/ed-fi/sessions?limit=25', headers: auth, expect: 200 })),
      await measure('POST /ed-fi/sessions (new keys)', 0.05, host.baseUrl, () => ({
        method: 'POST',
        path: '/data/v3/ed-fi/sessions',
        headers: json,
        body: sessionJson(`Bench ${process.pid} ${counter++}`),
        expect: 201,
      })),
    ];
    return { engine: process.env.EDFI_BENCH_DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite', results };
  } finally {
    await host.stop();
    await bare.close();
  }
}

export function printThroughput({ engine, results }: ThroughputFigures): void {
  const baseline = results[0].rps;
  console.log(`host throughput vs bare node:http: storage ${engine}; ${SECONDS}s per case after ${WARMUP_MS} ms warm-up; concurrency ${CONCURRENCY}`);
  console.log(['  case'.padEnd(36), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'vs bare'.padStart(8), 'goal'.padStart(12), 'cpu ms/req'.padStart(11), 'errors'.padStart(7)].join(' '));
  for (const r of results) {
    const share = r.rps / baseline;
    const goal = r.goal === undefined ? '' : `≥${(r.goal * 100).toFixed(0)}% ${share >= r.goal ? 'ok' : 'MISS'}`;
    console.log(
      [
        `  ${r.name}`.padEnd(36),
        r.rps.toFixed(0).padStart(9),
        r.p50.toFixed(1).padStart(8),
        r.p99.toFixed(1).padStart(8),
        `${(share * 100).toFixed(1)}%`.padStart(8),
        goal.padStart(12),
        r.cpuMsPerRequest.toFixed(2).padStart(11),
        String(r.errors).padStart(7),
      ].join(' '),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStandalone('bench:throughput', measureThroughput, printThroughput);
