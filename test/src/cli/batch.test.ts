// runConformanceBatch runs several runs in one vitest instance, each against its own host: every
// check is attributed to its own run's host and verdicts, and a run holds exactly the checks it
// would hold alone (its own spec files and --grep, though the batch loads the union of the files).
// The runs happen in a child process (batch-driver.ts, started by helpers/run-driver.ts).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { driveRuns } from '../helpers/run-driver.js';

const DRIVER = fileURLToPath(new URL('./batch-driver.ts', import.meta.url));

interface RunLine {
  label: string;
  error?: string;
  exitCode: number;
  failing: string[];
  checkIds: string[];
  suiteErrors: string[];
  tokensIssued: number;
  reportDir: string;
}

const drive = (): Promise<{ runs: RunLine[]; output: string }> => driveRuns<RunLine>(DRIVER);

describe('a batch of runs in one vitest instance', () => {
  it('should attribute each check to its own run and host, with the checks that run would hold alone', async () => {
    const { runs, output } = await drive();
    expect(runs.map((r) => r.label), output.slice(-3000)).toEqual(['faithful', 'faulty']);
    const [faithful, faulty] = runs as [RunLine, RunLine];
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
  }, 180_000);
});
