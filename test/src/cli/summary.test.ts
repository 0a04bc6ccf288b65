// The CLI summary of a host with many deviations fits on one screen: verdict, requirement and
// check counts, one line per cause, grouped skips, reports; the per-check detail goes to a file.
import { describe, expect, it } from 'vitest';
import { renderSummary, tallyLine } from '../../../src/cli/summary.js';
import type { RunOutcome } from '../../../src/cli/run.js';
import type { CheckResult } from '../../../src/report/results.js';
import { allRequirements } from '../../../src/requirements/index.js';

const must = allRequirements().filter((r) => r.level === 'MUST' && !r.profiles);
let n = 0;
function check(requirementId: string, verdict: CheckResult['verdict'], extra: Partial<CheckResult> = {}): CheckResult {
  const id = ++n;
  return {
    checkId: `${requirementId}/case-${id}`, requirementId, title: `case ${id}`, file: 'specs/x.spec.ts', level: 'MUST', area: 'etag', operation: 'PutSession',
    verdict, elicited: [], requests: 2, seed: 1, durationMs: 5, errors: verdict === 'fail' ? [`expected something\nobserved something else\ncurl: curl -i -X GET http://h/x\nreplay: npm run conformance -- --seed 1 --grep ${requirementId}`] : [],
    ...extra,
  };
}

function outcome(checks: CheckResult[], extra: Partial<RunOutcome> = {}): RunOutcome {
  return {
    exitCode: checks.some((c) => c.verdict === 'fail') ? 1 : 0, checks, suiteErrors: [], leftovers: [], requests: 1234, durationMs: 41_200, reportDir: '/work/reports', seed: 77, interrupted: false,
    phases: { hosts: 8000, probe: 600, checks: 30_000, sweep: 100, reports: 2500 },
    resources: ['sessions', 'courseOfferings'],
    sweep: { deleted: 3, alreadyGone: 0, leftovers: [], failures: [], requests: 3 },
    reports: {
      allureResults: '/work/reports/allure-results', allureReport: '/work/reports/allure-report', junit: '/work/reports/junit.xml', matrixJson: '/work/reports/conformance.json',
      matrixMarkdown: '/work/reports/conformance.md', failures: '/work/reports/failures.txt', qualityGate: { passed: false, violations: ['no-must-failures/maxFailures 0 → 100'] },
    },
    ...extra,
  };
}

/** 212 failing or blocked checks over 20 causes (12 × 11 + 8 × 10), 89 passes, skips for 8 reasons. */
function manyDeviations(): RunOutcome {
  const checks: CheckResult[] = [];
  for (let i = 0; i < 20; i++) {
    const culprit = must[i]!.id;
    const cause = { key: `cause-${i}`, requirementId: culprit, what: `assertion ${i} of ${culprit} does not hold on this host at all`, observed: `HTTP 400 {"detail":"shape ${i}"}` };
    for (let k = 0; k < (i < 12 ? 11 : 10); k++) {
      // Half fail under their own requirement, half are blocked by the culprit in another check's set-up.
      checks.push(k % 2 ? check(must[(i + k) % must.length]!.id, 'blocked', { blockedBy: culprit, reason: `blocked: ${cause.what}`, cause }) : check(culprit, 'fail', { cause }));
    }
  }
  for (let i = 0; i < 89; i++) checks.push(check(must[40 + (i % 10)]!.id, 'pass'));
  for (let i = 0; i < 24; i++) checks.push(check(must[50]!.id, 'skip', { reason: `skip reason number ${i % 8}` }));
  return outcome(checks);
}

