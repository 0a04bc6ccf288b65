// PlainFileWriter (src/report/allure-writer.ts) writes what allure-js-commons' FileSystemWriter
// writes, file for file and byte for byte; the conformance reporter really writes through it, and
// writes each check when it ends, once, with what allure-vitest writes for it at the run's end.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Status, type TestResult } from 'allure-js-commons';
import { FileSystemWriter, ReporterRuntime, type Writer } from 'allure-js-commons/sdk/reporter';
import { PlainFileWriter } from '../../../src/report/allure-writer.js';
import ConformanceAllureReporter from '../../../src/report/allure-reporter.js';
import AllureVitestReporter from 'allure-vitest/reporter';

const scratch = mkdtempSync(join(tmpdir(), 'allure-writer-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const result = {
  uuid: '6b1f7a52-0000-4000-8000-000000000001', name: 'SES-X/a check', fullName: 'specs/x.spec.ts#SES-X a check',
  status: 'passed', stage: 'finished', labels: [{ name: 'requirement', value: 'SES-X' }], links: [], parameters: [],
  attachments: [{ name: 'exchange', source: 'a1-attachment.txt', type: 'text/plain' }], steps: [], start: 1, stop: 2,
  statusDetails: { message: 'ünïcode ✓' },
} as unknown as TestResult;

/** Every call of the Writer interface, the same on both writers. */
function writeAll(writer: Writer): void {
  const fromPath = join(scratch, 'source.bin');
  writeFileSync(fromPath, Buffer.from([0, 1, 2, 255, 10]));
  writer.writeResult(result);
  writer.writeGroup({ uuid: '6b1f7a52-0000-4000-8000-000000000002', children: [result.uuid], befores: [], afters: [] });
  writer.writeAttachment('a1-attachment.txt', Buffer.from('GET /data/v3/ed-fi/sessions\n→ 200 ✓\n'));
  writer.writeAttachmentFromPath('a2-attachment.bin', fromPath);
  writer.writeEnvironmentInfo({ target: 'http://127.0.0.1:1/', 'seed value': '42', note: 'a=b:c\\d' });
  writer.writeCategoriesDefinitions([{ name: 'Contract violations', matchedStatuses: [Status.FAILED], messageRegex: '.*' }]);
  writer.writeGlobals('g1-globals.json', { attachments: [], errors: [{ message: 'boom', timestamp: 3 }] });
}

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name)).toString('base64')]));
}

describe('PlainFileWriter', () => {
  it('writes the same files with the same bytes as FileSystemWriter, and no temporary file', () => {
    const theirs = join(scratch, 'theirs');
    const ours = join(scratch, 'ours', 'nested'); // the directory is made on first write
    writeAll(new FileSystemWriter({ resultsDir: theirs }));
    writeAll(new PlainFileWriter({ resultsDir: ours }));
    const expected = contents(theirs);
    expect(Object.keys(expected)).toHaveLength(7);
    expect(contents(ours)).toEqual(expected);
  });

  it('leaves results Allure can read: every JSON file parses, every attachment a result names exists', () => {
    const dir = join(scratch, 'runtime');
    const runtime = new ReporterRuntime({ writer: new PlainFileWriter({ resultsDir: dir }) });
    const uuid = runtime.startTest({ name: 'a check' });
    runtime.writeAttachment(uuid, undefined, 'request', Buffer.from('POST /sessions'), { contentType: 'text/plain' });
    runtime.updateTest(uuid, (r) => { r.status = Status.PASSED; });
    runtime.stopTest(uuid);
    runtime.writeTest(uuid);
    const names = readdirSync(dir);
    const parsed = names.filter((n) => n.endsWith('.json')).map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as TestResult);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ uuid, name: 'a check', status: 'passed' });
    const sources = parsed[0].attachments.map((a) => a.source);
    expect(sources).toHaveLength(1);
    for (const source of sources) expect(readFileSync(join(dir, source), 'utf8')).toBe('POST /sessions');
  });
});

describe('ConformanceAllureReporter', () => {
  it('writes through PlainFileWriter into the results directory after onInit', () => {
    const dir = join(scratch, 'reporter');
    const reporter = new ConformanceAllureReporter({ resultsDir: dir, environmentInfo: { seed: '7' }, categories: [{ name: 'c', matchedStatuses: ['failed'] }] });
    reporter.onInit({ projects: [] } as never);
    const runtime = (reporter as unknown as { allureReporterRuntime: { writer: Writer } }).allureReporterRuntime;
    expect(runtime.writer).toBeInstanceOf(PlainFileWriter);
    runtime.writer.writeAttachment('x-attachment.txt', Buffer.from('x'));
    expect(readdirSync(dir).sort()).toEqual(['categories.json', 'environment.properties', 'x-attachment.txt']);
  });
});

/** A vitest test task as allure-vitest reads it (name, file, suite, result, meta). */
function fakeTask(id: string, name: string, state: 'pass' | 'fail'): never {
  const file = { type: 'suite', id: 'f', name: 'specs/x.spec.ts', filepath: `${process.cwd()}/specs/x.spec.ts`, mode: 'run', tasks: [] as unknown[], meta: {} };
  const task = { type: 'test', id, name, mode: 'run', file, suite: file, meta: {}, result: { state, startTime: 1_000, duration: 5, ...(state === 'fail' ? { errors: [{ message: 'expected 400' }] } : {}) } };
  file.tasks.push(task);
  return task as never;
}

function resultsIn(dir: string): Array<{ name: string; status: string }> {
  return readdirSync(dir).filter((n) => n.endsWith('-result.json')).map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as { name: string; status: string }).sort((a, b) => a.name.localeCompare(b.name));
}

describe('ConformanceAllureReporter, when it writes', () => {
  it("writes a check's result when the check ends and not again at the run's end; the same result allure-vitest writes", () => {
    const ours = join(scratch, 'progressive');
    const theirs = join(scratch, 'end-of-run');
    const reporter = new ConformanceAllureReporter({ resultsDir: ours });
    reporter.onInit({ projects: [] } as never);
    const first = fakeTask('t1', 'a check that passes', 'pass');
    const second = fakeTask('t2', 'a check that fails', 'fail');
    reporter.onTestCaseResult({ task: first } as never);
    expect(resultsIn(ours).map((r) => r.name)).toEqual(['a check that passes']);
    const modules = [{ task: first }, { task: second }];
    reporter.onTestRunEnd(modules as never);
    const original = new AllureVitestReporter({ resultsDir: theirs });
    original.onInit({ projects: [] } as never);
    original.onTestRunEnd(modules as never);
    const strip = (rs: Array<Record<string, unknown>>) => rs.map(({ uuid: _u, historyId: _h, labels, ...r }) => ({ ...r, labels: (labels as Array<{ name: string }>).filter((l) => l.name !== 'thread' && l.name !== 'host') }));
    expect(resultsIn(ours)).toHaveLength(2);
    expect(strip(resultsIn(ours) as never)).toEqual(strip(resultsIn(theirs) as never));
    expect(resultsIn(ours).map((r) => r.status)).toEqual(['broken', 'passed']); // an error without expected/actual is 'broken' to Allure
  });
});

