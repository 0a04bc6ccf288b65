// Runs of the real specs against the reference host: the full suite passes (exit 0) with every
// report written, no report holds a secret or a token, and after a passing, a failing and an
// interrupted run the host holds no session or course offering the run created; a short embedded
// run (no --base-url) passes too. The full suite runs ONCE here, against hosts the test owns (a main
// host and the two secondaries the embedded run would start), and `npm test` shares its verdicts
// with the kill matrix as the faithful run (EDFI_SHARED_FULL_RUN, read by test/self-test/shared-run.ts).
// The cap test runs a write-heavy part of the suite through a counting proxy that delays each
// answer a little: the most requests ever in flight at the host must be exactly --max-concurrency
// (reached, and never passed).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { filesContaining, filesUnder } from '../helpers/report-files.js';
import { countItems, hostAvailable, startReferenceHost, type TestHost } from '../helpers/reference-host.js';
import { startTokenRecorder } from '../helpers/token-recorder.js';
import { SHARED_FULL_RUN_ENV, SHARED_RUN_SEED, writeSharedRun } from '../../self-test/shared-run.js';
import { startLatencyProxy } from '../../../bench/latency-proxy.js';

if (!hostAvailable) console.warn('reference-host-runs.test: skipped, host/index.ts does not exist yet');

