import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigInvalidError } from '../../../src/errors.js';

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const path = join(dir, 'conformance.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigInvalidError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigInvalidError');
}

describe(loadConfig.name, () => {
  it('should apply the defaults', () => {
    const s = loadConfig({ env: {} });
    expect(s).toMatchObject({ profile: 'ods-7.3', reportDir: 'reports', timeoutMs: 15000, maxConcurrency: 24, readOnly: false, html: true });
    expect(s.seed).toBeUndefined();
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('should let flags win over the environment, and the environment over the file', () => {
    const file = configFile({ timeoutMs: 1000, maxConcurrency: 2, profile: 'dms' });
    const s = loadConfig({ configFile: file, env: { EDFI_TIMEOUT_MS: '2000', EDFI_PROFILE: 'guidelines' }, flags: { timeoutMs: 3000 } });
    expect(s.timeoutMs).toBe(3000);
    expect(s.profile).toBe('guidelines');
    expect(s.maxConcurrency).toBe(2);
  });

  it('should read every setting, credentials and roles included, from the file', () => {
    const file = configFile({ baseUrl: 'https://ods.example/api', key: 'k', secret: 's', roles: { readOnly: { key: 'r', secret: 'rs' } }, fixtures: { schoolId: 1 } });
    const s = loadConfig({ configFile: file, env: {} });
    expect(s.roles?.readOnly).toEqual({ key: 'r', secret: 'rs' });
    expect(s.fixtures?.schoolId).toBe(1);
  });

  it('should name an unknown key and suggest the closest one', () => {
    expect(problemsOf(() => loadConfig({ configFile: configFile({ timeoutMS: 5 }), env: {} }))).toEqual([expect.stringMatching(/^timeoutMS \(in .*\): unknown setting \(did you mean 'timeoutMs'\?\)$/)]);
    expect(problemsOf(() => loadConfig({ configFile: configFile({ roles: { readonly: { key: 'a', secret: 'b' } } }), env: {} }))[0]).toMatch(/roles\.readonly .*did you mean 'readOnly'/);
  });

  it('should report every bad setting with where it came from', () => {
    const problems = problemsOf(() => loadConfig({ configFile: configFile({ profile: 'odz' }), env: { EDFI_TIMEOUT_MS: 'soon' }, flags: { maxConcurrency: 0 } }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^profile \(in .*\): must be one of ods-7\.3, dms, guidelines \(got "odz"\)$/),
        'EDFI_TIMEOUT_MS: must be integer (got "soon")',
        '--max-concurrency: must be >= 1 (got 0)',
      ]),
    );
  });

  it('should never echo a secret in an error', () => {
    const problems = problemsOf(() => loadConfig({ configFile: configFile({ roles: { readOnly: { key: 'a', secret: 12345678 } } }), env: {} }));
    expect(problems.join('\n')).not.toContain('12345678');
  });

  it('should require credentials with --base-url', () => {
    expect(problemsOf(() => loadConfig({ env: {}, flags: { baseUrl: 'https://ods.example/api' } }))[0]).toMatch(/--key\/--secret/);
  });

  it('should reject a config file that is not JSON', () => {
    expect(problemsOf(() => loadConfig({ configFile: configFile('{nope'), env: {} }))[0]).toMatch(/^--config: .* is not valid JSON/);
  });

  it('should reject a base URL that is not http(s)', () => {
    expect(problemsOf(() => loadConfig({ env: { EDFI_BASE_URL: 'ftp://x', EDFI_CLIENT_ID: 'k', EDFI_CLIENT_SECRET: 's' } }))).toEqual(['EDFI_BASE_URL: must be an http(s) URL (got "ftp://x")']);
  });

  it('should take fixtures from flags and variables, keeping the ones the file gives', () => {
    const file = configFile({ fixtures: { schoolId: 1, courseCode: 'ALG-1' } });
    const s = loadConfig({
      configFile: file,
      env: { EDFI_SCHOOL_YEAR: '2025', EDFI_GRADING_PERIODS: 'uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks|Six Weeks 1; uri://x/GradingPeriodDescriptor#Q2|Quarter 2' },
      flags: { 'fixtures.schoolId': 255901001 },
    });
    expect(s.fixtures).toEqual({
      schoolId: 255901001,
      courseCode: 'ALG-1',
      schoolYear: 2025,
      gradingPeriods: [
        { gradingPeriodDescriptor: 'uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks', gradingPeriodName: 'Six Weeks 1' },
        { gradingPeriodDescriptor: 'uri://x/GradingPeriodDescriptor#Q2', gradingPeriodName: 'Quarter 2' },
      ],
    });
  });

  it('should name the flag or variable of a bad fixture', () => {
    expect(problemsOf(() => loadConfig({ env: { EDFI_SCHOOL_YEAR: 'twenty' } }))).toEqual(['EDFI_SCHOOL_YEAR (fixtures.schoolYear): must be integer (got "twenty")']);
    expect(problemsOf(() => loadConfig({ env: {}, flags: { 'fixtures.gradingPeriods': ['no bar here'] } }))[0]).toMatch(/^--grading-periods \(fixtures\.gradingPeriods\.0\): must be object/);
    // A file's fixture error still names the file.
    expect(problemsOf(() => loadConfig({ env: {}, configFile: configFile({ fixtures: { termDescriptor: 'no-hash' } }) }))[0]).toMatch(/^fixtures\.termDescriptor \(in .*conformance\.json\): must match pattern/);
  });

  it('should take the resources from --resource, EDFI_RESOURCES or the file, flags first', () => {
    expect(loadConfig({ env: {} }).resources).toBeUndefined();
    expect(loadConfig({ env: { EDFI_RESOURCES: 'courseOfferings' } }).resources).toEqual(['courseOfferings']);
    expect(loadConfig({ configFile: configFile({ resources: ['sessions'] }), env: { EDFI_RESOURCES: 'courseOfferings' } }).resources).toEqual(['courseOfferings']);
    expect(loadConfig({ configFile: configFile({ resources: ['sessions'] }), env: {}, flags: { resources: ['sessions', 'courseOfferings'] } }).resources).toEqual(['sessions', 'courseOfferings']);
  });

  it('should refuse an unknown resource in one sentence that lists the known ones', () => {
    expect(problemsOf(() => loadConfig({ env: {}, flags: { resources: ['sessions', 'sesions'] } }))).toEqual([
      "--resource: unknown resource 'sesions' (did you mean 'sessions'?); the suite knows sessions, courseOfferings",
    ]);
    expect(problemsOf(() => loadConfig({ env: { EDFI_RESOURCES: 'widgets,gadgets' } }))).toEqual(["EDFI_RESOURCES: unknown resources 'widgets', 'gadgets'; the suite knows sessions, courseOfferings"]);
    expect(problemsOf(() => loadConfig({ env: {}, configFile: configFile({ resources: ['widgets'] }) }))[0]).toMatch(/^resources \(in .*conformance\.json\): unknown resource 'widgets'; the suite knows sessions, courseOfferings$/);
    expect(problemsOf(() => loadConfig({ env: {}, configFile: configFile({ resources: [] }) }))[0]).toMatch(/^resources \(in .*\): must NOT have fewer than 1 items/);
    // Sections are known only as a course offering's set-up dependent: not a resource to check.
    expect(problemsOf(() => loadConfig({ env: {}, flags: { resources: ['sections'] } }))).toEqual([
      "--resource: 'sections' is only created as another resource's set-up, never checked; the suite checks sessions, courseOfferings",
    ]);
  });
});
