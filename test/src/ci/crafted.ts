// Crafted check results and conformance.json documents for the CI tests: just the members the CI
// code reads, with real requirement ids from the catalogue so baseline validation accepts them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceDocument } from '../../../src/ci/conformance-file.js';
import type { RunIdentity } from '../../../src/ci/run-identity.js';
import type { CheckResult } from '../../../src/report/results.js';
import type { Cause, Verdict } from '../../../src/runtime/check-state.js';

export const REQ = { put412: 'SES-PUT-412-STALE', del412: 'SES-DELETE-412-STALE', post201: 'SES-POST-201-CREATED', post412: 'SES-POST-412-STALE' } as const;

export function cause(requirementId: string, what: string, observed: string): Cause {
  return { key: `${requirementId} | ${what} | ${observed}`, requirementId, what, observed };
}

export function check(requirementId: string, slug: string, verdict: Verdict, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: `${requirementId}/${slug}`,
    requirementId,
    title: slug.replace(/-/g, ' '),
    level: 'MUST',
    area: 'etag',
    operation: 'PutSession',
    verdict,
    elicited: [],
    requests: 1,
    seed: 1,
    file: 'specs/x.spec.ts',
    durationMs: 1,
    errors: [],
    ...extra,
  };
}

export function identity(over: Partial<RunIdentity> = {}): RunIdentity {
  return {
    target: 'https://host.example/api',
    embedded: false,
    host: { applicationName: 'Ed-Fi ODS/API', version: '7.3', informationalVersion: '7.3.1', dataModels: [{ name: 'Ed-Fi', version: '5.2.0' }] },
    profile: 'ods-7.3',
    seed: 42,
    readOnly: false,
    suite: { name: 'edfi-sessions-conformance', version: '0.1.0', commit: 'a'.repeat(40) },
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:01:00.000Z',
    ...over,
  };
}

export function doc(checks: CheckResult[], over: Partial<ConformanceDocument> = {}): ConformanceDocument {
  return { run: identity(), checks, requirements: [...new Set(checks.map((c) => c.requirementId))].map((id) => ({ id })), suiteErrors: [], sweep: { failures: [] }, ...over };
}

/** Writes a report directory holding conformance.json (and whatever else is given). */
export function reportDir(document: ConformanceDocument, files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ci-report-'));
  writeFileSync(join(dir, 'conformance.json'), JSON.stringify(document, null, 2));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
