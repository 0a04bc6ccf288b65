// The Allure reporter of a conformance run: allure-vitest's own, with two changes of when and how
// it writes, none of what. It writes through PlainFileWriter (allure-writer.ts) instead of the
// fsync-per-file writer it creates in onInit; and it writes each check's results when the check
// ends (onTestCaseResult) instead of all ~7,000 files at the end of the run, so the writing
// overlaps the checks still waiting on the target rather than following them. The results are
// allure-vitest's (handleTask: labels, steps, attachments, statuses, file names); a check already
// written is passed over when allure-vitest walks the whole run at its end, which still handles
// what only the end knows (hook errors of suites, global messages).
import AllureVitestReporter from 'allure-vitest/reporter';
import type { AllureVitestReporterConfig } from 'allure-vitest/reporter';
import type { Writer } from 'allure-js-commons/sdk/reporter';
import type { RunnerTask } from 'vitest';
import type { TestCase, Vitest } from 'vitest/node';
import { PlainFileWriter } from './allure-writer.js';

export default class ConformanceAllureReporter extends AllureVitestReporter {
  private readonly resultsDir: string;
  /** Ids of the tests whose results are written already. */
  private readonly written = new Set<string>();

  // categories: allure-setup.ts words the statuses as plain strings, which Allure's files hold.
  /** Told the name of each file written through PlainFileWriter (the Allure process reads it then, src/report/html.ts). */
  private readonly onWritten?: (name: string) => void;

  constructor(config: Omit<AllureVitestReporterConfig, 'categories'> & { resultsDir: string; categories?: object[]; onWritten?: (name: string) => void }) {
    const { onWritten, ...forAllure } = config;
    super(forAllure as AllureVitestReporterConfig);
    this.resultsDir = config.resultsDir;
    this.onWritten = onWritten;
  }

  override onInit(vitest: Vitest): void {
    super.onInit(vitest);
    this.written.clear();
    // allure-vitest keeps its runtime in a field its types mark private; the writer on it is public
    // in allure-js-commons (ReporterRuntime.writer) and read at every write, so it can be swapped
    // here, before any check has ended. onInit has already written categories.json and
    // environment.properties through the default writer: two files, left as they are.
    const runtime = (this as unknown as { allureReporterRuntime?: { writer: Writer } }).allureReporterRuntime;
    if (!runtime) throw new Error('allure-vitest changed: its reporter has no allureReporterRuntime after onInit');
    runtime.writer = new PlainFileWriter({ resultsDir: this.resultsDir, onWritten: this.onWritten });
  }

  /** A check has ended with its result and its Allure messages (task.meta): written now. */
  onTestCaseResult(testCase: TestCase): void {
    const task = (testCase as unknown as { task?: RunnerTask }).task;
    if (!task || task.type !== 'test') return;
    this.handleTask(task);
    this.written.add(task.id);
  }

  override handleTask(task: RunnerTask): void {
    if (task.type === 'test' && this.written.has(task.id)) return;
    super.handleTask(task);
  }
}
