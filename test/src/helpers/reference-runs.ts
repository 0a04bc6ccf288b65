// What the runs of the real specs against the reference host share: a config file for a test's
// own host, the summary line's shape, and the report check that no credential leaked into any file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { filesUnder } from './report-files.js';
import type { TestHost } from './reference-host.js';


// Unmasked credentials in any shape the harness could have written.
export const LEAK_SHAPES = [/Bearer (?!\*\*\*)(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{8,}/, /Basic (?!\*\*\*)(?=[A-Za-z+/=]*[0-9+/=])[A-Za-z0-9+/=]{8,}/, /"access_token"\s*:\s*"(?!\*\*\*)[^"]+"/, /client_secret=(?!\*\*\*)[^&\s"']+/];

export function configFor(host: TestHost, extra: Record<string, unknown> = {}): string {
  const { full, ...roles } = host.clients;
  const path = join(mkdtempSync(join(tmpdir(), 'conf-cfg-')), 'conformance.json');
  writeFileSync(path, JSON.stringify({ baseUrl: host.baseUrl, key: full!.key, secret: full!.secret, roles, html: false, ...extra }));
  return path;
}

export const SUMMARY = /(\d+) passed, (\d+) failed, (\d+) warned, (\d+) blocked, (\d+) skipped \((\d+) checks\) in ([\d.]+) s, (\d+) requests/;

export function expectReportsWithoutLeaks(reportDir: string, html: boolean): void {
  for (const f of ['junit.xml', 'conformance.md', 'conformance.json', ...(html ? ['allure-report/index.html'] : [])]) {
    expect(filesUnder(reportDir).some((p) => p.endsWith(f)), f).toBe(true);
  }
  const leaks = filesUnder(reportDir).filter((f) => !f.includes('allure-report/') && LEAK_SHAPES.some((re) => re.test(readFileSync(f, 'utf8'))));
  expect(leaks).toEqual([]);
}
