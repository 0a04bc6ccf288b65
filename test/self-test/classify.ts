// Pure decisions of the kill matrix: which checks a fault run selects, whether a fault was killed,
// which checks never killed anything, which 500 pairs were elicited. No I/O, unit-tested.
import type { Fault } from '../../host/faults/types.js';
import type { CheckOutcome, FaultResult, JobResult } from './types.js';

/** The 8 documented operations (their 500 pairs are elicited only by faults). */
export const OPERATIONS = [
  'GetSessions',
  'GetSessionsById',
  'PostSession',
  'PutSession',
  'DeleteSessionById',
  'DeletesSessions',
  'KeyChangesSessions',
  'GetSessionsPartitions',
] as const;

/**
 * A small fixed sample of requirements run with every fault besides its declared ones, so that a
 * fault breaking more than it declares shows up (as an undeclared failure) without a full run.
 */
export const SAMPLE_REQUIREMENTS = ['SES-POST-201-CREATED', 'SES-GETBYID-200-FOUND', 'SES-GET-200-LIST'];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A vitest test-name pattern that matches checks titled "[ID] …" for exactly these ids. */
export function grepFor(requirementIds: readonly string[]): string {
  const ids = [...new Set(requirementIds)].sort();
  return `\\[(${ids.map(escapeRegExp).join('|')})\\]`;
}

/** The requirement ids a fault run selects: the declared ones plus the sample. */
export function selectedRequirements(fault: Pick<Fault, 'violates'>, known: ReadonlySet<string>): string[] {
  return [...new Set([...fault.violates, ...SAMPLE_REQUIREMENTS])].filter((id) => known.has(id));
}

export const checkLabel = (check: Pick<CheckOutcome, 'requirementId' | 'title'>): string => `[${check.requirementId}] ${check.title}`;

/** A check "caught something" when it failed (MUST) or warned (SHOULD). */
export const caught = (check: CheckOutcome): boolean => check.verdict === 'fail' || check.verdict === 'warn';

export function classifyFault(fault: Pick<Fault, 'id' | 'violates'>, run: JobResult): FaultResult {
  const base = { faultId: fault.id, violates: fault.violates, durationMs: run.durationMs, coveredBy: run.checks.map(checkLabel) };
  const catching = run.checks.filter(caught);
  const declared = new Set(fault.violates);
  const killedBy = catching.filter((c) => declared.has(c.requirementId)).map(checkLabel);
  const undeclaredFailures = catching.filter((c) => !declared.has(c.requirementId)).map(checkLabel);
  if (run.timedOut) return { ...base, status: 'timedOut', statusReason: run.error, killedBy, undeclaredFailures };
  if (run.error !== undefined) return { ...base, status: 'runtimeError', statusReason: run.error, killedBy, undeclaredFailures };
  if (killedBy.length > 0) return { ...base, status: 'killed', killedBy, undeclaredFailures };
  const ranDeclared = run.checks.some((c) => declared.has(c.requirementId) && c.verdict !== 'skip');
  const statusReason =
    catching.length > 0
      ? 'only checks outside the declaration caught it (mis-declared fault, or a declared check too weak)'
      : ranDeclared
        ? 'every declared check passed against the faulty host'
        : 'no check of a declared requirement ran (none exists yet, or all were skipped)';
  return { ...base, status: 'survived', statusReason, killedBy, undeclaredFailures };
}

/** Checks of the faithful run that killed no fault ("unproven": nothing shows they can fail). */
export function unprovenChecks(faithful: readonly CheckOutcome[], results: readonly FaultResult[]): string[] {
  const killers = new Set(results.flatMap((r) => r.killedBy));
  return [...new Set(faithful.filter((c) => c.verdict !== 'skip').map(checkLabel))].filter((label) => !killers.has(label)).sort();
}

/** Operations for which some fault run observed a 500 (recorded by the harness as an elicited pair). */
export function elicited500(runs: readonly JobResult[]): string[] {
  const seen = new Set<string>();
  for (const run of runs) for (const check of run.checks) for (const pair of check.elicited) if (pair.observedStatus === 500) seen.add(pair.operation);
  return OPERATIONS.filter((op) => seen.has(op));
}
