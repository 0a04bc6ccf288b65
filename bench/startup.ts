// Host start to first served request (issue 2): embedded cold (initdb + schema + seed in WASM),
// embedded warm (from the per-process seeded image), and a PostgreSQL server when
// EDFI_BENCH_DATABASE_URL is set (schema wiped and re-applied, then seeded). Then the phase split
// of one embedded run (bench/embedded-phases.ts; EDFI_BENCH_SKIP=phases leaves it out).
// The first host of a process is measured in child processes sharing a fresh image directory:
// the first child starts cold and writes the on-disk image, the second loads it.
// Run: npx tsx bench/startup.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../host/index.js';
import { measureEmbeddedPhases, printEmbeddedPhases } from './embedded-phases.js';
import { Budget, BudgetExceeded, budgetSeconds, machineLine, skipped } from './support.js';

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

function firstHostInChild(imageDir: string): number {
  const script = fileURLToPath(import.meta.url);
  const tsx = path.resolve(path.dirname(script), '../node_modules/.bin/tsx');
  const output = execFileSync(tsx, [script, '--first-host-only'], { env: { ...process.env, EDFI_HOST_IMAGE_DIR: imageDir }, encoding: 'utf8' });
  return Number(/first-host-ms=(\d+)/.exec(output)?.[1]);
}

async function main(): Promise<void> {
  if (process.argv.includes('--first-host-only')) {
    const { ms } = await measureStartup('first host');
    console.log(`first-host-ms=${Math.round(ms)}`);
    return;
  }
  const imageDir = mkdtempSync(path.join(os.tmpdir(), 'edfi-startup-'));
  const rows: Array<{ label: string; ms: number }> = [];
  try {
    rows.push({ label: 'embedded PGlite, cold (new process, no image)', ms: firstHostInChild(imageDir) });
    rows.push({ label: 'embedded PGlite, new process, image on disk', ms: firstHostInChild(imageDir) });
  } finally {
    rmSync(imageDir, { recursive: true, force: true });
  }
  rows.push(await measureStartup('embedded PGlite, first host in this process'));
  for (let i = 0; i < 3; i++) rows.push(await measureStartup(`embedded PGlite, warm #${i + 1} (image in memory)`));
  const url = process.env.EDFI_BENCH_DATABASE_URL;
  if (url) for (let i = 0; i < 3; i++) rows.push(await measureStartup(`PostgreSQL server #${i + 1}`, url));
  else rows.push({ label: 'PostgreSQL server: skipped (set EDFI_BENCH_DATABASE_URL)', ms: Number.NaN });
  console.log(machineLine());
  for (const row of rows) console.log(`${row.label.padEnd(58)} ${Number.isNaN(row.ms) ? '' : `${Math.round(row.ms)} ms`}`);
  if (skipped('phases')) return;
  const budget = new Budget('the embedded run', budgetSeconds());
  try {
    printEmbeddedPhases(await measureEmbeddedPhases(budget));
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    console.log(error.message);
  } finally {
    budget.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
