// Pure decisions of the kill matrix: which checks a fault run selects, whether a fault was killed,
// which checks never killed anything, which 500 pairs were elicited. No I/O, unit-tested.
import type { Fault } from '../../host/faults/types.js';
import { ods73Contract } from '../../src/contract/contract-sources.js';
import { RESOURCES } from '../../src/resources/index.js';
import type { CheckOutcome, FaultResult, JobResult } from './types.js';

/**
 * Every operation of every resource the suite knows whose contract documents a 500 (sessions: the
 * seed's 8; courseOfferings: its own), sorted. A correct host never answers 500, so only a fault
 * elicits these pairs; counting every resource keeps a resource without 500 faults visible.
 */
export const OPERATIONS: readonly string[] = RESOURCES.flatMap((r) => ods73Contract().forResource(r.path))
  .filter((o) => o.statuses.includes(500))
  .map((o) => o.name)
  .sort();

/**
 * A small fixed sample of requirements run with every fault besides its declared ones, so that a
 * fault breaking more than it declares shows up (as an undeclared failure) without a full run.
 */
export const SAMPLE_REQUIREMENTS = ['SES-GETBYID-200-FOUND'];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A vitest test-name pattern that matches checks titled "[ID] …" for exactly these ids. */
export function grepFor(requirementIds: readonly string[]): string {
  const ids = [...new Set(requirementIds)].sort();
  return `\\[(${ids.map(escapeRegExp).join('|')})\\]`;
}

/**
 * Requirements whose checks watch a host-wide counter (newestChangeVersion), of any resource (the
 * version-raise family expands them as SES- and CO-): any other write in the same run can mask the
 * fault, so a fault declaring one runs without the sample.
 */
export const HOST_WIDE_REQUIREMENT = /^[A-Z]+-(ACV-RAISE-CREATE|ACV-RAISE-UPDATE|ACV-RAISE-KEY-CHANGE|ACV-RAISE-DELETE|ACV-MONOTONIC)$/;

/** The requirement ids a fault run selects: the declared ones plus the sample. */
export function selectedRequirements(fault: Pick<Fault, 'violates'>, known: ReadonlySet<string>): string[] {
  const alone = fault.violates.some((id) => HOST_WIDE_REQUIREMENT.test(id));
  return [...new Set([...fault.violates, ...(alone ? [] : SAMPLE_REQUIREMENTS)])].filter((id) => known.has(id));
}

export interface SpecSource {
  /** Repo-relative path, e.g. 'specs/sessions.etag.spec.ts'. */
  path: string;
  text: string;
}

/**
 * The spec files that can hold checks of these requirements, so a fault run loads only those
 * (vitest must import every file it is given before the name filter applies, which dominates a
 * small run). An id found literally picks its files, with the families that cite its template
 * (`'PUT-412-STALE'` for SES-PUT-412-STALE and CO-PUT-412-STALE); an id built from a template
 * (`SES-${op}-401-UNAUTHENTICATED`) is found by its tail, then by its status part; an id found
 * nowhere selects every file, so narrowing never hides a check.
 */
export function specFilesFor(requirementIds: readonly string[], specs: readonly SpecSource[]): string[] {
  const chosen = new Set<string>();
  for (const id of requirementIds) {
    const parts = id.split('-');
    // A family cites a requirement template by its id without the resource prefix, quoted:
    // requirementIdOf(d, 'PUT-412-STALE') stands for SES-PUT-412-STALE and CO-PUT-412-STALE.
    const template = `'${parts.slice(1).join('-')}'`;
    const needles = [parts.slice(2).join('-'), parts.length > 2 ? `-${parts[2]}-` : undefined].filter((n): n is string => !!n && n.length > 2);
    let hits = specs.filter((s) => s.text.includes(id) || s.text.includes(template)).map((s) => s.path);
    for (const needle of needles) {
      if (hits.length > 0) break;
      hits = specs.filter((s) => s.text.includes(needle)).map((s) => s.path);
    }
    for (const path of hits.length > 0 ? hits : specs.map((s) => s.path)) chosen.add(path);
  }
  return [...chosen].sort();
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
