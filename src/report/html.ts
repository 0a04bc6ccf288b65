// Builds the Allure Report 3 HTML report from the results (the `allure` package CLI, no Java): one
// self-contained index.html that opens from disk (file://), and evaluates the quality gate.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLURE_CATEGORIES } from './allure-setup.js';
import { postprocessAllureReport } from './html-postprocess.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALLURE_CLI = join(REPO_ROOT, 'node_modules', 'allure', 'cli.js');
const CONFIG = fileURLToPath(new URL('./allurerc.mjs', import.meta.url));
const NODE20_POLYFILL = fileURLToPath(new URL('./node20-iterator-helpers.mjs', import.meta.url));

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

/** Resolves with undefined on success, or a one-line reason the report could not be built. */
export function buildHtmlReport(input: HtmlReportInput): Promise<string | undefined> {
  const cli = allureCliPath();
  if (!cli) return Promise.resolve('the allure package is not installed');
  // Allure writes each plugin into a sub-folder and flattens it only when it is the only folder
  // in the output: files left by an earlier run would leave a stale report at the top.
  rmSync(input.outputDir, { recursive: true, force: true });
  repairHistory(input.historyPath);
  return new Promise((resolve) => {
    runAllure(cli, ['generate', input.resultsDir, '--config', CONFIG, '--output', input.outputDir], input,
      (error, _stdout, stderr) => {
        if (error && !existsSync(join(input.outputDir, 'index.html'))) {
          resolve(`allure generate failed: ${(stderr || error.message).trim().split('\n').slice(-1)[0]}`);
        } else {
          postprocessAllureReport(input.outputDir);
          resolve(undefined);
        }
      },
    );
  });
}

export interface QualityGateOutcome {
  passed: boolean;
  /** One line per violated rule, as Allure words it. */
  violations: string[];
}

/**
 * Evaluates the allurerc quality gate (no MUST failure; at least the expected number of checks).
 * `allure generate` does not evaluate it, so the runner calls `allure quality-gate` itself.
 */
export function evaluateQualityGate(input: HtmlReportInput): Promise<QualityGateOutcome | undefined> {
  const cli = allureCliPath();
  if (!cli) return Promise.resolve(undefined);
  // The gate command writes its own files into ./allure-report of its working directory; give it
  // a scratch one so nothing lands in the repository or in the HTML report being generated.
  const scratch = mkdtempSync(join(tmpdir(), 'edfi-quality-gate-'));
  return new Promise((resolve) => {
    // Its own history file too: `generate` appends to the real one at the same moment.
    const gateInput = { ...input, cwd: scratch, historyPath: join(scratch, 'history.jsonl') };
    runAllure(cli, ['quality-gate', input.resultsDir, '--config', CONFIG], gateInput, (error, stdout, stderr) => {
      rmSync(scratch, { recursive: true, force: true });
      const lines = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim());
      const violations = lines.filter((l) => l.startsWith('⨯')).map((l) => l.replace(/^⨯\s*/, '').replace(/\s{2,}/g, ' — '));
      if (error && !violations.length) resolve(undefined); // the gate itself could not run
      else resolve({ passed: !error, violations });
    });
  });
}

function runAllure(
  cli: string,
  args: string[],
  input: HtmlReportInput & { cwd?: string },
  done: (error: Error | null, stdout: string, stderr: string) => void,
): void {
  execFile(
    process.execPath,
    // Allure 3 uses iterator helpers that Node 20 lacks; the polyfill is loaded into its process only.
    ['--import', NODE20_POLYFILL, cli, ...args],
    {
      cwd: input.cwd ?? REPO_ROOT,
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
