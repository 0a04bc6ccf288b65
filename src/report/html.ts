// Builds the Allure Report 3 HTML report from the results (the `allure` package, no Java): one
// self-contained index.html that opens from disk (file://), and evaluates the quality gate, both
// in one child process (allure-build.mjs), which the runner starts early (startAllureBuilder) so
// that loading Allure overlaps the hosts and the checks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLURE_CATEGORIES } from './allure-setup.js';
import { postprocessAllureReport } from './html-postprocess.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALLURE_CLI = join(REPO_ROOT, 'node_modules', 'allure', 'cli.js');
const CONFIG = fileURLToPath(new URL('./allurerc.mjs', import.meta.url));
const NODE20_POLYFILL = fileURLToPath(new URL('./node20-iterator-helpers.mjs', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('./allure-build.mjs', import.meta.url));

export interface HtmlReportInput {
  resultsDir: string;
  outputDir: string;
  historyPath: string;
  expectedChecks: number;
  reportName: string;
  timeoutMs?: number;
}

export function allureCliPath(): string | undefined {
  if (existsSync(ALLURE_CLI)) return ALLURE_CLI;
  const bin = join(REPO_ROOT, 'node_modules', '.bin', 'allure');
  return existsSync(bin) ? bin : undefined;
}

export interface QualityGateOutcome {
  passed: boolean;
  /** One line per violated rule, as Allure words it. */
  violations: string[];
}

export interface HtmlReportOutcome {
  /** Why the report is missing, when it is: one line. */
  problem?: string;
  /** The allurerc quality gate (no MUST failure; at least the expected number of checks); undefined when it could not be evaluated. */
  gate?: QualityGateOutcome;
}

/** What the report is built from and into, known when the checks start. */
export type HtmlReportBeginning = Omit<HtmlReportInput, 'expectedChecks' | 'timeoutMs'>;

/**
 * The Allure child process (allure-build.mjs), started ahead of its work: it loads Allure's modules
 * while the run's hosts start, reads each results file as the run writes it (begin, then written),
 * and generates the report when build() hands it the rest. A run that ends without reports
 * disposes of it (its stdin closes and it exits).
 */
export interface AllureBuilder {
  /** The checks are about to start: where the results go and the report will be. */
  begin(input: HtmlReportBeginning): void;
  /** A results file the run has finished writing (its name in the results directory). */
  written(name: string): void;
  /** Builds the report and evaluates the quality gate (at most once; begins first if begin was not called). */
  build(input: HtmlReportInput): Promise<HtmlReportOutcome>;
  /** Ends the process if build() was never called; harmless after it. */
  dispose(): void;
}

/**
 * Starts the Allure child process now, for a build later; undefined when the allure package is not
 * installed (build then reports it). `allure generate` does not evaluate the gate, and a second
 * process for `allure quality-gate` read every results file again, hence one process for both.
 */
export function startAllureBuilder(): AllureBuilder | undefined {
  if (!allureCliPath()) return undefined;
  const started = spawnAllure();
  const send = (message: object): void => void started.child.stdin?.write(`${JSON.stringify(message)}\n`);
  let begun = false;
  let used = false;
  const prepare = (input: HtmlReportBeginning): void => {
    // Allure writes each plugin into a sub-folder and flattens it only when it is the only folder
    // in the output: files left by an earlier run would leave a stale report at the top.
    rmSync(input.outputDir, { recursive: true, force: true });
    repairHistory(input.historyPath);
  };
  return {
    begin(input) {
      if (begun || used) return;
      begun = true;
      prepare(input);
      send({ begin: jobOf(input) });
    },
    written(name) {
      if (begun && !used) send({ file: name });
    },
    build(input) {
      if (used) throw new Error('an Allure builder builds one report');
      used = true;
      if (!begun) prepare(input);
      // The timeout counts from here, not from the process's start.
      const timer = setTimeout(() => started.child.kill(), input.timeoutMs ?? 120_000);
      started.child.stdin?.end(`${JSON.stringify({ end: jobOf(input, input.expectedChecks) })}\n`);
      return started.exited.then(({ error, stdout, stderr }) => {
        clearTimeout(timer);
        const outcome: HtmlReportOutcome = { gate: parseGate(stdout) };
        if (error && !existsSync(join(input.outputDir, 'index.html'))) {
          outcome.problem = `allure generate failed: ${(stderr || error.message).trim().split('\n').slice(-1)[0]}`;
        } else {
          postprocessAllureReport(input.outputDir);
        }
        return outcome;
      });
    },
    dispose() {
      if (!used) started.child.stdin?.end();
    },
  };
}

/** Builds the report and evaluates the quality gate in a fresh Allure process (startAllureBuilder, used at once). */
export function buildHtmlReport(input: HtmlReportInput): Promise<HtmlReportOutcome> {
  const builder = startAllureBuilder();
  return builder ? builder.build(input) : Promise.resolve({ problem: 'the allure package is not installed' });
}

/** A begin or end message's job: the paths and the variables allurerc.mjs reads (the check count at the end only). */
function jobOf(input: HtmlReportBeginning, expectedChecks?: number): object {
  return {
    resultsDir: input.resultsDir,
    configPath: CONFIG,
    outputDir: input.outputDir,
    env: {
      EDFI_ALLURE_HISTORY: input.historyPath,
      EDFI_ALLURE_REPORT_NAME: input.reportName,
      // The categories live in TypeScript (allure-setup.ts); the .mjs config cannot import it.
      EDFI_ALLURE_CATEGORIES: JSON.stringify(ALLURE_CATEGORIES),
      ...(expectedChecks === undefined ? {} : { EDFI_ALLURE_MIN_TESTS: String(expectedChecks) }),
    },
  };
}

/** The `GATE …` line of allure-build.mjs; violations are the lines Allure marks with ⨯. */
function parseGate(stdout: string): QualityGateOutcome | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith('GATE '));
  if (!line) return undefined;
  const gate = JSON.parse(line.slice('GATE '.length)) as { passed: boolean; text: string } | null;
  if (!gate) return undefined;
  const lines = gate.text.split('\n').map((l) => l.trim());
  const violations = lines.filter((l) => l.startsWith('⨯')).map((l) => l.replace(/^⨯\s*/, '').replace(/\s{2,}/g, ' — '));
  return { passed: gate.passed, violations };
}

