// The whole CLI against a stand-in target with fixture checks: verdict rules, failure output,
// cleanup of everything the run created, reports written, and no secret in any of them. The
// --read-only and unknown-requirement runs call the CLI's main() in this process
// (helpers/cli-in-process.ts): what they test is the runner's, not the process's.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTarget, type FakeTarget } from '../helpers/fake-target.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';
import { filesContaining, filesUnder } from '../helpers/report-files.js';
import { verifyBundle } from '../../../src/ci/bundle.js';

const SPECS = { EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts' };

describe('edfi-conformance run (fake target, fixture checks)', () => {
  let fake: FakeTarget;
  let result: CliResult;
  let reportDir: string;
  let matrix: { checks: Array<{ title: string; verdict: string; reason?: string; errors: string[] }>; pairs: Array<{ resource: string; operation: string; status: number; result: string }> };

  beforeAll(async () => {
    fake = await startFakeTarget();
    reportDir = mkdtempSync(join(tmpdir(), 'conf-report-'));
    // The certification bundle goes inside the report dir, so the secret grep below covers it too.
    result = await runCli(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', reportDir, '--seed', '7', '--bundle', join(reportDir, 'bundle')], SPECS);
    matrix = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8'));
  }, 120_000);
  afterAll(async () => fake?.stop());

  it('should exit 1 because a MUST check failed', () => {
    expect(result.code, result.stdout + result.stderr).toBe(1);
  });

  it('should give each check the verdict its level and capabilities call for', () => {
    const verdictOf = (fragment: string): string | undefined => matrix.checks.find((c) => c.title.includes(fragment))?.verdict;
    expect(verdictOf('creates a session and passes')).toBe('pass');
    expect(verdictOf('fails on purpose')).toBe('fail');
    expect(verdictOf('SHOULD that is not met')).toBe('warn');
    expect(verdictOf('needs a snapshot target')).toBe('skip');
    expect(matrix.checks.find((c) => c.verdict === 'skip')?.reason).toMatch(/snapshotBaseUrl/);
    expect(verdictOf('set-up step shows its own requirement broken')).toBe('fail');
  });

  it('should report a check whose set-up step failed on another requirement as blocked by it, not failed', () => {
    const blocked = matrix.checks.find((c) => c.title.includes('set-up step shows another requirement broken')) as { verdict: string; blockedBy?: string; reason?: string; requirementId?: string; cause?: { requirementId: string } } | undefined;
    expect(blocked?.verdict).toBe('blocked');
    expect(blocked?.blockedBy).toMatch(/^SES-/);
    expect(blocked?.blockedBy).not.toBe(blocked?.requirementId);
    expect(blocked?.cause?.requirementId).toBe(blocked?.blockedBy);
    expect(blocked?.reason).toMatch(/^blocked by SES-[A-Z0-9-]+: deliberately broken set-up .*observed 200/);
  });

  it('should print the requirement, expected vs observed, the curl and the replay command of a failure', () => {
    expect(result.stdout).toMatch(/✗ \[SES-[A-Z0-9-]+\] creates a session and a course offering, then fails on purpose/);
    expect(result.stdout).toContain('expected: nothing');
    expect(result.stdout).toContain('observed: 200');
    expect(result.stdout).toMatch(/curl: curl -i -X GET .*Bearer \*\*\*/);
    expect(result.stdout).toMatch(/replay: npm run conformance -- --seed 7 --grep 'SES-[A-Z0-9-]+\/[a-z0-9-]+' \(plus your --base-url\/--config\)/);
    expect(result.stdout).toMatch(/1 passed, 2 failed, 1 warned, 1 blocked, 1 skipped \(6 checks\)/);
    expect(result.stdout).toMatch(/Quality gate: failed \(.*no-must-failures\/maxFailures\)/);
  });

  it('should leave no session or course offering behind on the target', () => {
    expect(fake.sessions.size).toBe(0);
    expect(fake.courseOfferings.size).toBe(0);
  });

  it('should record the documented pairs the checks elicited', () => {
    // The sessions table is the seed's 60 pairs, whatever other resource the run also checked.
    expect(matrix.pairs.filter((p) => p.resource === 'sessions')).toHaveLength(60);
    expect(matrix.pairs.find((p) => p.operation === 'PostSession' && p.status === 201)?.result).toBe('elicited');
  });

  it('should write Allure results, JUnit, the matrix and the HTML report', () => {
    for (const f of ['junit.xml', 'conformance.md', 'conformance.json', 'allure-results/executor.json', 'allure-results/environment.properties', 'allure-report/index.html']) {
      expect(existsSync(join(reportDir, f)), f).toBe(true);
    }
    // Our own JUnit: the stable check id names the testcase, resource and area group it, the title is a property.
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="SES-[A-Z0-9-]+\/creates-a-session-and-a-course-offering[a-z-]*" classname="edfi\.sessions\.[a-z-]+"/);
    expect(junit).toContain('value="creates a session and a course offering, then fails on purpose"');
    expect(junit).toMatch(/<testsuites name="edfi-sessions-conformance" tests="6" failures="2" errors="0" skipped="2"/);
    expect(readFileSync(join(reportDir, 'failures.txt'), 'utf8')).toContain('deliberate failure for the harness tests');
  });

  it('should write a certification bundle holding the HTML report, intact when verified', () => {
    const bundle = join(reportDir, 'bundle');
    for (const f of ['manifest.json', 'allure-report/index.html', 'conformance.json', 'junit.xml']) expect(existsSync(join(bundle, f)), f).toBe(true);
    expect(verifyBundle(bundle)).toMatchObject({ intact: true });
    expect(JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')).verdict).toBe('fail');
  });

  it('should mark the MUST failure as failed (not broken) in Allure, with one step per exchange', () => {
    const results = filesUnder(join(reportDir, 'allure-results')).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(f, 'utf8')));
    const failed = results.find((r) => String(r.name).includes('fails on purpose'));
    expect(failed.status).toBe('failed');
    expect(failed.labels).toEqual(expect.arrayContaining([{ name: 'severity', value: 'critical' }, { name: 'epic', value: expect.any(String) }, { name: 'feature', value: expect.any(String) }]));
    expect(failed.steps.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^POST \/data\/v3\/ed-fi\/sessions → 201$/)]));
  });

  it('should not write the client secret or any bearer token into any report file or the output', () => {
    const needles = [fake.secret, ...fake.tokensIssued, Buffer.from(`${fake.key}:${fake.secret}`).toString('base64')];
    expect(fake.tokensIssued.length).toBeGreaterThan(0);
    expect(filesContaining(reportDir, needles)).toEqual([]);
    for (const n of needles) expect(result.stdout + result.stderr).not.toContain(n);
  });
});

