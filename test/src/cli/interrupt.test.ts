// SIGINT mid-run: vitest stops at once (the running check is aborted, not waited for), the ledger
// is swept, the CLI exits 130, and the target holds nothing the run created.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeTarget, type FakeTarget } from '../helpers/fake-target.js';
import { startCli } from '../helpers/cli.js';

let fake: FakeTarget | undefined;
afterAll(async () => fake?.stop());

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('edfi-conformance run interrupted with SIGINT', () => {
  it('should delete what the run created and exit 130', async () => {
    fake = await startFakeTarget();
    const reportDir = mkdtempSync(join(tmpdir(), 'conf-int-'));
    const cli = startCli(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', reportDir, '--no-html'], {
      EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts',
      FIXTURE_SLOW_CHECK: '1',
    });
    await waitFor(() => cli.output().includes('FIXTURE-CREATED'), 60_000);
    expect(fake.sessions.size).toBeGreaterThan(0);
    cli.child.kill('SIGINT');
    const interruptedAt = Date.now();
    const result = await cli.done;
    expect(result.code, result.stdout + result.stderr).toBe(130);
    // Ctrl-C aborts the check in flight: the run does not sit out its 25 s sleep.
    expect(Date.now() - interruptedAt, 'the interrupted run waited for the running check to end').toBeLessThan(20_000);
    expect(result.stderr).toMatch(/SIGINT: stopping the checks and deleting what the run created/);
    expect(fake.sessions.size).toBe(0);
    expect(fake.courseOfferings.size).toBe(0);
  }, 120_000);
});
