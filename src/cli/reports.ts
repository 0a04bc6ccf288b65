// Everything written after the checks: executor.json for Allure, conformance.json/md, junit.xml,
// failures.txt (the per-check detail), the HTML report. Every file passes through the redactor.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../config/settings.js';
import { buildHtmlReport, type AllureBuilder, type HtmlReportBeginning, type HtmlReportOutcome, type QualityGateOutcome } from '../report/html.js';
import { FAILURES_FILE, renderFailureDetail } from '../report/failure-detail.js';
import { renderJunit } from '../report/junit.js';
import { buildMatrix, renderMatrixMarkdown, type Matrix } from '../report/matrix.js';
import { redactText, redactValue } from '../report/redact.js';
import type { CollectedResults } from '../report/results.js';
import { writeExecutor } from '../report/allure-setup.js';
import { allRequirements } from '../requirements/index.js';
import { ods73Contract } from '../contract/contract-sources.js';
import { documentedPairs, RESOURCES } from '../resources/index.js';
import type { RunContext } from '../runtime/run-context.js';
import type { FinalSweep } from './sweep.js';
import type { BaselineOutcome } from '../ci/baseline.js';
import { buildRunIdentity } from '../ci/run-identity.js';

export interface ReportPaths {
  allureResults: string;
  allureReport?: string;
  /** Why the HTML report is missing, when it is. */
  htmlProblem?: string;
  /** The Allure quality gate (no MUST failure, enough checks ran); undefined when it could not be evaluated. */
  qualityGate?: QualityGateOutcome;
  junit: string;
  /** The per-check detail of every check that did not pass; absent when all passed or skipped. */
  failures?: string;
  matrixJson: string;
  matrixMarkdown: string;
}

export async function writeReports(input: {
  run: RunContext;
  settings: Settings;
  collected: CollectedResults;
  sweep: FinalSweep;
  baseline?: BaselineOutcome;
  startedAt?: Date;
  /** The Allure process the run started early (startAllureBuilder); else one is started here. */
  allure?: AllureBuilder;
}): Promise<ReportPaths> {
  const { run, settings, collected } = input;
  const dir = run.reportDir;
  mkdirSync(dir, { recursive: true });
  const allureResults = join(dir, 'allure-results');
  writeExecutor(allureResults, run);
  const resources = run.resources ?? RESOURCES.map((d) => d.name);
  // The Allure child process starts first: the matrix, JUnit and failure detail are written by
  // this process while it runs, and conformance.json (which records the quality gate) after it.
  const html = settings.html ? startHtmlReport(run, settings, collected, input.allure) : undefined;

  const matrix: Matrix = buildMatrix({
    requirements: allRequirements(),
    resources,
    // Each selected resource's table of the committed contract; for sessions it equals the seed's 60
    // pairs (test/src/contract/contract.test.ts). Pairs no check can elicit are marked (src/resources/pairs.ts).
    pairs: RESOURCES.filter((d) => resources.includes(d.name)).flatMap((d) => documentedPairs(d, ods73Contract())),
    checks: collected.checks,
    target: run.main.urls.root,
    profile: run.profile,
    seed: run.seed,
  });
  const matrixJson = join(dir, 'conformance.json');
  const matrixMarkdown = join(dir, 'conformance.md');
  const paths: ReportPaths = { allureResults, junit: join(dir, 'junit.xml'), matrixJson, matrixMarkdown };
  writeFileSync(paths.junit, renderJunit({ checks: collected.checks, suiteErrors: collected.suiteErrors, resources }));
  paths.failures = writeFailureDetail(dir, collected);
  writeFileSync(matrixMarkdown, redactText(renderMatrixMarkdown(matrix)));
  if (html) {
    const { problem, gate } = await html.outcome;
    if (problem) paths.htmlProblem = problem;
    else paths.allureReport = html.outputDir;
    paths.qualityGate = gate;
  }
  // Who ran what against which host: compare, the CI summary and the bundle read it back.
  const identity = buildRunIdentity({
    target: run.main.urls.root, embedded: !!run.embedded, discovery: run.discovery, profile: run.profile, seed: run.seed,
    readOnly: run.readOnly, grep: settings.grep, resources, startedAt: input.startedAt ?? new Date(), finishedAt: new Date(),
  });
  // Redacted value by value (redactValue), then once more as a whole: a string is seen with its real
  // quotes before JSON escapes them.
  const json = { ...matrix, run: identity, qualityGate: paths.qualityGate, baseline: input.baseline, checks: collected.checks, sweep: input.sweep, leftovers: input.sweep.leftovers, suiteErrors: collected.suiteErrors };
  writeFileSync(matrixJson, redactText(JSON.stringify(redactValue(json), null, 2)));
  return paths;
}

/** Where the HTML report is built from and into, and its name: known once the run is probed. */
function htmlBeginning(run: RunContext): HtmlReportBeginning {
  const resources = run.resources ?? RESOURCES.map((d) => d.name);
  return {
    resultsDir: join(run.reportDir, 'allure-results'),
    outputDir: join(run.reportDir, 'allure-report'),
    historyPath: join(run.reportDir, 'history.jsonl'),
    reportName: `Ed-Fi ${resources.join(', ')} conformance (${run.profile}, seed ${run.seed})`,
  };
}

/** The checks are about to start: the Allure process started early reads their results as they are written. */
export function beginHtmlReport(run: RunContext, allure: AllureBuilder): void {
  allure.begin(htmlBeginning(run));
}

function startHtmlReport(run: RunContext, settings: Settings, collected: CollectedResults, allure?: AllureBuilder): { outputDir: string; outcome: Promise<HtmlReportOutcome> } {
  const beginning = htmlBeginning(run);
  const input = { ...beginning, expectedChecks: settings.grep ? collected.checks.length : collected.checks.length + collected.notRun };
  return { outputDir: beginning.outputDir, outcome: allure ? allure.build(input) : buildHtmlReport(input) };
}

/** failures.txt, or nothing (and no stale file from an earlier run) when every check passed or skipped. */
function writeFailureDetail(dir: string, collected: CollectedResults): string | undefined {
  const file = join(dir, FAILURES_FILE);
  const detail = renderFailureDetail(collected.checks);
  if (!detail) {
    rmSync(file, { force: true });
    return undefined;
  }
  writeFileSync(file, redactText(detail));
  return file;
}