describe('edfi-conformance run --read-only (fake target, fixture checks)', () => {
  it('should turn every write into a skip before it is sent', async () => {
    const fake = await startFakeTarget();
    try {
      const reportDir = mkdtempSync(join(tmpdir(), 'conf-ro-'));
      const result = await runMain(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', reportDir, '--read-only', '--no-html'], SPECS);
      const matrix = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { checks: Array<{ title: string; verdict: string; reason?: string }> };
      const creator = matrix.checks.find((c) => c.title.includes('creates a session and passes'));
      expect(creator?.verdict, result.stdout).toBe('skip');
      expect(creator?.reason).toMatch(/read-only .* writes \(POST\)/);
      expect(fake.writes).toBe(0);
      // Reads still run: the SHOULD check only reads.
      expect(matrix.checks.find((c) => c.title.includes('SHOULD'))?.verdict).toBe('warn');
    } finally {
      await fake.stop();
    }
  }, 120_000);
});

describe('edfi-conformance run with a spec citing an unknown requirement', () => {
  it('should report the spec file as a suite error naming the id and the closest known one', async () => {
    const fake = await startFakeTarget();
    try {
      const result = await runMain(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', mkdtempSync(join(tmpdir(), 'conf-unk-')), '--no-html'], {
        EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/unknown-id.spec.ts',
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/Suite error: .*unknown-id\.spec\.ts: Unknown requirement id 'SES-POST-201-CREATD' \(did you mean 'SES-POST-201-CREATED'\?\)/);
    } finally {
      await fake.stop();
    }
  }, 120_000);
});
