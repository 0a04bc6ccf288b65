// Host start to first served request (issue 2): embedded cold (initdb + schema + seed in WASM),
// embedded warm (from the per-process seeded image), and a PostgreSQL server when
// EDFI_BENCH_DATABASE_URL is set (schema wiped and re-applied, then seeded).
// Run: npx tsx bench/startup.ts
import http from 'node:http';
import os from 'node:os';
import { startHost } from '../host/index.js';

function firstRequest(baseUrl: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(`${baseUrl}/`, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

export async function measureStartup(label: string, databaseUrl?: string): Promise<{ label: string; ms: number }> {
  const started = performance.now();
  const host = await startHost({ port: 0, quiet: true, databaseUrl });
  const status = await firstRequest(host.baseUrl);
  const ms = performance.now() - started;
  await host.stop();
  if (status !== 200) throw new Error(`${label}: discovery answered ${status}`);
  return { label, ms };
}

async function main(): Promise<void> {
  const rows = [await measureStartup('embedded PGlite, cold (first host in the process)')];
  for (let i = 0; i < 3; i++) rows.push(await measureStartup(`embedded PGlite, warm #${i + 1} (seeded image)`));
  const url = process.env.EDFI_BENCH_DATABASE_URL;
  if (url) for (let i = 0; i < 3; i++) rows.push(await measureStartup(`PostgreSQL server #${i + 1}`, url));
  else rows.push({ label: 'PostgreSQL server: skipped (set EDFI_BENCH_DATABASE_URL)', ms: Number.NaN });
  console.log(`machine: ${os.cpus().length} cores, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join('/')}`);
  for (const row of rows) console.log(`${row.label.padEnd(58)} ${Number.isNaN(row.ms) ? '' : `${Math.round(row.ms)} ms`}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
