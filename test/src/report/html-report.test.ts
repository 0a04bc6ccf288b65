// The HTML report opens in headless Chromium with no console errors (served over loopback, as
// `allure open` does). Skipped, with the reason printed, when no Chromium is installed.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, visitPage, CHROMIUM_CANDIDATES } from '../helpers/headless-chromium.js';
import { startFakeTarget, type FakeTarget } from '../helpers/fake-target.js';
import { runCli } from '../helpers/cli.js';
import { serveDirectory } from '../helpers/static-server.js';
import { removeAnalytics } from '../../../src/report/html-postprocess.js';
import { repairHistory } from '../../../src/report/html.js';

const chromium = findChromium();
if (!chromium) console.warn(`html-report.test: skipped, no Chromium at ${CHROMIUM_CANDIDATES.join(', ')} (apt-get install -y chromium)`);

let fake: FakeTarget | undefined;
afterAll(async () => fake?.stop());

describe('Allure HTML report', () => {
  it.skipIf(!chromium)('should open in headless Chromium with no console errors and list the checks', async () => {
    fake = await startFakeTarget();
    const reportDir = mkdtempSync(join(tmpdir(), 'conf-html-'));
    // Two runs into the same directory: the report must show the second, not leftovers of the first.
    for (const seed of ['101', '202']) {
      const run = await runCli(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', reportDir, '--seed', seed], {
        EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts',
      });
      expect(run.code, run.stdout + run.stderr).toBe(1);
    }
    expect(existsSync(join(reportDir, 'allure-report', 'awesome'))).toBe(false);
    const server = await serveDirectory(join(reportDir, 'allure-report'));
    try {
      const visit = await visitPage(chromium!, `${server.url}/index.html`);
      expect(visit.errors).toEqual([]);
      expect(visit.title).toMatch(/Ed-Fi sessions conformance \(ods-7\.3, seed 202\)/);
      expect(visit.text).toContain('fails on purpose');
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe(removeAnalytics.name, () => {
  it('should remove the third-party analytics loader and nothing else', () => {
    const html = '<body><div id="app"></div><script async src="https://www.googletagmanager.com/gtag/js?id=X"></script>\n<script>\n window.dataLayer=[]; function gtag(){}\n gtag("js", new Date());\n</script><script>keep()</script></body>';
    expect(removeAnalytics(html)).toBe('<body><div id="app"></div><script>keep()</script></body>');
  });
});

describe(repairHistory.name, () => {
  it('should keep the history lines that parse and drop a torn one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hist-')), 'history.jsonl');
    writeFileSync(path, '{"uuid":"a"}\n{"uuid":"b"}\n   {"uuid": "torn\n');
    repairHistory(path);
    expect(readFileSync(path, 'utf8')).toBe('{"uuid":"a"}\n{"uuid":"b"}\n');
  });
});
