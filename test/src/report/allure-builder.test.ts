// The early Allure process (startAllureBuilder, src/report/html.ts + allure-build.mjs): results
// announced while the "checks" run and results nobody announced both reach the report; the gate's
// expected check count is the one given at the end (allurerc.mjs reads it late), so too few
// results still fail it; and PlainFileWriter announces each file only once it is written whole.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestResult } from 'allure-js-commons';
import { startAllureBuilder, type HtmlReportBeginning } from '../../../src/report/html.js';
import { PlainFileWriter } from '../../../src/report/allure-writer.js';

const scratch = mkdtempSync(join(tmpdir(), 'allure-builder-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function result(n: number): TestResult {
  return {
    uuid: `6b1f7a52-0000-4000-8000-00000000000${n}`, name: `SES-X/check ${n}`, fullName: `specs/x.spec.ts#SES-X check ${n}`, historyId: `h${n}`,
    status: 'passed', stage: 'finished', labels: [{ name: 'severity', value: 'critical' }], links: [], parameters: [],
    attachments: [], steps: [], start: 1, stop: 2, statusDetails: {},
  } as unknown as TestResult;
}

function beginning(name: string): HtmlReportBeginning {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'allure-results'), { recursive: true });
  return { resultsDir: join(dir, 'allure-results'), outputDir: join(dir, 'allure-report'), historyPath: join(dir, 'history.jsonl'), reportName: name };
}

describe('the early Allure process', () => {
  it('should report announced and unannounced results alike, and judge the check count given at the end', async () => {
    const run = beginning('counted');
    const announced: string[] = [];
    const builder = startAllureBuilder();
    expect(builder, 'the allure package is installed').toBeDefined();
    builder!.begin(run);
    const writer = new PlainFileWriter({ resultsDir: run.resultsDir, onWritten: (name) => (announced.push(name), builder!.written(name)) });
    writer.writeResult(result(1));
    writer.writeResult(result(2));
    // Written by another hand (as executor.json is): read at the end from the directory.
    writeFileSync(join(run.resultsDir, `${result(3).uuid}-result.json`), JSON.stringify(result(3)));
    expect(announced.sort()).toEqual([`${result(1).uuid}-result.json`, `${result(2).uuid}-result.json`]);
    const outcome = await builder!.build({ ...run, expectedChecks: 3 });
    expect(outcome.problem).toBeUndefined();
    expect(outcome.gate).toEqual({ passed: true, violations: [] });
    const summary = JSON.parse(readFileSync(join(run.outputDir, 'summary.json'), 'utf8')) as { stats: { total: number } };
    expect(summary.stats.total).toBe(3);
    expect(existsSync(join(run.outputDir, 'index.html'))).toBe(true);
  }, 120_000);

  it('should fail the gate when fewer results came than the count given at the end', async () => {
    const run = beginning('short');
    const builder = startAllureBuilder()!;
    builder.begin(run);
    const writer = new PlainFileWriter({ resultsDir: run.resultsDir, onWritten: (name) => builder.written(name) });
    writer.writeResult(result(1));
    const outcome = await builder.build({ ...run, expectedChecks: 2 });
    expect(outcome.gate?.passed).toBe(false);
    expect(outcome.gate?.violations.join('\n')).toMatch(/minTestsCount/);
  }, 120_000);

  it('should announce a file only after it is written whole', () => {
    const dir = join(scratch, 'writer');
    const seen: Array<{ name: string; bytes: number }> = [];
    const writer = new PlainFileWriter({ resultsDir: dir, onWritten: (name) => seen.push({ name, bytes: readFileSync(join(dir, name)).length }) });
    writer.writeAttachment('a1-attachment.txt', Buffer.alloc(100_000, 'x'));
    writer.writeResult(result(1));
    expect(seen).toEqual([
      { name: 'a1-attachment.txt', bytes: 100_000 },
      { name: `${result(1).uuid}-result.json`, bytes: JSON.stringify(result(1)).length },
    ]);
    expect(readdirSync(dir).sort()).toEqual(seen.map((s) => s.name).sort());
  });
});
