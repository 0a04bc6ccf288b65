// Several runs in one process, against two hosts (one faithful, one with a fault), made by one
// child process (runs-in-one-process-driver.ts, started by helpers/run-driver.ts):
// - runConformance keeps no process-wide state: two runs proceed at the same time, and each gets
//   its own verdicts, its own report directory and its own host's tokens;
// - runConformanceBatch runs several runs in one vitest instance, each against its own host: every
//   check is attributed to its own run's host and verdicts, and a run holds exactly the checks it
//   would hold alone (its own spec files and --grep, though the batch loads the union of the files).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { driveRuns } from '../helpers/run-driver.js';

const DRIVER = fileURLToPath(new URL('./runs-in-one-process-driver.ts', import.meta.url));

interface TwoRunsLine {
  kind: 'two-runs';
  label: string;
  started: number;
  ended: number;
  exitCode: number;
  failing: string[];
  passed: number;
  checks: number;
  tokensIssued: number;
  reportDir: string;
}

interface BatchLine {
  kind: 'batch';
  label: string;
  error?: string;
  exitCode: number;
  failing: string[];
  checkIds: string[];
  suiteErrors: string[];
  tokensIssued: number;
  reportDir: string;
}

let twoRuns: TwoRunsLine[];
let batch: BatchLine[];
let output: string;

beforeAll(async () => {
  const driven = await driveRuns<TwoRunsLine | BatchLine>(DRIVER);
  output = driven.output;
  twoRuns = driven.runs.filter((r): r is TwoRunsLine => r.kind === 'two-runs');
  batch = driven.runs.filter((r): r is BatchLine => r.kind === 'batch');
}, 240_000);

describe('two runs in one process', () => {
  it('should give each concurrent run its own target, verdicts and reports', () => {
    expect(twoRuns.map((r) => r.label), output.slice(-3000)).toEqual(['faithful', 'faulty']);
    const [faithful, faulty] = twoRuns as [TwoRunsLine, TwoRunsLine];
    // They overlapped in time: neither finished before the other started.
    expect(faithful.started).toBeLessThan(faulty.ended);
    expect(faulty.started).toBeLessThan(faithful.ended);
    // The same checks ran in both.
    expect(faithful.checks).toBeGreaterThan(10);
    expect(faulty.checks).toBe(faithful.checks);
    // The faithful host passes; the faulty one fails the too-long name check, and nothing else.
    expect(faithful.exitCode, output.slice(-3000)).toBe(0);
    expect(faithful.failing).toEqual([]);
    expect(faulty.exitCode).toBe(1);
    expect(faulty.failing.length).toBeGreaterThan(0);
    expect(faulty.failing.every((id) => /sessionname-toolong/i.test(id)), faulty.failing.join(', ')).toBe(true);
    // Each run talked to its own host, and wrote into its own report directory.
    expect(faithful.tokensIssued).toBeGreaterThan(0);
    expect(faulty.tokensIssued).toBeGreaterThan(0);
    expect(faithful.reportDir).not.toBe(faulty.reportDir);
  });
});

describe('a batch of runs in one vitest instance', () => {
  it('should attribute each check to its own run and host, with the checks that run would hold alone', () => {
    expect(batch.map((r) => r.label), output.slice(-3000)).toEqual(['faithful', 'faulty']);
    const [faithful, faulty] = batch as [BatchLine, BatchLine];
    expect(faithful.error, output.slice(-3000)).toBeUndefined();
    expect(faulty.error).toBeUndefined();
    expect(faithful.suiteErrors).toEqual([]);
    expect(faulty.suiteErrors).toEqual([]);
    // The faithful host passes everything; the faulty one fails the too-long name check, and nothing else.
    expect(faithful.failing).toEqual([]);
    expect(faithful.exitCode).toBe(0);
    expect(faulty.exitCode).toBe(1);
    expect(faulty.failing.length).toBeGreaterThan(0);
    expect(faulty.failing.every((id) => /sessionname-toolong/i.test(id)), faulty.failing.join(', ')).toBe(true);
    // The same validation checks in both, with a single run's ids; the token check only in the run whose files hold it.
    const validation = (ids: string[]): string[] => ids.filter((id) => id.startsWith('SES-POST-400-VALIDATION/')).sort();
    expect(validation(faithful.checkIds).length).toBeGreaterThan(10);
    expect(validation(faulty.checkIds)).toEqual(validation(faithful.checkIds));
    expect(faithful.checkIds.filter((id) => id.startsWith('SES-TOKEN-BASIC-OK/'))).toHaveLength(1);
    expect(faulty.checkIds.filter((id) => !id.startsWith('SES-POST-400-VALIDATION/'))).toEqual([]);
    expect(new Set(faithful.checkIds).size).toBe(faithful.checkIds.length);
    // Each run talked to its own host, and wrote into its own report directory.
    expect(faithful.tokensIssued).toBeGreaterThan(0);
    expect(faulty.tokensIssued).toBeGreaterThan(0);
    expect(faithful.reportDir).not.toBe(faulty.reportDir);
  });
});
