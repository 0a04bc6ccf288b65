// Compact progress while the checks run: "checks 12/87, 1 failing". One rewritten line on a
// terminal; a line per finished spec file otherwise (CI logs).
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class ProgressReporter implements Reporter {
  // Sets, not counters: a cancelled run reports some tests twice.
  private readonly all = new Set<string>();
  private readonly done = new Set<string>();
  private readonly failing = new Set<string>();
  private readonly tty = !!process.stderr.isTTY;

  onTestModuleCollected(mod: TestModule): void {
    // Checks that --grep filtered out are collected in 'skip' mode: they are not part of this run.
    for (const test of mod.children.allTests()) if (test.options.mode !== 'skip' && test.options.mode !== 'todo') this.all.add(test.id);
  }

  onTestCaseResult(test: TestCase): void {
    if (!this.all.has(test.id)) return;
    this.done.add(test.id);
    const verdict = test.meta().verdict;
    if (test.result().state === 'failed' || verdict === 'fail' || verdict === 'error') this.failing.add(test.id);
    if (this.tty) process.stderr.write(`\r${this.line()}   `);
  }

  onTestModuleEnd(mod: TestModule): void {
    if (!this.tty) process.stderr.write(`${this.line()} (${mod.relativeModuleId ?? mod.moduleId})\n`);
  }

  onTestRunEnd(): void {
    if (this.tty) process.stderr.write(`\r${this.line()}\n`);
  }

  private line(): string {
    return `checks ${this.done.size}/${this.all.size}, ${this.failing.size} failing`;
  }
}
