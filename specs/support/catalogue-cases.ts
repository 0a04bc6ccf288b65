// What the two specs that run the generators' catalogue (sessions.validation and
// sessions.validation-accepted) share: skipping a case the fixtures cannot build, recording the
// profile-register entry that makes a case's outcome differ by profile, and the matrix row.
import { comparesBody, expectedStatus, missingNeeds, unmetNeeds, type InvalidCase, type Outcome, type WriteMethod } from '../../generators/index.js';
import { Differences, type CheckContext, type Exchange, type ProfileDifference } from '../../src/index.js';

/** Skips a case these fixtures cannot build, saying what is missing. */
export function skipUnmet(t: CheckContext, c: InvalidCase): void {
  const unmet = unmetNeeds(c, t.refs);
  if (unmet.length) t.skip(unmet.join('; '), missingNeeds(c, t.refs).join(','));
}

/** Records the register entry the case names (its outcome differs by profile for that reason). */
export function decideCaseDifference(t: CheckContext, c: InvalidCase): void {
  if (!c.difference) return;
  const entry = (Object.values(Differences) as ProfileDifference<unknown>[]).find((d) => d.id === c.difference);
  if (!entry) throw new Error(`case ${c.id} names the unknown profile-register entry '${c.difference}'`);
  t.decide(entry);
}

/** The case's row for the matrix: what this profile expected, what the host answered. */
export function recordCaseRow(t: CheckContext, method: WriteMethod, c: InvalidCase, outcome: Outcome, ex: Exchange, statuses?: readonly number[]): void {
  t.recordCase({
    id: `${method} ${c.id}`,
    expected: { status: statuses ?? expectedStatus(outcome, method), type: comparesBody(outcome) ? outcome.type : '(not documented for this profile)' },
    observed: { status: ex.status, type: (ex.json as { type?: unknown } | undefined)?.type },
  });
}
