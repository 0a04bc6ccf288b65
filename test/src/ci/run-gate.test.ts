// The CI gate end to end through the real CLI (fake target, fixture checks: one pass, two MUST
// failures of one requirement, a blocked check, a SHOULD warning, a skip): a baseline covering the
// failures turns exit 1 into 0 and writes the step summary and the bundle; a changed cause fails
// again; a bad baseline is exit 2. The passing gate runs the real CLI in a child process; the other
// two call its main() in this process (helpers/cli-in-process.ts): the gate is the runner's decision.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../src/ci/bundle.js';
import { allRequirements } from '../../../src/requirements/index.js';
import { checkIdOf } from '../../../src/runtime/check-id.js';
import { runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';
import { filesContaining } from '../helpers/report-files.js';
import { startFakeTarget, type FakeTarget } from '../helpers/fake-target.js';

const SPECS = { EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts', GITHUB_STEP_SUMMARY: '' };
// The same requirement the fixture spec picks, and the ids of its deliberate failures.
const must = allRequirements().find((r) => r.level === 'MUST' && !r.profiles)!;
const failingCheck = checkIdOf(must.id, 'creates a session and a course offering, then fails on purpose');
const failingSetUp = checkIdOf(must.id, 'fails when a set-up step shows its own requirement broken');

function baselineFile(entries: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gate-bl-')), 'baseline.json');
  writeFileSync(path, JSON.stringify({ entries }));
  return path;
}

describe('edfi-conformance run --baseline (fake target, fixture checks)', () => {
  let fake: FakeTarget;
  beforeAll(async () => {
    fake = await startFakeTarget();
  });
  afterAll(async () => fake?.stop());
  const target = (): string[] => ['--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--no-html', '--seed', '3'];

  it('should exit 0 when the baseline covers the failures, with the step summary and a verifiable bundle', async () => {
    const work = mkdtempSync(join(tmpdir(), 'gate-'));
    const reportDir = join(work, 'reports');
    const bundle = join(work, 'bundle');
    const summary = join(work, 'step-summary.md');
    const baseline = baselineFile([
      { check: failingCheck, reason: 'accepted deviation', expires: '2099-12-31' },
      { check: failingSetUp, reason: 'accepted deviation', expires: '2099-12-31' },
    ]);
    const r = await runCli(['run', ...target(), '--report-dir', reportDir, '--baseline', baseline, '--bundle', bundle], { ...SPECS, GITHUB_STEP_SUMMARY: summary });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`Baseline ${baseline}: 2 known failure(s) covered, 0 new failure(s), 1 new warning(s) — every failure is a known one`);
    expect(r.stdout).toContain(`Bundle: ${bundle}`);

    const conformance = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8'));
    expect(conformance.baseline.covered.map((f: { checkId: string }) => f.checkId).sort()).toEqual([failingCheck, failingSetUp].sort());
    expect(conformance.run).toMatchObject({ target: fake.baseUrl, embedded: false, profile: 'ods-7.3', seed: 3, suite: { version: expect.any(String) } });

    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^## Ed-Fi sessions, courseOfferings conformance: ✅ passed/);
    expect(md).toContain('2 known failure(s) covered · **0 new failure(s)**');

    expect(verifyBundle(bundle).intact).toBe(true);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ verdict: 'pass', seed: 3, baseline: { path: 'baseline.json', covered: 2, newFailures: 0 } });
    // No client secret or token in the reports, the bundle or the step summary.
    const needles = [fake.secret, ...fake.tokensIssued];
    expect(filesContaining(work, needles)).toEqual([]);
  }, 120_000);

  it('should exit 1 when the failure no longer matches the cause the baseline accepted', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'gate-cause-'));
    // The requirement's other failure is covered as it is; this one only with a cause it does not have.
    const baseline = baselineFile([
      { check: failingCheck, cause: 'a cause this failure does not have', reason: 'accepted', expires: '2099-12-31' },
      { check: failingSetUp, cause: 'deliberately broken own requirement', reason: 'accepted', expires: '2099-12-31' },
    ]);
    const r = await runMain(['run', ...target(), '--report-dir', reportDir, '--baseline', baseline], SPECS);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`✗ new [${failingCheck}] fail: cause changed since it was baselined (entry 1) — deliberate failure for the harness tests`);
    expect(r.stdout).toContain('1 known failure(s) covered, 1 new failure(s)');
  }, 120_000);

  it('should exit 2 at once, naming the entry and field, on a bad baseline', async () => {
    const baseline = baselineFile([{ check: failingCheck, reason: 'accepted', expires: 'next year' }]);
    const writesBefore = fake.writes;
    const r = await runMain(['run', ...target(), '--baseline', baseline], SPECS);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`edfi-conformance: Invalid setting: --baseline: ${baseline}: entry 1 (${failingCheck}): 'expires' must be a date 'YYYY-MM-DD' (got "next year")`);
    expect(fake.writes).toBe(writesBefore); // refused before any check ran
  }, 60_000);
});