// Unmasked credentials in any shape the harness could have written.
const LEAK_SHAPES = [/Bearer (?!\*\*\*)(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{8,}/, /Basic (?!\*\*\*)(?=[A-Za-z+/=]*[0-9+/=])[A-Za-z0-9+/=]{8,}/, /"access_token"\s*:\s*"(?!\*\*\*)[^"]+"/, /client_secret=(?!\*\*\*)[^&\s"']+/];

function configFor(host: TestHost, extra: Record<string, unknown> = {}): string {
  const { full, ...roles } = host.clients;
  const path = join(mkdtempSync(join(tmpdir(), 'conf-cfg-')), 'conformance.json');
  writeFileSync(path, JSON.stringify({ baseUrl: host.baseUrl, key: full!.key, secret: full!.secret, roles, html: false, ...extra }));
  return path;
}

const SUMMARY = /(\d+) passed, (\d+) failed, (\d+) warned, (\d+) blocked, (\d+) skipped \((\d+) checks\) in ([\d.]+) s, (\d+) requests/;

function expectReportsWithoutLeaks(reportDir: string, html: boolean): void {
  for (const f of ['junit.xml', 'conformance.md', 'conformance.json', ...(html ? ['allure-report/index.html'] : [])]) {
    expect(filesUnder(reportDir).some((p) => p.endsWith(f)), f).toBe(true);
  }
  const leaks = filesUnder(reportDir).filter((f) => !f.includes('allure-report/') && LEAK_SHAPES.some((re) => re.test(readFileSync(f, 'utf8'))));
  expect(leaks).toEqual([]);
}

describe.skipIf(!hostAvailable)('runs against the reference host', () => {
  it('should pass a short embedded run (the hosts it starts itself) with its reports written', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'conf-embedded-'));
    const result = await runCli(['run', '--report-dir', reportDir, '--seed', '20261122', '--no-html', '--grep', 'SES-(POST|GETBYID|SNAP|CQ-DISABLED)']);
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

    it('should pass the full suite with every report written, no credential in them, and leave the hosts as it found them', async () => {
      const [main, snapshot, changeQueriesDisabled] = hosts as [TestHost, TestHost, TestHost];
      const count = async () => Promise.all(hosts.flatMap((h) => [countItems(h, 'sessions'), countItems(h, 'courseOfferings')]));
      const before = await count();
      const reportDir = mkdtempSync(join(tmpdir(), 'conf-full-'));
      const config = configFor(main, {
        html: true,
        snapshotBaseUrl: snapshot.baseUrl,
        changeQueriesDisabledBaseUrl: changeQueriesDisabled.baseUrl,
        secondaryCredentials: { snapshot: snapshot.clients.full, changeQueriesDisabled: changeQueriesDisabled.clients.full },
      });
      const result = await runCli(['run', '--config', config, '--report-dir', reportDir, '--seed', String(SHARED_RUN_SEED)]);
      // The figures the closing note asks for: wall time (start to report written) and requests.
      console.log(`full run: exit ${result.code}, CLI wall ${(result.durationMs / 1000).toFixed(1)} s; ${SUMMARY.exec(result.stdout)?.[0] ?? 'no summary'}`);
      // Shared with the kill matrix whatever the outcome: a failing run makes its faithful run fail too.
      if (process.env[SHARED_FULL_RUN_ENV]) writeSharedRun(process.env[SHARED_FULL_RUN_ENV]!, { exitCode: result.code ?? 2, reportDir, durationMs: result.durationMs });
      expect(result.code, result.stdout.slice(-6000) + result.stderr.slice(-2000)).toBe(0);
      expect(result.stdout).toContain('Quality gate: passed');
      expect(Number(SUMMARY.exec(result.stdout)?.[6] ?? 0)).toBeGreaterThan(250);
      expectReportsWithoutLeaks(reportDir, true);
      expect(await count()).toEqual(before);
    }, 300_000);
  });

  describe('on a host the test owns', () => {
    let host: TestHost;
    beforeAll(async () => {
      host = await startReferenceHost();
    }, 60_000);
    afterAll(async () => host?.stop());

    it('should leave no secret or issued token in any report after a run', async () => {
      const recorder = await startTokenRecorder(`${host.baseUrl}/oauth/token`);
      try {
        const reportDir = mkdtempSync(join(tmpdir(), 'conf-redact-'));
        const result = await runCli(['run', '--config', configFor(host, { html: true }), '--token-url', recorder.url, '--report-dir', reportDir, '--grep', 'SES-(POST|GETBYID|AUTH|TOKEN)']);
        expect([0, 1], result.stderr).toContain(result.code);
        expect(recorder.tokens.length).toBeGreaterThan(0);
        const needles = [...Object.values(host.clients).map((c) => c.secret), ...recorder.tokens];
        expect(filesContaining(reportDir, needles)).toEqual([]);
        for (const n of needles) expect(result.stdout + result.stderr).not.toContain(n);
      } finally {
        await recorder.stop();
      }
    }, 300_000);

    it('should never have more than --max-concurrency requests in flight, and leave the host as it found it', async () => {
      const before = [await countItems(host, 'sessions'), await countItems(host, 'courseOfferings')];
      // 10 ms per answer keeps requests overlapping; a cap of 3 (not the default) over 3 workers.
      const proxy = await startLatencyProxy({ target: host.baseUrl, delayMs: 10 });
      try {
        const result = await runCli(['run', '--config', configFor(host, { baseUrl: proxy.origin }), '--max-concurrency', '3', '--report-dir', mkdtempSync(join(tmpdir(), 'conf-pass-')), '--no-html', '--grep', 'SES-(POST|PUT|GETBYID|DELETE|VAL)']);
        expect(result.code, result.stdout.slice(-4000)).toBe(0);
        const stats = await proxy.stats();
        expect(stats.upstreamErrors).toBe(0);
        // Reached (the checks do overlap) and never passed.
        expect(stats.maxOutstanding, `${stats.requests} requests through the proxy`).toBe(3);
      } finally {
        await proxy.close();
      }
      expect([await countItems(host, 'sessions'), await countItems(host, 'courseOfferings')]).toEqual(before);
    }, 300_000);

    it('should leave the host as it found it after a failing run', async () => {
      const before = [await countItems(host, 'sessions'), await countItems(host, 'courseOfferings')];
      const result = await runCli(['run', '--config', configFor(host), '--report-dir', mkdtempSync(join(tmpdir(), 'conf-fail-')), '--grep', 'SES-POST|SES-PUT|SES-DELETE'], {
        EDFI_CONFORMANCE_SPECS: 'specs/**/*.spec.ts,test/src/fixtures-specs/verdicts.spec.ts',
      });
      expect(result.code, result.stdout.slice(-4000)).toBe(1);
      expect([await countItems(host, 'sessions'), await countItems(host, 'courseOfferings')]).toEqual(before);
    }, 300_000);

    it('should leave the host as it found it after a run interrupted with SIGINT', async () => {
      const before = [await countItems(host, 'sessions'), await countItems(host, 'courseOfferings')];
      const cli = startCli(['run', '--config', configFor(host), '--report-dir', mkdtempSync(join(tmpdir(), 'conf-int-'))]);
      // Interrupt once checks are under way (a few spec files done).
      const until = Date.now() + 120_000;
      while (!/checks (\d{2,})\//.test(cli.output()) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      cli.child.kill('SIGINT');
      const result = await cli.done;
      expect(result.code, result.stdout.slice(-3000) + result.stderr.slice(-3000)).toBe(130);
      expect([await countItems(host, 'sessions'), await countItems(host, 'courseOfferings')]).toEqual(before);
    }, 300_000);
  });
});
