// `npm test`: (a) the project's own tests (vitest over test/**/*.test.ts, in a child process so
// its workers and exit code stay its own), (b) the self-test (faithful run + kill matrix, then the
// persona matrix), and (c) a summary that does not depend on reports/, closing with
// `N passed, N failed` on its own line. The full suite runs once: the project tests' full run
// (test/src/cli/reference-host-runs.test.ts) is handed to the kill matrix as its faithful run
// (test/self-test/shared-run.ts). Exits non-zero on any failure; a survivor, a
// faithful-host failure or a persona whose verdicts are not all true counts as one.
//   npm test -- --skip-self-test     only (a)
//   npm test -- --only-self-test     only (b)
//   npm test -- --skip-personas      (a) and (b) without the persona matrix
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runKillMatrix } from './self-test/kill-matrix.js';
import type { PersonaMatrixSummary } from './self-test/persona-matrix.js';
import { runBothMatrices } from './self-test/one-pool.js';
import { renderPersonaText, writePersonaReports } from './self-test/persona-report.js';
import { renderText, writeSelfTestReports } from './self-test/report.js';
import { readSharedRun, SHARED_FULL_RUN_ENV } from './self-test/shared-run.js';
import { MODULE_CACHE_ENV } from '../src/cli/run.js';
import { cpuSeconds } from './cpu-time.js';
import type { SelfTestSummary } from './self-test/types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

interface UnitOutcome {
  passed: number;
  failed: number;
  skipped: number;
  /** Set when vitest could not report (crash, no JSON). */
  error?: string;
  durationMs: number;
  /** CPU seconds of the part (cpu-time.ts). */
  cpuS: number;
}

/** Vitest's JSON reporter output (the fields we read). */
interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  success: boolean;
  testResults?: Array<{ status: string; message?: string; name: string }>;
}

/** Free bytes a memory-backed file system must have to hold npm test's files (about 100 MB at the end, more at peaks). */
const MEMORY_FS_MIN_FREE = 4 * 1024 ** 3;

/**
 * Where the scratch directory goes: /dev/shm when it is a memory-backed file system with room to
 * spare (Linux), else the OS temp directory. Every full run writes about 7,000 Allure files; on
 * this machine's ext4 /tmp, creating them cost 0.7-1.7 CPU-s per run in the writing process
 * (openSync was a tenth of a full run's main-thread profile), plus the kernel's journal work
 * beside it, against under 0.1 s in memory. TMPDIR given by the caller wins: it says where.
 */
function scratchParent(): string {
  if (process.env.TMPDIR) return tmpdir();
  try {
    const fs = statfsSync('/dev/shm');
    // TMPFS_MAGIC: a disk mounted there would not be faster than /tmp.
    if (fs.type === 0x01021994 && fs.bavail * fs.bsize >= MEMORY_FS_MIN_FREE) return '/dev/shm';
  } catch {
    // No /dev/shm (not Linux): the OS temp directory.
  }
  return tmpdir();
}

/**
 * The temporary directory of everything npm test starts (TMPDIR, which os.tmpdir() reads): the
 * tests' report, config and ledger directories, the fault runs', Chromium's profiles. Many tests
 * leave theirs for a person to look into, and over many runs they filled the OS temp directory
 * (about 30 directories and up to hundreds of MB per run). Removed when everything passed; kept,
 * and named in the summary, when something failed. The reference host's seeded image stays in the
 * OS temp directory, shared with other runs (EDFI_HOST_IMAGE_DIR).
 */
const scratchDir = mkdtempSync(join(scratchParent(), 'npm-test-scratch-'));
// As open as the OS temp directory: under root, the PostgreSQL tests run the server as the
// 'postgres' user in a directory of their own in here (test/host/postgres-server.ts).
chmodSync(scratchDir, 0o1777);
process.env.EDFI_HOST_IMAGE_DIR ??= tmpdir();
process.env.TMPDIR = scratchDir;

/** Where the project tests' full run records its reports for the kill matrix (shared-run.ts). */
const sharedRunFile = join(mkdtempSync(join(tmpdir(), 'npm-test-shared-')), 'full-run.json');

/**
 * vitest's transformed modules, kept for every conformance run of npm test (runConformance reads
 * MODULE_CACHE_ENV): the project tests' runs and the self-test's ~170 runs each start a new
 * vitest, and only the first ones need to transform the harness and the specs. Removed at the end.
 */
const moduleCacheDir = mkdtempSync(join(tmpdir(), 'npm-test-modules-'));
process.env[MODULE_CACHE_ENV] = moduleCacheDir;