describe(renderSummary.name, () => {
  const text = renderSummary(manyDeviations(), '/work');
  const lines = text.split('\n');

  it('should fit a host with 20 deviations (212 failing or blocked checks) in 43 lines, the detail in failures.txt', () => {
    // 40 before the per-resource lines (sessions, courseOfferings, API-wide).
    expect(lines.length, text).toBeLessThanOrEqual(43);
    expect(text).toContain('Per-check detail of 212 checks: reports/failures.txt');
    expect(text).not.toContain('observed something else');
  });

  it('should lead with the verdict, then requirement-level and check-level counts', () => {
    expect(lines[0]).toMatch(/^Verdict: NOT CONFORMANT — \d+ requirements violated \(\d+ MUST\); .*20 distinct causes/);
    expect(lines[1]).toMatch(/^Requirements \(\d+\): \d+ met · \d+ violated · \d+ blocked · \d+ not applicable · \d+ not run$/);
    expect(lines[2]).toBe('Checks (325): 89 passed · 112 failed · 0 warned · 100 blocked · 24 skipped');
  });

  it('should list each cause once, most checks hit first, with its level, count and one example', () => {
    const causes = lines.filter((l) => /×\d+ checks \(/.test(l));
    expect(causes).toHaveLength(20);
    expect(causes[0]).toMatch(new RegExp(`^  MUST   ${must[0]!.id}: assertion 0 of .* — observed: HTTP 400 \\{"detail":"shape 0"\\} ×11 checks \\(6 failed, 5 blocked\\), e\\.g\\. ${must[0]!.id}/case-\\d+$`));
    const counts = causes.map((l) => Number(/×(\d+) checks/.exec(l)![1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('should group skipped reasons, capped with "… and N more"', () => {
    expect(text).toContain('Skipped (24):');
    expect(lines.filter((l) => /^ {2}\d+ × skip reason number/.test(l))).toHaveLength(4);
    expect(text).toContain('  … and 4 more reasons (conformance.md lists them all)');
  });

  it('should end with the parseable tally line, blocked included', () => {
    const tally = /^(\d+) passed, (\d+) failed, (\d+) warned, (\d+) blocked, (\d+) skipped \((\d+) checks\) in ([\d.]+) s, (\d+) requests$/.exec(lines.at(-2)!);
    expect(tally?.slice(1, 7)).toEqual(['89', '112', '0', '100', '24', '325']);
    expect(lines.at(-1)).toMatch(/^Time: hosts 8\.0 s, probe 0\.6 s, checks 30\.0 s/);
  });

  it('should print a short detail inline, after the reports and a separator', () => {
    const few = renderSummary(outcome([check(must[0]!.id, 'fail'), check(must[1]!.id, 'blocked', { blockedBy: must[0]!.id, reason: 'set-up GET answered 500' }), check(must[2]!.id, 'pass')]), '/work');
    const separator = few.indexOf('──────── per-check detail (2) ────────');
    expect(separator).toBeGreaterThan(few.indexOf('Seed: 77'));
    expect(few.slice(separator)).toMatch(new RegExp(`✗ \\[${must[0]!.id}\\] case \\d+ \\(MUST, failed\\)\\n {4}check: ${must[0]!.id}/case-\\d+\\n {4}expected something`));
    expect(few.slice(separator)).toContain(`(MUST, blocked by ${must[0]!.id})`);
    expect(few).toContain('curl: curl -i -X GET http://h/x');
  });

  it('should say CONFORMANT when every requirement that ran was met', () => {
    const ok = renderSummary(outcome([check(must[0]!.id, 'pass'), check(must[1]!.id, 'skip', { reason: 'r' })], { reports: undefined }), '/work');
    expect(ok.split('\n')[0]).toBe('Verdict: CONFORMANT — every requirement that ran was met.');
    expect(ok).not.toContain('Causes');
    expect(tallyLine(outcome([]))).toBe('0 passed, 0 failed, 0 warned, 0 blocked, 0 skipped (0 checks) in 41.2 s, 1234 requests');
  });

  it('should count requirements per resource under the totals, API-wide last, and only the selected resources', () => {
    const all = allRequirements();
    const per = (prefix: string): number => all.filter((r) => r.id.startsWith(prefix) && r.operation !== 'Token' && r.operation !== 'Discovery').length;
    const apiWide = all.filter((r) => r.operation === 'Token' || r.operation === 'Discovery').length;
    const ses = must.find((r) => r.id.startsWith('SES-') && r.operation !== 'Token' && r.operation !== 'Discovery')!;
    const co = must.find((r) => r.id.startsWith('CO-'))!;
    const run = outcome([check(ses.id, 'pass'), check(co.id, 'fail', { operation: co.operation }), check('SES-TOKEN-BASIC-OK', 'pass', { operation: 'Token' })], { reports: undefined });
    const both = renderSummary(run, '/work').split('\n');
    expect(both[1]).toBe(`Requirements (${all.length}): 2 met · 1 violated · 0 blocked · 0 not applicable · ${all.length - 3} not run`);
    expect(both.slice(3, 6)).toEqual([
      expect.stringMatching(new RegExp(`^  sessions: +${per('SES-')} requirements \\(1 met · 0 violated · ${per('SES-') - 1} not run\\); 1 check$`)),
      expect.stringMatching(new RegExp(`^  courseOfferings: +${per('CO-')} requirements \\(0 met · 1 violated · ${per('CO-') - 1} not run\\); 1 check, 1 failed$`)),
      expect.stringMatching(new RegExp(`^  API-wide \\(token, discovery\\): ${apiWide} requirements \\(1 met · 0 violated · ${apiWide - 1} not run\\); 1 check$`)),
    ]);
    const coOnly = renderSummary({ ...run, checks: run.checks.filter((c) => c.requirementId !== ses.id), resources: ['courseOfferings'] }, '/work').split('\n');
    expect(coOnly[1]).toBe(`Requirements (${per('CO-') + apiWide}): 1 met · 1 violated · 0 blocked · 0 not applicable · ${per('CO-') + apiWide - 2} not run`);
    expect(coOnly.filter((l) => /^ {2}\S.*requirements? \(/.test(l)).map((l) => l.trim().split(':')[0])).toEqual(['courseOfferings', 'API-wide (token, discovery)']);
  });
});
