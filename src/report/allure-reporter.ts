// The Allure reporter of a conformance run: allure-vitest's own, writing through PlainFileWriter
// (allure-writer.ts) instead of the fsync-per-file writer it creates in onInit. Everything else
// (labels, steps, attachments, statuses, file names) is allure-vitest's.
import AllureVitestReporter from 'allure-vitest/reporter';
import type { AllureVitestReporterConfig } from 'allure-vitest/reporter';
import type { Writer } from 'allure-js-commons/sdk/reporter';
import type { Vitest } from 'vitest/node';
import { PlainFileWriter } from './allure-writer.js';

export default class ConformanceAllureReporter extends AllureVitestReporter {
  private readonly resultsDir: string;

  // categories: allure-setup.ts words the statuses as plain strings, which Allure's files hold.
  constructor(config: Omit<AllureVitestReporterConfig, 'categories'> & { resultsDir: string; categories?: object[] }) {
    super(config as AllureVitestReporterConfig);
    this.resultsDir = config.resultsDir;
  }

  override onInit(vitest: Vitest): void {
    super.onInit(vitest);
    // allure-vitest keeps its runtime in a field its types mark private; the writer on it is public
    // in allure-js-commons (ReporterRuntime.writer) and read at every write, so it can be swapped
    // here, before any check has ended. onInit has already written categories.json and
    // environment.properties through the default writer: two files, left as they are.
    const runtime = (this as unknown as { allureReporterRuntime?: { writer: Writer } }).allureReporterRuntime;
    if (!runtime) throw new Error('allure-vitest changed: its reporter has no allureReporterRuntime after onInit');
    runtime.writer = new PlainFileWriter({ resultsDir: this.resultsDir });
  }
}
