// Compact progress while the checks run: "checks 12/87, 1 failing". One rewritten line on a
// terminal; a line per finished spec file otherwise (CI logs).
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class ProgressReporter implements Reporter {
  private total = 0;
  private done = 0;
  private failing = 0;
  private readonly tty = !!process.stderr.isTTY;

  onTestModuleCollected(mod: TestModule): void {
    for (const _ of mod.children.allTests()) this.total++;
  }

  onTestCaseResult(test: TestCase): void {
    this.done++;
    const verdict = test.meta().verdict;
    if (test.result().state === 'failed' || verdict === 'fail' || verdict === 'error') this.failing++;
    if (this.tty) process.stderr.write(`\r${this.line()}   `);
  }

  onTestModuleEnd(mod: TestModule): void {
    if (!this.tty) process.stderr.write(`${this.line()} (${mod.relativeModuleId ?? mod.moduleId})\n`);
  }

  onTestRunEnd(): void {
    if (this.tty) process.stderr.write(`\r${this.line()}\n`);
  }

  private line(): string {
    return `checks ${this.done}/${this.total}, ${this.failing} failing`;
  }
}