interface StartedAllure {
  child: ChildProcess;
  /** Settles when the process ends: error is set for a non-zero exit, a signal or a failed start. */
  exited: Promise<{ error: Error | null; stdout: string; stderr: string }>;
}

function spawnAllure(): StartedAllure {
  const child = spawn(
    process.execPath,
    // Allure 3 uses iterator helpers that Node 20 lacks; the polyfill is loaded into its process only.
    ['--import', NODE20_POLYFILL, BUILD_SCRIPT],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        // Without the run's settings: the run context and EDFI_* variables carry credentials (the
        // job brings the few the config reads).
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('EDFI_'))),
        // Captured output is parsed; no colour codes.
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
    },
  );
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => out.push(b));
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  // A job written after the process died (it could not start) must not throw EPIPE in the runner.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<{ error: Error | null; stdout: string; stderr: string }>((resolve) => {
    let startError: Error | null = null;
    child.once('error', (e) => (startError = e));
    child.once('close', (code, signal) => {
      const error = startError ?? (code === 0 ? null : new Error(signal ? `the Allure process ended by ${signal}` : `the Allure process exited ${code}`));
      resolve({ error, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
  return { child, exited };
}

/**
 * Allure refuses to build a report when one line of the history file is not JSON (a run killed
 * while writing it). Keep the lines that parse, so one bad run does not end the trend.
 */
export function repairHistory(path: string): void {
  if (!existsSync(path)) return;
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
  const good = lines.filter((l) => {
    try {
      JSON.parse(l);
      return true;
    } catch {
      return false;
    }
  });
  if (good.length !== lines.length) writeFileSync(path, good.length ? `${good.join('\n')}\n` : '');
}
