// Requirement-level status from check results, for summaries that count requirements rather than
// checks: met | violated | blocked | not-applicable | not-run. A requirement is violated when one
// of its checks failed or warned, or when a blocked check names it in `blockedBy` (its arrange step
// saw it broken). A harness error says nothing about the host, so it never makes one violated.
import type { CheckResult } from '../report/results.js';

export type RequirementStatus = 'met' | 'violated' | 'blocked' | 'not-applicable' | 'not-run';
export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['met', 'violated', 'blocked', 'not-applicable', 'not-run'];

export function requirementStatuses(requirementIds: readonly string[], checks: readonly CheckResult[]): Map<string, RequirementStatus> {
  const blockedBy = new Set(checks.filter((c) => c.verdict === 'blocked' && c.blockedBy).map((c) => c.blockedBy!));
  const out = new Map<string, RequirementStatus>();
  for (const id of new Set([...requirementIds, ...checks.map((c) => c.requirementId)])) {
    const own = checks.filter((c) => c.requirementId === id);
    const has = (v: CheckResult['verdict']): boolean => own.some((c) => c.verdict === v);
    out.set(
      id,
      has('fail') || has('warn') || blockedBy.has(id) ? 'violated'
      : has('blocked') ? 'blocked'
      : has('pass') ? 'met'
      : has('skip') ? 'not-applicable'
      : 'not-run',
    );
  }
  return out;
}

export function countStatuses(statuses: Map<string, RequirementStatus>): Record<RequirementStatus, number> {
  const counts = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<RequirementStatus, number>;
  for (const s of statuses.values()) counts[s]++;
  return counts;
}
