import { describe, expect, it } from 'vitest';
import { evaluateRequirements, requirementStatus } from '../../../src/report/requirement-status.js';
import type { CheckResult } from '../../../src/report/results.js';

const check = (requirementId: string, verdict: CheckResult['verdict'], blockedBy?: string): CheckResult => ({
  checkId: `${requirementId}/${verdict}`, requirementId, title: 't', file: 'f', level: 'MUST', area: 'etag', operation: 'PutSession', verdict, elicited: [], requests: 0, seed: 1, durationMs: 0, errors: [],
  ...(blockedBy ? { blockedBy } : {}),
});

describe(requirementStatus.name, () => {
  it('should call a requirement violated when one of its checks failed or warned, whatever else passed', () => {
    expect(requirementStatus([check('A', 'pass'), check('A', 'fail')])).toBe('violated');
    expect(requirementStatus([check('A', 'pass'), check('A', 'warn')])).toBe('violated');
  });

  it('should call it violated when a blocked check elsewhere names it, even if its own checks passed', () => {
    expect(requirementStatus([check('A', 'pass')], ['B/x'])).toBe('violated');
  });

  it('should call it met with a pass and no failure, blocked when only blocked, not applicable when only skipped', () => {
    expect(requirementStatus([check('A', 'pass'), check('A', 'blocked', 'B'), check('A', 'skip')])).toBe('met');
    expect(requirementStatus([check('A', 'blocked', 'B'), check('A', 'skip')])).toBe('blocked');
    expect(requirementStatus([check('A', 'skip'), check('A', 'skip')])).toBe('not-applicable');
  });

  it('should call it not run when no check reached a verdict', () => {
    expect(requirementStatus([])).toBe('not-run');
    expect(requirementStatus([check('A', 'error')])).toBe('not-run');
  });
});

describe(evaluateRequirements.name, () => {
  it('should attribute a blocked check to the requirement it names, not to its own', () => {
    const e = evaluateRequirements(['A', 'B'], [check('A', 'blocked', 'B'), check('B', 'pass')]);
    expect(e.get('A')).toEqual({ status: 'blocked', blocking: [] });
    expect(e.get('B')).toEqual({ status: 'violated', blocking: ['A/blocked'] });
  });
});
