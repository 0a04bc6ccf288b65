// Every run leaves probe.json and probe.md in the report directory, above all a run that exits 2;
// and a strict host (reference filters refused, no current school year) can be run with flags only.
// The runs call the CLI's main() in this process (helpers/cli-in-process.ts): the files are the runner's.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTarget, type FakeTarget, type FakeTargetOptions } from '../helpers/fake-target.js';
import { runMain } from '../helpers/cli-in-process.js';
import { filesContaining } from '../helpers/report-files.js';

const SPECS = { EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts' };

const stops: FakeTarget[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!.stop();
});

async function fake(options: FakeTargetOptions): Promise<FakeTarget> {
  const f = await startFakeTarget(options);
  stops.push(f);
  return f;
}

const secretsOf = (f: FakeTarget): string[] => [f.secret, ...f.tokensIssued, Buffer.from(`${f.key}:${f.secret}`).toString('base64')];

describe('the probe report', () => {
  it('should let a run with flags only go ahead on a host that refuses ?schoolId= and marks no year current', async () => {
    const f = await fake({
      refuseFilters: true,
      fixtures: {
        schoolYearTypes: [{ schoolYear: 2024, currentSchoolYear: false }],
        gradingPeriods: [{ gradingPeriodDescriptor: 'uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks', gradingPeriodName: 'P1', schoolReference: { schoolId: 100 }, schoolYearTypeReference: { schoolYear: 2024 } }],
      },
    });
    const reportDir = mkdtempSync(join(tmpdir(), 'probe-strict-'));
    const r = await runMain(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', f.secret, '--report-dir', reportDir, '--no-html'], SPECS);
    expect(r.code, r.stdout + r.stderr).toBe(1); // the fixture checks include one that fails on purpose; not 2
    const probe = JSON.parse(readFileSync(join(reportDir, 'probe.json'), 'utf8'));
    expect(probe.failure).toBeUndefined();
    expect(probe.capabilities.gradingPeriods).toBe(true);
    expect(probe.fixtures).toEqual(expect.arrayContaining([expect.objectContaining({ fixture: 'school year', value: '2024' }), expect.objectContaining({ fixture: 'grading periods', value: 'P1' })]));
    expect(probe.requests.find((q: { url: string }) => q.url.includes('gradingPeriods?limit=500&schoolId=100'))).toMatchObject({ status: 400 });
    const md = readFileSync(join(reportDir, 'probe.md'), 'utf8');
    expect(md).toMatch(/\| gradingPeriods \| yes \| GET …\/gradingPeriods\?limit=500&offset=0 answered 200 \[1 item over 1 page; 1 of school 100\] — 1 grading period of school 100 in 2024 \(GET …\/gradingPeriods\?limit=500&schoolId=100 answered 400/);
    expect(filesContaining(reportDir, secretsOf(f))).toEqual([]);
  }, 120_000);

  it('should be written when the run exits 2, naming the request that failed', async () => {
    const f = await fake({ fixtures: { schools: [] } });
    const reportDir = mkdtempSync(join(tmpdir(), 'probe-exit2-'));
    const r = await runMain(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', f.secret, '--report-dir', reportDir]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/The target has no school the client can read \(GET …\/schools\?limit=500&offset=0 answered 200 \[0 items over 1 page\]\); give one with --school-id \(EDFI_SCHOOL_ID\)/);
    for (const name of ['probe.json', 'probe.md']) expect(existsSync(join(reportDir, name)), name).toBe(true);
    const md = readFileSync(join(reportDir, 'probe.md'), 'utf8');
    expect(md).toMatch(/\*\*The run could not be made:\*\* The target has no school the client can read/);
    expect(md).toMatch(/\| GET http:\/\/127\.0\.0\.1:\d+\/data\/v3\/ed-fi\/schools\?limit=500&offset=0 \| 200 \|/);
    expect(md).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token \| 200 \| \d+ \| \{"access_token":"\*\*\*"/);
    expect(f.tokensIssued.length).toBeGreaterThan(0);
    expect(filesContaining(reportDir, secretsOf(f))).toEqual([]);
  }, 60_000);

  it('should be written when the token is refused', async () => {
    const f = await fake({});
    const reportDir = mkdtempSync(join(tmpdir(), 'probe-token-'));
    const r = await runMain(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', 'wrong-secret-value', '--report-dir', reportDir]);
    expect(r.code).toBe(2);
    const probe = JSON.parse(readFileSync(join(reportDir, 'probe.json'), 'utf8'));
    expect(probe.failure).toMatch(/refused the client credentials/);
    expect(probe.requests.map((q: { method: string; status: number }) => `${q.method} ${q.status}`)).toEqual(['GET 200', 'POST 401']);
    expect(filesContaining(reportDir, ['wrong-secret-value', Buffer.from(`${f.key}:wrong-secret-value`).toString('base64')])).toEqual([]);
  }, 60_000);
});
