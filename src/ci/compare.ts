// Comparison of two runs (release verification: host release N vs N+1, or suite version A vs B),
// keyed on the stable check id: regressions (did not fail in A, fails or warns in B), fixes (failed
// or warned in A, passes in B), changed evidence (fails in both, but the verdict or the cause
// changed), new and removed checks, and other status changes (e.g. failed → skipped: no longer
// observed, which is not a fix). Also the two runs' identities, with a warning when their profiles
// or suite versions differ (differences may then come from the suite, not the host).
import type { CheckResult } from '../report/results.js';
import type { Verdict } from '../runtime/check-state.js';
import { identityOf, type ConformanceDocument } from './conformance-file.js';
import type { RunIdentity } from './run-identity.js';

export interface CheckSide {
  verdict: Verdict;
  /** The cause key (or, without one, the first line of the reason) of a fail, warn, error or blocked. */
  cause?: string;
  /** Why a check was skipped: what a "no longer observed" change needs to be read. */
  skipReason?: string;
}

export interface CheckChange {
  checkId: string;
  requirementId: string;
  title: string;
  level?: string;
  a?: CheckSide;
  b?: CheckSide;
}

export interface RunSide {
  source: string;
  identity: Partial<RunIdentity>;
  counts: Partial<Record<Verdict, number>> & { checks: number };
}

export interface Comparison {
  a: RunSide;
  b: RunSide;
  /** Reasons the two runs are not like for like (different profile, suite version, --grep). */
  warnings: string[];
  regressions: CheckChange[];
  fixes: CheckChange[];
  changedEvidence: CheckChange[];
  newChecks: CheckChange[];
  removedChecks: CheckChange[];
  /** Any other change of verdict (pass → skip, fail → blocked, skip → pass, …). */
  otherChanges: CheckChange[];
  unchanged: number;
}

const BAD = new Set<Verdict>(['fail', 'error', 'warn']);

function side(c: CheckResult): CheckSide {
  // The normalised cause when the run has one; else the reason's first line (less stable).
  const cause = c.cause?.key ?? (BAD.has(c.verdict) || c.verdict === 'blocked' ? c.reason?.split('\n')[0] : undefined);
  const skipReason = c.verdict === 'skip' ? c.reason?.split('\n')[0] : undefined;
  return { verdict: c.verdict, ...(cause ? { cause } : {}), ...(skipReason ? { skipReason } : {}) };
}

function counts(checks: readonly CheckResult[]): RunSide['counts'] {
  const out: RunSide['counts'] = { checks: checks.length };
  for (const c of checks) out[c.verdict] = (out[c.verdict] ?? 0) + 1;
  return out;
}

function runWarnings(a: Partial<RunIdentity>, b: Partial<RunIdentity>): string[] {
  const out: string[] = [];
  if (a.profile && b.profile && a.profile !== b.profile) {
    out.push(`Different profiles: A ran ${a.profile}, B ran ${b.profile}; checks whose expectation depends on the profile differ for that reason, not because the host changed.`);
  }
  const va = a.suite?.version;
  const vb = b.suite?.version;
  if (va && vb && va !== vb) {
    out.push(`Different suite versions: A ${va}, B ${vb}; new, removed and changed checks may come from the suite, not the host.`);
  } else if (a.suite?.commit && b.suite?.commit && a.suite.commit !== b.suite.commit) {
    out.push(`Same suite version (${va ?? 'unknown'}) at different commits (A ${a.suite.commit.slice(0, 12)}, B ${b.suite.commit.slice(0, 12)}).`);
  }
  if (!va || !vb) out.push(`${!va && !vb ? 'Neither run' : !va ? 'Run A' : 'Run B'} records its suite version (written before conformance.json carried a run identity).`);
  if ((a.grep ?? '') !== (b.grep ?? '')) {
    out.push(`The runs selected different checks (--grep ${a.grep ? `'${a.grep}'` : 'none'} vs ${b.grep ? `'${b.grep}'` : 'none'}); checks left out of one run appear as new or removed.`);
  }
  const ra = a.resources?.join(', ');
  const rb = b.resources?.join(', ');
  if (ra && rb && ra !== rb) {
    out.push(`The runs checked different resources (A ${ra}, B ${rb}); the checks of a resource only one run checked appear as new or removed.`);
  }
  return out;
}

export function compareRuns(a: { source: string; doc: ConformanceDocument }, b: { source: string; doc: ConformanceDocument }): Comparison {
  const ia = identityOf(a.doc);
  const ib = identityOf(b.doc);
  const result: Comparison = {
    a: { source: a.source, identity: ia, counts: counts(a.doc.checks) },
    b: { source: b.source, identity: ib, counts: counts(b.doc.checks) },
    warnings: runWarnings(ia, ib),
    regressions: [],
    fixes: [],
    changedEvidence: [],
    newChecks: [],
    removedChecks: [],
    otherChanges: [],
    unchanged: 0,
  };
  const before = new Map(a.doc.checks.map((c) => [c.checkId, c]));
  const after = new Map(b.doc.checks.map((c) => [c.checkId, c]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const id of ids) {
    const ca = before.get(id);
    const cb = after.get(id);
    const any = (cb ?? ca)!;
    const change: CheckChange = {
      checkId: id,
      requirementId: any.requirementId,
      title: any.title,
      ...(any.level ? { level: any.level } : {}),
      ...(ca ? { a: side(ca) } : {}),
      ...(cb ? { b: side(cb) } : {}),
    };
    if (!ca) result.newChecks.push(change);
    else if (!cb) result.removedChecks.push(change);
    else if (!BAD.has(ca.verdict) && BAD.has(cb.verdict)) result.regressions.push(change);
    else if (BAD.has(ca.verdict) && cb.verdict === 'pass') result.fixes.push(change);
    else if (BAD.has(ca.verdict) && BAD.has(cb.verdict)) {
      // Causes are compared only when both runs normalised them: reasons carry run-specific values.
      const causeChanged = !!(ca.cause && cb.cause && ca.cause.key !== cb.cause.key);
      if (ca.verdict !== cb.verdict || causeChanged) result.changedEvidence.push(change);
      else result.unchanged++;
    } else if (ca.verdict !== cb.verdict) result.otherChanges.push(change);
    else result.unchanged++;
  }
  return result;
}

/** Exit code of `compare`: 1 on any regression, else 0. */
export function comparisonExitCode(c: Comparison): 0 | 1 {
  return c.regressions.length ? 1 : 0;
}
