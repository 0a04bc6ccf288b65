// Baselines: which failures an entry covers, expiry, a changed cause, fixed vs not observed, the
// exit-code rule with a baseline, bad files (one sentence naming entry and field), and writing one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFromChecks, evaluateBaseline, loadBaseline, type BaselineEntry, type LoadedBaseline } from '../../../src/ci/baseline.js';
import { renderBaselineSummary } from '../../../src/ci/baseline-summary.js';
import { runFailed } from '../../../src/ci/verdict.js';
import { ConfigInvalidError } from '../../../src/errors.js';
import { cause, check, REQ } from './crafted.js';

const TODAY = '2026-06-15';
const baseline = (...entries: BaselineEntry[]): LoadedBaseline => ({ path: 'baseline.json', entries });
const entry = (over: Partial<BaselineEntry>): BaselineEntry => ({ reason: 'vendor ticket 123', expires: '2027-06-30', ...over });

const put409 = check(REQ.put412, 'stale-put', 'fail', { cause: cause(REQ.put412, 'PutSession should answer 412', '409'), reason: 'PutSession should answer 412' });

describe(evaluateBaseline.name, () => {
  it('should cover a listed failure, so the run does not fail on it', () => {
    const out = evaluateBaseline(baseline(entry({ check: put409.checkId })), [put409], TODAY);
    expect(out.covered.map((f) => [f.checkId, f.entry])).toEqual([[put409.checkId, 1]]);
    expect(out.newFailures).toEqual([]);
    expect(out.entries[0]!.status).toBe('covers');
    expect(runFailed({ checks: [put409], baseline: out })).toBe(false);
    expect(runFailed({ checks: [put409] })).toBe(true); // the same run without a baseline fails
  });

  it('should fail the run on a failure the baseline does not list', () => {
    const del = check(REQ.del412, 'stale-delete', 'fail');
    const out = evaluateBaseline(baseline(entry({ check: put409.checkId })), [put409, del], TODAY);
    expect(out.newFailures.map((f) => [f.checkId, f.why])).toEqual([[del.checkId, 'not-in-baseline']]);
    expect(runFailed({ checks: [put409, del], baseline: out })).toBe(true);
  });

  it('should cover every check of a requirement named by a requirement entry', () => {
    const other = check(REQ.put412, 'stale-put-other', 'error');
    const out = evaluateBaseline(baseline(entry({ requirement: REQ.put412 })), [put409, other], TODAY);
    expect(out.covered).toHaveLength(2);
    expect(out.entries[0]!.checks).toEqual([put409.checkId, other.checkId]);
  });

  it('should treat a covered failure whose cause changed as a new failure', () => {
    const e = entry({ check: put409.checkId, cause: put409.cause!.key });
    const changed = { ...put409, cause: cause(REQ.put412, 'PutSession should answer 412', '200') };
    expect(evaluateBaseline(baseline(e), [put409], TODAY).covered).toHaveLength(1);
    const out = evaluateBaseline(baseline(e), [changed], TODAY);
    expect(out.newFailures.map((f) => [f.why, f.entry, f.cause])).toEqual([['cause-changed', 1, changed.cause!.key]]);
    expect(out.entries[0]!.status).toBe('cause-changed');
    expect(runFailed({ checks: [changed], baseline: out })).toBe(true);
  });

  it('should match a /regex/ cause against the cause key, what or observed', () => {
    const out = evaluateBaseline(baseline(entry({ check: put409.checkId, cause: '/^40[0-9]$/' })), [put409], TODAY);
    expect(out.covered).toHaveLength(1);
    const miss = evaluateBaseline(baseline(entry({ check: put409.checkId, cause: '/^5\\d\\d$/' })), [put409], TODAY);
    expect(miss.newFailures).toHaveLength(1);
  });

  it('should let an expired entry cover nothing, and report it as expired', () => {
    const out = evaluateBaseline(baseline(entry({ check: put409.checkId, expires: '2026-06-14' })), [put409], TODAY);
    expect(out.newFailures.map((f) => f.why)).toEqual(['entry-expired']);
    expect(out.entries[0]!.status).toBe('expired');
    expect(runFailed({ checks: [put409], baseline: out })).toBe(true);
    // The expiry day itself still covers.
    expect(evaluateBaseline(baseline(entry({ check: put409.checkId, expires: TODAY })), [put409], TODAY).covered).toHaveLength(1);
  });

  it('should call an entry whose checks all pass fixed', () => {
    const out = evaluateBaseline(baseline(entry({ check: put409.checkId })), [{ ...put409, verdict: 'pass', cause: undefined }], TODAY);
    expect(out.entries[0]!.status).toBe('fixed');
    expect(renderBaselineSummary({ baseline: out }).join('\n')).toContain(`fixed — remove it from the baseline: entry 1 (${put409.checkId})`);
  });

  it('should call an entry whose check was skipped, blocked or not run "not observed", never fixed', () => {
    for (const verdict of ['skip', 'blocked'] as const) {
      const out = evaluateBaseline(baseline(entry({ check: put409.checkId })), [{ ...put409, verdict, blockedBy: verdict === 'blocked' ? REQ.post201 : undefined }], TODAY);
      expect(out.entries[0]!.status, verdict).toBe('not-observed');
    }
    expect(evaluateBaseline(baseline(entry({ check: put409.checkId })), [], TODAY).entries[0]!.status).toBe('not-observed');
    // A requirement entry with one check passed and one skipped is not fixed either.
    const mixed = [check(REQ.put412, 'a', 'pass'), check(REQ.put412, 'b', 'skip')];
    expect(evaluateBaseline(baseline(entry({ requirement: REQ.put412 })), mixed, TODAY).entries[0]!.status).toBe('not-observed');
  });

  it('should report a new warning without failing the run', () => {
    const warn = check(REQ.post201, 'should-thing', 'warn');
    const out = evaluateBaseline(baseline(), [warn], TODAY);
    expect(out.newWarnings.map((f) => f.checkId)).toEqual([warn.checkId]);
    expect(runFailed({ checks: [warn], baseline: out })).toBe(false);
  });

  it('should let the baseline, not the quality gate, judge check failures; other gate rules still count', () => {
    const out = evaluateBaseline(baseline(entry({ check: put409.checkId })), [put409], TODAY);
    const mustGate = { passed: false, violations: ['The number of failed tests 1 exceeds the allowed threshold value 0 — maxFailures'] };
    const countGate = { passed: false, violations: ['The total number of tests 1 is less than the expected threshold value 3 — minTestsCount'] };
    expect(runFailed({ checks: [put409], baseline: out, qualityGate: mustGate })).toBe(false);
    expect(runFailed({ checks: [put409], baseline: out, qualityGate: countGate })).toBe(true);
    expect(runFailed({ checks: [put409], baseline: out, sweepFailures: ['session 1'] })).toBe(true);
  });
});

