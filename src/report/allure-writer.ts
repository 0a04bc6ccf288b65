// The Allure results writer of a conformance run: the same files, names and bytes as
// allure-js-commons' FileSystemWriter, written straight to their place. That writer publishes each
// file through a temporary file, an fsync and a rename (safe for a reader watching the directory);
// here nothing reads a file before it is complete (see below), and an embedded run writes ~7,000
// files, so its fsync per file cost seconds of the runner's thread. A run killed mid-write can leave
// one truncated file; the next run deletes the directory before it starts (src/cli/run.ts). The
// run's own Allure process does read during the run, but only the files this writer has announced
// as complete (onWritten, after the synchronous write returned).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifyEnvInfo } from 'allure-js-commons/sdk/reporter';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import type { Writer } from 'allure-js-commons/sdk/reporter';

export class PlainFileWriter implements Writer {
  private made = false;

  /** onWritten: told each file's name once it is complete (a reader may open it then). */
  constructor(private readonly config: { resultsDir: string; onWritten?: (name: string) => void }) {}

  writeResult(result: TestResult): void {
    this.write(`${result.uuid}-result.json`, JSON.stringify(result));
  }

  writeGroup(result: TestResultContainer): void {
    this.write(`${result.uuid}-container.json`, JSON.stringify(result));
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    this.write(distFileName, content);
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    copyFileSync(from, this.path(distFileName));
    this.config.onWritten?.(distFileName);
  }

  writeEnvironmentInfo(info: EnvironmentInfo): void {
    this.write('environment.properties', stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(categories: Category[]): void {
    this.write('categories.json', JSON.stringify(categories));
  }

  writeGlobals(distFileName: string, info: Globals): void {
    this.write(distFileName, JSON.stringify(info));
  }

  private write(name: string, data: string | Buffer): void {
    writeFileSync(this.path(name), data);
    this.config.onWritten?.(name);
  }

  /** The directory is made once (FileSystemWriter asks the file system before every file). */
  private path(name: string): string {
    if (!this.made) {
      mkdirSync(this.config.resultsDir, { recursive: true });
      this.made = true;
    }
    return join(this.config.resultsDir, name);
  }
}
