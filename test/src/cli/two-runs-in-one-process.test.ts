// runConformance keeps no process-wide state: two runs proceed at the same time in one process
// against two hosts, and each gets its own verdicts, its own report directory and its own host's
// tokens. The runs happen in a child process (two-runs-driver.ts, started by
// helpers/run-driver.ts).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driveRuns } from '../helpers/run-driver.js';

const DRIVER = fileURLToPath(new URL('./two-runs-driver.ts', import.meta.url));

interface RunLine {
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

const drive = (): Promise<{ runs: RunLine[]; output: string }> => driveRuns<RunLine>(DRIVER);

describe('two runs in one process', () => {
  it('should give each concurrent run its own target, verdicts and reports', async () => {
    const { runs, output } = await drive();
    expect(runs.map((r) => r.label), output.slice(-3000)).toEqual(['faithful', 'faulty']);
    const [faithful, faulty] = runs as [RunLine, RunLine];
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
  }, 180_000);
});
