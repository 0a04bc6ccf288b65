// Builds the Allure Report 3 HTML report from the results (the `allure` package CLI, no Java).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postprocessAllureReport } from './html-postprocess.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALLURE_CLI = join(REPO_ROOT, 'node_modules', 'allure', 'cli.js');
const CONFIG = fileURLToPath(new URL('./allurerc.mjs', import.meta.url));

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
  const args = [cli, 'generate', input.resultsDir, '--config', CONFIG, '--output', input.outputDir];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: REPO_ROOT,
        timeout: input.timeoutMs ?? 120_000,
        env: {
          ...process.env,
          EDFI_ALLURE_HISTORY: input.historyPath,
          EDFI_ALLURE_MIN_TESTS: String(input.expectedChecks),
          EDFI_ALLURE_REPORT_NAME: input.reportName,
          // The report is the product here; no colour codes in captured output.
          NO_COLOR: '1',
          FORCE_COLOR: '0',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
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
