// Requirement-level status, derived from the check verdicts of the whole run. A check verdict
// speaks for one scenario; a reader (and a certifier) asks about requirements. The rule:
// - violated: one of its checks failed or warned, OR a blocked check anywhere names it in
//   `blockedBy` (that check's arrange step saw the host break it);
// - met: otherwise, at least one of its checks passed;
// - blocked: otherwise, some of its checks were blocked (the rest skipped or broke);
// - not-applicable: every one of its checks was skipped (profile, capability, role);
// - not-run: no check of it reached a verdict (none selected, or only harness errors).
import type { Verdict } from '../runtime/check-state.js';
import type { CheckResult } from './results.js';

export type RequirementStatus = 'met' | 'violated' | 'blocked' | 'not-applicable' | 'not-run';

export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['met', 'violated', 'blocked', 'not-applicable', 'not-run'];

export interface RequirementEvaluation {
  status: RequirementStatus;
  /** Check ids elsewhere that were blocked by this requirement (evidence of a violation). */
  blocking: string[];
}

/** Blocked check ids by the requirement (or capability) they name in `blockedBy`. */
export function blockingIndex(checks: readonly CheckResult[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const c of checks) {
    if (c.verdict !== 'blocked' || !c.blockedBy) continue;
    index.set(c.blockedBy, [...(index.get(c.blockedBy) ?? []), c.checkId]);
  }
  return index;
}

export function requirementStatus(own: readonly CheckResult[], blocking: readonly string[] = []): RequirementStatus {
  const has = (v: Verdict): boolean => own.some((c) => c.verdict === v);
  if (has('fail') || has('warn') || blocking.length) return 'violated';
  if (has('pass')) return 'met';
  if (has('blocked')) return 'blocked';
  if (own.length && own.every((c) => c.verdict === 'skip')) return 'not-applicable';
  return 'not-run';
}

/** Every catalogue requirement's status, in catalogue order. */
export function evaluateRequirements(ids: readonly string[], checks: readonly CheckResult[]): Map<string, RequirementEvaluation> {
  const byRequirement = new Map<string, CheckResult[]>();
  for (const c of checks) byRequirement.set(c.requirementId, [...(byRequirement.get(c.requirementId) ?? []), c]);
  const blocked = blockingIndex(checks);
  return new Map(ids.map((id) => {
    const blocking = blocked.get(id) ?? [];
    return [id, { status: requirementStatus(byRequirement.get(id) ?? [], blocking), blocking }];
  }));
}

export function countStatuses(statuses: Iterable<RequirementStatus>): Record<RequirementStatus, number> {
  const counts = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<RequirementStatus, number>;
  for (const s of statuses) counts[s]++;
  return counts;
}
