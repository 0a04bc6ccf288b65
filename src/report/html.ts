// Builds the Allure Report 3 HTML report from the results (the `allure` package, no Java): one
// self-contained index.html that opens from disk (file://), and evaluates the quality gate, both
// in one child process (allure-build.mjs).
import { execFile } from 'node:child_process';
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

/**
 * Builds the report and evaluates the quality gate in one Allure process (allure-build.mjs):
 * `allure generate` does not evaluate the gate, and a second process for `allure quality-gate`
 * read every results file again.
 */
export function buildHtmlReport(input: HtmlReportInput): Promise<HtmlReportOutcome> {
  if (!allureCliPath()) return Promise.resolve({ problem: 'the allure package is not installed' });
  // Allure writes each plugin into a sub-folder and flattens it only when it is the only folder
  // in the output: files left by an earlier run would leave a stale report at the top.
  rmSync(input.outputDir, { recursive: true, force: true });
  repairHistory(input.historyPath);
  return new Promise((resolve) => {
    runAllure(BUILD_SCRIPT, [input.resultsDir, CONFIG, input.outputDir], input, (error, stdout, stderr) => {
      const outcome: HtmlReportOutcome = { gate: parseGate(stdout) };
      if (error && !existsSync(join(input.outputDir, 'index.html'))) {
        outcome.problem = `allure generate failed: ${(stderr || error.message).trim().split('\n').slice(-1)[0]}`;
      } else {
        postprocessAllureReport(input.outputDir);
      }
      resolve(outcome);
    });
  });
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

function runAllure(
  script: string,
  args: string[],
  input: HtmlReportInput,
  done: (error: Error | null, stdout: string, stderr: string) => void,
): void {
  execFile(
    process.execPath,
    // Allure 3 uses iterator helpers that Node 20 lacks; the polyfill is loaded into its process only.
    ['--import', NODE20_POLYFILL, script, ...args],
    {
      cwd: REPO_ROOT,
      timeout: input.timeoutMs ?? 120_000,
      env: {
        // Without the run's settings: the run context and EDFI_* variables carry credentials.
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('EDFI_'))),
        EDFI_ALLURE_HISTORY: input.historyPath,
        EDFI_ALLURE_MIN_TESTS: String(input.expectedChecks),
        EDFI_ALLURE_REPORT_NAME: input.reportName,
        // The categories live in TypeScript (allure-setup.ts); the .mjs config cannot import it.
        EDFI_ALLURE_CATEGORIES: JSON.stringify(ALLURE_CATEGORIES),
        // Captured output is parsed; no colour codes.
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      maxBuffer: 16 * 1024 * 1024,
    },
    (error, stdout, stderr) => done(error, String(stdout), String(stderr)),
  );
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
