// Runs of the real specs against the reference host: the embedded run passes (exit 0) with every
// report written, no report holds a secret or a token, and after a passing, a failing and an
// interrupted run the host holds no session or course offering the run created. The passing run
// goes through a counting proxy that delays each answer a little: the most requests ever in
// flight at the host must be exactly --max-concurrency (reached, and never passed).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { filesContaining, filesUnder } from '../helpers/report-files.js';
import { countItems, hostAvailable, startReferenceHost, type TestHost } from '../helpers/reference-host.js';
import { startTokenRecorder } from '../helpers/token-recorder.js';
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

describe.skipIf(!hostAvailable)('runs against the reference host', () => {
  it('should pass the embedded run with every report written and no credential in them', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'conf-embedded-'));
    const result = await runCli(['run', '--report-dir', reportDir, '--seed', '20261122']);
    // The figures the closing note asks for: wall time (start to report written) and requests.
    const summary = /(\d+) passed, (\d+) failed, (\d+) warned, (\d+) blocked, (\d+) skipped \((\d+) checks\) in ([\d.]+) s, (\d+) requests/.exec(result.stdout);
    console.log(`embedded run: exit ${result.code}, CLI wall ${(result.durationMs / 1000).toFixed(1)} s; ${summary?.[0] ?? 'no summary'}`);
    expect(result.code, result.stdout.slice(-6000) + result.stderr.slice(-2000)).toBe(0);
    expect(result.stdout).toContain('Quality gate: passed');
    for (const f of ['junit.xml', 'conformance.md', 'conformance.json', 'allure-report/index.html']) {
      expect(filesUnder(reportDir).some((p) => p.endsWith(f)), f).toBe(true);
    }
    const leaks = filesUnder(reportDir).filter((f) => !f.includes('allure-report/') && LEAK_SHAPES.some((re) => re.test(readFileSync(f, 'utf8'))));
    expect(leaks).toEqual([]);
  }, 300_000);

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

    it('should leave the host as it found it after a passing run, with never more than --max-concurrency requests in flight', async () => {
      const before = [await countItems(host, 'sessions'), await countItems(host, 'courseOfferings')];
      // 10 ms per answer keeps requests overlapping; a cap of 3 (not the default) over 3 workers.
      const proxy = await startLatencyProxy({ target: host.baseUrl, delayMs: 10 });
      try {
        const result = await runCli(['run', '--config', configFor(host, { baseUrl: proxy.origin }), '--max-concurrency', '3', '--report-dir', mkdtempSync(join(tmpdir(), 'conf-pass-'))]);
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