async function runProjectTests(): Promise<UnitOutcome> {
  const started = performance.now();
  const cpuBefore = cpuSeconds();
  const dir = mkdtempSync(join(tmpdir(), 'npm-test-'));
  const jsonFile = join(dir, 'vitest.json');
  const vitestBin = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const code = await new Promise<number>((done) => {
    const child = spawn(
      process.execPath,
      // Two workers: vitest's default on a 2-core machine is one, and most of these tests wait on
      // sockets and databases rather than burn CPU.
      [vitestBin, 'run', '--config', 'vitest.config.ts', '--maxWorkers=2', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, [SHARED_FULL_RUN_ENV]: sharedRunFile } },
    );
    child.on('exit', (exitCode) => done(exitCode ?? 1));
    child.on('error', () => done(1));
  });
  const durationMs = Math.round(performance.now() - started);
  const cpuS = cpuSeconds() - cpuBefore;
  try {
    const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as VitestJson;
    // A file that fails to load has no test results but fails the run: count it as one failure.
    const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && f.message).length;
    const failed = json.numFailedTests + (json.numFailedTests === 0 && !json.success ? Math.max(1, brokenFiles) : 0);
    return { passed: json.numPassedTests, failed, skipped: json.numPendingTests + (json.numTodoTests ?? 0), durationMs, cpuS };
  } catch {
    return { passed: 0, failed: 1, skipped: 0, durationMs, cpuS, error: `vitest exited with code ${code} and wrote no results` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The kill matrix (faithful run shared with the project tests' full run) and the persona matrix, on one pool. */
async function runMatrices(withPersonas: boolean): Promise<{ self: SelfTestSummary | { error: string }; personas?: PersonaMatrixSummary | { error: string }; wallMs?: number }> {
  console.log(`\n== self-test: faithful host + kill matrix${withPersonas ? ' + persona matrix (compound vendor hosts), one worker pool' : ''} ==`);
  try {
    const faithful = readSharedRun(sharedRunFile, 'faithful');
    let self: SelfTestSummary;
    let personas: PersonaMatrixSummary | undefined;
    let wallMs: number | undefined;
    if (withPersonas) {
      ({ kill: self, personas, wallMs } = await runBothMatrices({ faithful }, {}));
    } else {
      self = await runKillMatrix({ faithful });
    }
    console.log(renderText(self));
    const files = writeSelfTestReports(self, join(ROOT, 'reports', 'self-test'));
    console.log(`  written: ${files.markdown}, ${files.json}`);
    if (personas) {
      console.log(renderPersonaText(personas));
      const written = writePersonaReports(personas, join(ROOT, 'reports', 'self-test'));
      console.log(`  written: ${written.markdown}, ${written.json}`);
    }
    return { self, personas, wallMs };
  } catch (error) {
    const failure = { error: (error as Error).stack ?? String(error) };
    return { self: failure, personas: withPersonas ? failure : undefined };
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  let unit: UnitOutcome | undefined;
  if (!args.has('--only-self-test')) {
    console.log('== project tests (vitest over test/**/*.test.ts) ==');
    unit = await runProjectTests();
  }
  const selfCpuBefore = cpuSeconds();
  const matrices = args.has('--skip-self-test') ? undefined : await runMatrices(!args.has('--skip-personas'));
  const selfCpuS = cpuSeconds() - selfCpuBefore;
  const self = matrices?.self;
  const personas = matrices?.personas;

  let passed = 0;
  let failed = 0;
  const lines = ['', '== summary =='];
  if (unit) {
    passed += unit.passed;
    failed += unit.failed;
    lines.push(`  project tests: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped (${(unit.durationMs / 1000).toFixed(1)} s, CPU ${unit.cpuS.toFixed(0)} s)${unit.error ? ` — ${unit.error}` : ''}`);
  }
  if (self && 'error' in self) {
    failed += 1;
    lines.push(`  self-test: could not run — ${self.error.split('\n')[0]}`);
  } else if (self) {
    // One result for the faithful run, one per fault.
    passed += (self.faithful.passed ? 1 : 0) + self.killed;
    failed += (self.faithful.passed ? 0 : 1) + self.survivors.length;
    lines.push(`  faithful host: ${self.faithful.passed ? 'all green' : `NOT GREEN (${self.faithful.failures.length} failures)`}, ${self.faithful.checks} checks`);
    lines.push(`  mutation score: ${self.killed}/${self.total} = ${(self.score * 100).toFixed(1)}%${self.survivors.length ? ` — survivors: ${self.survivors.map((s) => s.faultId).join(', ')}` : ''}`);
    lines.push(`  unproven checks: ${self.unproven.length}${self.unproven.length ? ` — ${self.unproven.join('; ')}` : ''}`);
    lines.push(`  500 pairs elicited by faults: ${self.elicited500.operations.length}/${self.elicited500.of}`);
    // In one pool with the personas, the stages have no wall times of their own (the pool's is below).
    if (matrices?.wallMs === undefined) lines.push(`  self-test wall time: ${(self.wallMs / 1000).toFixed(1)} s`);
  }
  if (personas && 'error' in personas) {
    failed += 1;
    lines.push(`  persona matrix: could not run — ${personas.error.split('\n')[0]}`);
  } else if (personas) {
    // One result per persona: passed when all of its verdicts are true about its host.
    passed += personas.passed;
    failed += personas.failed;
    const untrue = personas.results.filter((r) => !r.passed).map((r) => r.personaId);
    lines.push(`  persona matrix: ${personas.passed}/${personas.results.length} personas with true verdicts${untrue.length ? ` — not true: ${untrue.join(', ')}` : ''}${matrices?.wallMs === undefined ? ` (${(personas.wallMs / 1000).toFixed(1)} s)` : ''}`);
  }
  if (matrices?.wallMs !== undefined) lines.push(`  self-test and persona matrix, one worker pool: ${(matrices.wallMs / 1000).toFixed(1)} s`);
  if (matrices) lines.push(`  self-test CPU: ${selfCpuS.toFixed(0)} s`);
  // CPU seconds say where the work went; the wall time moves with what else the machine runs (the load).
  lines.push(`  total wall time: ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${cpuSeconds().toFixed(0)} s, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // In /dev/shm they hold memory until removed: say so.
  if (failed > 0) lines.push(`  the tests' temporary files are kept in ${scratchDir}${scratchDir.startsWith('/dev/shm/') ? ' (in memory: remove it when done)' : ''}`);
  console.log(lines.join('\n'));
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

try {
  await main();
} finally {
  rmSync(moduleCacheDir, { recursive: true, force: true });
  if (process.exitCode === 0) rmSync(scratchDir, { recursive: true, force: true });
}
