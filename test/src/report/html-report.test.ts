// The HTML report opens from disk (file://, no server) in headless Chromium: no spinner left, no
// console errors, every check listed, and a failed check's steps and attachments readable. A
// screenshot is kept in the report directory of the test run and in reports/self-test/. Skipped, with the reason printed,
// when no Chromium is installed.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, withPage, CHROMIUM_CANDIDATES, type PageSession } from '../helpers/headless-chromium.js';
import { startFakeTarget, type FakeTarget } from '../helpers/fake-target.js';
import { runMain } from '../helpers/cli-in-process.js';
import { removeAnalytics } from '../../../src/report/html-postprocess.js';

import { repairHistory } from '../../../src/report/html.js';

/** Where the screenshot is kept for a person to look at after `npm test`. */
const KEPT_DIR = fileURLToPath(new URL('../../../reports/self-test/', import.meta.url));

const chromium = findChromium();
if (!chromium) console.warn(`html-report.test: skipped, no Chromium at ${CHROMIUM_CANDIDATES.join(', ')} (apt-get install -y chromium)`);

const FIXTURE_TITLES = ['creates a session and passes', 'then fails on purpose', 'a SHOULD that is not met', 'needs a snapshot target', 'set-up step shows another requirement broken'];

/**
 * A loader is still on the page: the boot spinner of index.html, the app's loader, or the page
 * loader a report opened from disk shows forever when it must fetch its data.
 */
const SPINNER = `Boolean(document.querySelector('#allure-app-loader, [data-testid=loader], [class*=page-loader]'))`;
const TEXT = '(document.body ? document.body.innerText : "")';

/** Opens every collapsed step and attachment (a collapsed one holds only its header), nested ones too. */
async function expandAll(page: PageSession): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const clicked = await page.evaluate<number>(`(() => {
      const collapsed = [
        ...[...document.querySelectorAll('[data-testid=test-result-step]')].filter((e) => e.children.length === 1).map((e) => e.querySelector('[data-testid=test-result-step-arrow-button]')),
        ...[...document.querySelectorAll('[data-testid=test-result-attachment]')].filter((e) => e.children.length === 1).map((e) => e.querySelector('[data-testid=test-result-attachment-header] > button')),
      ].filter(Boolean);
      collapsed.forEach((b) => b.click());
      return collapsed.length;
    })()`);
    if (!clicked) return;
    await new Promise((r) => setTimeout(r, 400));
  }
}

let fake: FakeTarget | undefined;
afterAll(async () => fake?.stop());

describe('Allure HTML report', () => {
  it.skipIf(!chromium)('should open from file:// with every result, step and attachment visible and no console errors', async () => {
    fake = await startFakeTarget();
    const reportDir = mkdtempSync(join(tmpdir(), 'conf-html-'));
    // Two runs into the same directory: the report must show the second, not leftovers of the first.
    // In this process (helpers/cli-in-process.ts): the report is the point here, not the CLI's process.
    for (const seed of ['101', '202']) {
      const run = await runMain(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', reportDir, '--seed', seed], {
        EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts',
      });
      expect(run.code, run.stdout + run.stderr).toBe(1);
    }
    const htmlDir = join(reportDir, 'allure-report');
    // One self-contained file: nothing for the page to fetch.
    expect(readdirSync(htmlDir).filter((f) => !f.endsWith('.json'))).toEqual(['index.html']);
    const results = Object.values((JSON.parse(readFileSync(join(htmlDir, 'test-results.json'), 'utf8')) as { byId: Record<string, { id: string; name: string; status: string }> }).byId);
    for (const title of FIXTURE_TITLES) expect(results.map((r) => r.name).join('\n')).toContain(title);
    const failed = results.find((r) => r.name.includes('fails on purpose'));
    expect(failed?.status).toBe('failed');
    const url = pathToFileURL(join(htmlDir, 'index.html')).href;

    await withPage(chromium!, async (page) => {
      await page.navigate(url, 1_000);
      const rendered = await page.waitFor<boolean>(`!${SPINNER} && ${TEXT}.includes('Results')`, 20_000);
      expect(await page.evaluate<boolean>(SPINNER), 'the report is stuck on its loading spinner').toBe(false);
      expect(rendered).toBe(true);
      expect(await page.evaluate<string>('document.title')).toMatch(/Ed-Fi sessions(, courseOfferings)? conformance \(ods-7\.3, seed 202\)/);
      await page.navigate(`${url}#${failed!.id}`, 1_000);
      await page.waitFor(`${TEXT}.includes('deliberate failure')`);
      await expandAll(page);
      const overview = await page.evaluate<string>(TEXT);
      expect(overview).toContain('deliberate failure for the harness tests');
      expect(overview).toMatch(/POST \/data\/v3\/ed-fi\/sessions → 201/);
      // The categories from allure-setup.ts reach the report (Allure's defaults would say "Product errors").
      expect(overview).toContain('Category: Contract violation');
      await page.screenshot(join(reportDir, 'html-report-file-url.png'));

      await page.navigate(`${url}#${failed!.id}/attachments`, 1_000);
      await page.waitFor(`document.querySelectorAll('[data-testid=test-result-attachment]').length > 0`);
      const attachments = await page.evaluate<number>(`document.querySelectorAll('[data-testid=test-result-attachment]').length`);
      expect(attachments).toBeGreaterThanOrEqual(1);
      await expandAll(page);
      const opened = await page.evaluate<string>(TEXT);
      // One attachment per exchange holds the request, the response and the curl that replays it.
      expect(opened).toMatch(/── request ──\s+POST http/);
      expect(opened).toMatch(/── response ──\s+HTTP 201/);
      expect(opened).toMatch(/curl -i -X (GET|POST) /);
      expect(opened).toContain('Bearer ***');

      // Every result opens and shows its title.
      for (const result of results) {
        await page.navigate(`${url}#${result.id}`, 200);
        expect(await page.waitFor<boolean>(`document.querySelector('[data-testid=test-result-info-title]')?.textContent.includes(${JSON.stringify(result.name)})`, 5_000), result.name).toBe(true);
      }
      // A blocked check sits in its own category, not among the contract violations.
      const blocked = results.find((r) => r.name.includes('set-up step shows another requirement broken'))!;
      await page.navigate(`${url}#${blocked.id}`, 300);
      expect(await page.waitFor<boolean>(`${TEXT}.includes('Category: Blocked by another requirement')`, 5_000)).toBe(true);
      expect(page.errors).toEqual([]);
    });
    expect(existsSync(join(reportDir, 'html-report-file-url.png'))).toBe(true);
    // Kept where a person looks after `npm test` (reports/ is git-ignored).
    mkdirSync(KEPT_DIR, { recursive: true });
    copyFileSync(join(reportDir, 'html-report-file-url.png'), join(KEPT_DIR, 'html-report-file-url.png'));
  }, 180_000);
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