describe(loadBaseline.name, () => {
  const file = (content: unknown): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'baseline-')), 'baseline.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const problem = (content: unknown): string => {
    try {
      loadBaseline(file(content));
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigInvalidError);
      const problems = (error as ConfigInvalidError).problems;
      expect(problems).toHaveLength(1);
      return problems[0]!;
    }
    throw new Error('expected the baseline to be rejected');
  };

  it('should accept a valid file, and a bare array of entries', () => {
    const entries = [entry({ check: `${REQ.put412}/stale-put`, cause: '409' }), entry({ requirement: REQ.del412 })];
    expect(loadBaseline(file({ entries })).entries).toEqual(entries);
    expect(loadBaseline(file(entries)).entries).toEqual(entries);
  });

  it('should name the entry and the field of a bad value', () => {
    expect(problem({ entries: [entry({ check: `${REQ.put412}/a` }), entry({ check: `${REQ.put412}/b`, expires: '2027-02-30' })] })).toMatch(
      /^--baseline: .*baseline\.json: entry 2 \(SES-PUT-412-STALE\/b\): 'expires' must be a date 'YYYY-MM-DD' \(got "2027-02-30"\)$/,
    );
    expect(problem({ entries: [{ check: `${REQ.put412}/a`, expires: '2027-01-01' }] })).toMatch(/entry 1 \(SES-PUT-412-STALE\/a\): 'reason' is required$/);
    expect(problem({ entries: [{ reason: 'r', expires: '2027-01-01' }] })).toMatch(/entry 1: needs a 'check' \(check id\) or a 'requirement'/);
    expect(problem({ entries: [entry({ check: `${REQ.put412}/a`, ticket: 'x' } as never)] })).toMatch(/entry 1 \(.*\): unknown field 'ticket' \(fields: check, requirement/);
    expect(problem({ entries: [{ check: `${REQ.put412}/a`, reasn: 'x', expires: '2027-01-01' }] })).toMatch(/entry 1 \(.*\): unknown field 'reasn' \(did you mean 'reason'\?\)$/);
    expect(problem({ entries: [entry({ check: 'not a check id' })] })).toMatch(/entry 1 \(not a check id\): 'check' must be a check id/);
  });

  it('should name an unknown requirement with the closest known one', () => {
    expect(problem({ entries: [entry({ requirement: 'SES-PUT-412-STAL' })] })).toMatch(/entry 1 \(SES-PUT-412-STAL\): 'requirement' names the unknown requirement 'SES-PUT-412-STAL' \(did you mean 'SES-PUT-412-STALE'\?\)/);
  });

  it('should reject a cause that is not a valid regular expression', () => {
    expect(problem({ entries: [entry({ check: `${REQ.put412}/a`, cause: '/([/' })] })).toMatch(/entry 1 \(.*\): 'cause' is not a valid regular expression/);
  });

  it('should say so when the file is not JSON or not a baseline', () => {
    expect(problem('{ nope')).toMatch(/baseline\.json: not valid JSON/);
    expect(problem({ checks: [] })).toMatch(/this is a run's conformance\.json, not a baseline; write one with: edfi-conformance baseline --from/);
    expect(problem({ entrys: [] })).toMatch(/unknown member 'entrys'/);
  });
});

describe(baselineFromChecks.name, () => {
  it('should write one entry per failed, errored or warned check, with its cause key, that covers the same run', () => {
    const checks = [put409, check(REQ.post201, 'ok', 'pass'), check(REQ.post201, 'should', 'warn'), check(REQ.del412, 'skipped', 'skip'), check(REQ.post412, 'blocked', 'blocked')];
    const file = baselineFromChecks(checks, { reason: 'accepted', expires: '2027-06-30', createdFrom: 'reports/conformance.json' });
    expect(file.entries).toEqual([
      { check: put409.checkId, cause: put409.cause!.key, reason: 'accepted', expires: '2027-06-30' },
      { check: `${REQ.post201}/should`, reason: 'accepted', expires: '2027-06-30' },
    ]);
    const out = evaluateBaseline({ path: 'b.json', entries: file.entries }, checks, TODAY);
    expect(out.newFailures).toEqual([]);
    expect(out.covered).toHaveLength(2);
  });
});
