// Runs of the real specs against the reference host: the full suite passes (exit 0) with every
// report written and no credential in them, and leaves the hosts it ran on as it found them; a
// short embedded run (no --base-url) passes too. The full suite runs ONCE here, against hosts the
// test owns (a main host and the two secondaries the embedded run would start), and `npm test`
// shares its verdicts with the kill matrix as the faithful run (EDFI_SHARED_FULL_RUN, read by
// test/self-test/shared-run.ts). The same run carries two promises of the suite: no secret and no
// token any of the three hosts issued appears in a report or the CLI's output, and, through a
// counting proxy that delays each answer of the main host a little, the most requests ever in
// flight at it are exactly --max-concurrency (reached, and never passed). The clean-up runs
// (failing, interrupted) are in reference-host-cleanup.test.ts, so the two files run side by side.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';
import { filesContaining } from '../helpers/report-files.js';
import { countItems, hostAvailable, startReferenceHost, type TestHost } from '../helpers/reference-host.js';
import { configFor, expectReportsWithoutLeaks, SUMMARY } from '../helpers/reference-runs.js';
import { SHARED_FULL_RUN_ENV, SHARED_RUN_SEED, writeSharedRun } from '../../self-test/shared-run.js';
import { startLatencyProxy } from '../../../bench/latency-proxy.js';

/**
 * The full run's request cap: not the default (8), so the run shows the flag is what bounds it; as
 * many spec workers (3) as the default, so the shared faithful run is not slowed by fewer workers.
 */
const MAX_CONCURRENCY = 6;

if (!hostAvailable) console.warn('reference-host-runs.test: skipped, host/index.ts does not exist yet');

describe.skipIf(!hostAvailable)('runs against the reference host', () => {
  it('should pass a short embedded run (the hosts it starts itself) with its reports written', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'conf-embedded-'));
    // In this process (helpers/cli-in-process.ts): starting the hosts is the runner's; the full run below is a real process.
    const result = await runMain(['run', '--report-dir', reportDir, '--seed', '20261122', '--no-html', '--grep', 'SES-(POST|GETBYID|SNAP|CQ-DISABLED)']);
    expect(result.code, result.stdout.slice(-6000) + result.stderr.slice(-2000)).toBe(0);
    expect(result.stdout).toContain('Verdict: CONFORMANT');
    // The secondary hosts were started too: their checks ran rather than skipped for want of a target.
    expect(Number(SUMMARY.exec(result.stdout)?.[1] ?? 0)).toBeGreaterThan(20);
    const matrix = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { requirements: Array<{ id: string; checks: Array<{ verdict: string }> }> };
    for (const id of ['SES-SNAP-ISOLATION', 'SES-CQ-DISABLED-DELETES']) {
      expect(matrix.requirements.find((r) => r.id === id)?.checks.map((c) => c.verdict), id).toContain('pass');
    }
    expectReportsWithoutLeaks(reportDir, false);
  }, 300_000);

  describe('on hosts the test owns (a main host and the two secondaries)', () => {
    let hosts: TestHost[];
    beforeAll(async () => {
      hosts = await Promise.all([startReferenceHost(), startReferenceHost({ snapshot: true }), startReferenceHost({ changeQueries: false })]);
    }, 60_000);
    afterAll(async () => Promise.all((hosts ?? []).map((h) => h.stop())));

    it('should pass the full suite with every report written, no secret or issued token in them, no more than --max-concurrency requests in flight, and leave the hosts as it found them', async () => {
      const [main, snapshot, changeQueriesDisabled] = hosts as [TestHost, TestHost, TestHost];
      const count = async () => Promise.all(hosts.flatMap((h) => [countItems(h, 'sessions'), countItems(h, 'courseOfferings')]));
      const before = await count();
      const reportDir = mkdtempSync(join(tmpdir(), 'conf-full-'));
      // 10 ms per answer keeps the main host's requests overlapping, so the cap is reached.
      const proxy = await startLatencyProxy({ target: main.baseUrl, delayMs: 10 });
      let result: Awaited<ReturnType<typeof runCli>>;
      try {
        const config = configFor(main, {
          baseUrl: proxy.origin,
          html: true,
          snapshotBaseUrl: snapshot.baseUrl,
          changeQueriesDisabledBaseUrl: changeQueriesDisabled.baseUrl,
          secondaryCredentials: { snapshot: snapshot.clients.full, changeQueriesDisabled: changeQueriesDisabled.clients.full },
        });
        result = await runCli(['run', '--config', config, '--report-dir', reportDir, '--seed', String(SHARED_RUN_SEED), '--max-concurrency', String(MAX_CONCURRENCY)]);
        // The figures the closing note asks for: wall time (start to report written) and requests.
        console.log(`full run: exit ${result.code}, CLI wall ${(result.durationMs / 1000).toFixed(1)} s; ${SUMMARY.exec(result.stdout)?.[0] ?? 'no summary'}`);
        // Shared with the kill matrix whatever the outcome: a failing run makes its faithful run fail too.
        if (process.env[SHARED_FULL_RUN_ENV]) writeSharedRun(process.env[SHARED_FULL_RUN_ENV]!, { exitCode: result.code ?? 2, reportDir, durationMs: result.durationMs });
        expect(result.code, result.stdout.slice(-6000) + result.stderr.slice(-2000)).toBe(0);
        const stats = await proxy.stats();
        expect(stats.upstreamErrors, stats.lastUpstreamError).toBe(0);
        // Reached (the checks do overlap) and never passed.
        expect(stats.maxOutstanding, `${stats.requests} requests through the proxy`).toBe(MAX_CONCURRENCY);
      } finally {
        await proxy.close();
      }
      expect(result.stdout).toContain('Quality gate: passed');
      expect(Number(SUMMARY.exec(result.stdout)?.[6] ?? 0)).toBeGreaterThan(250);
      expectReportsWithoutLeaks(reportDir, true);
      // Every client secret of the three hosts, and every token they issued to the run.
      const tokens = hosts.flatMap((h) => h.inspect.issuedTokens());
      expect(tokens.length).toBeGreaterThan(0);
      const needles = [...hosts.flatMap((h) => Object.values(h.clients).map((c) => c.secret)), ...tokens];
      expect(filesContaining(reportDir, needles)).toEqual([]);
      for (const n of needles) expect(result.stdout + result.stderr).not.toContain(n);
      expect(await count()).toEqual(before);
    }, 300_000);
  });
});
