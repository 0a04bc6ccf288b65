// Pure decisions of the persona matrix: is each verdict of a persona run true about that host?
// A failure must belong to a declared deviation, each deviation (fault) must be reported failing,
// a blocked check must name a declared deviation, a skip for a missing capability must be for one
// the persona lacks; plus the run's audit (leftovers, token fragments). No I/O, unit-tested.
import type { Fault } from '../../host/faults/types.js';
import type { Persona } from './personas.js';
import { REFERENCE_HOST_LACKS } from './personas.js';
import type { CheckOutcome, JobResult } from './types.js';

/** One check the matrix questions, with what it said. */
export interface Finding {
  label: string;
  requirementId: string;
  verdict: CheckOutcome['verdict'];
  /** The failure message, the blockedBy value or the skip reason. */
  detail: string;
}

export interface MissedDeviation {
  faultId: string;
  /** What the checks of its requirements said instead. */
  why: string;
}

export interface PersonaResult {
  personaId: string;
  faults: string[];
  checks: number;
  failed: number;
  blocked: number;
  skipped: number;
  /** fail, warn or error under a requirement no fault of the persona declares. */
  misattributed: Finding[];
  /** blocked naming something that is neither a declared deviation nor a lacked capability. */
  misattributedBlocks: Finding[];
  missed: MissedDeviation[];
  /** Skips whose reason is a capability the host has (or a reason the matrix cannot place). */
  falseSkips: Finding[];
  leftovers: string[];
  tokenFragments: Array<{ where: string; count: number }>;
  /** How much the token search covered: tokens the hosts issued, places (files and texts) searched. */
  searched: { tokens: number; places: number };
  /** The run could not be made, timed out, or was not audited. */
  runError?: string;
  durationMs: number;
  /** Whether some skip's capability was read from its reason (the skip carried no skippedFor). */
  skipsInferred: boolean;
  passed: boolean;
}

const label = (c: CheckOutcome): string => `[${c.requirementId}] ${c.title}`;
const finding = (c: CheckOutcome, detail: string | undefined): Finding => ({ label: label(c), requirementId: c.requirementId, verdict: c.verdict, detail: detail ?? '' });

/**
 * The capability, role or profile a skip reason is about, read from the wording the harness and
 * the specs use (src/runtime/check.ts CAPABILITY_REASONS, context.ts, generators/invalid), for the
 * skips that do not carry `skippedFor` (a spec's own t.skip without it). 'profile' and 'harness'
 * are not about the host.
 */
const SKIP_REASONS: Array<[RegExp, string]> = [
  [/^applies to profile/i, 'profile'],
  [/no target with a snapshot is configured/i, 'snapshotTarget'],
  [/no target with change queries disabled/i, 'changeQueriesDisabledTarget'],
  [/no change queries|change queries switched off|availableChangeVersions (URL|did not)/i, 'changeQueries'],
  [/snapshot configured/i, 'snapshotAbsent'],
  [/no \/ed-fi\/sessions\/partitions endpoint|has no partitions endpoint/i, 'partitions'],
  [/sends no ETag/i, 'collectionEtag'],
  [/second school/i, 'secondSchool'],
  [/grading period/i, 'gradingPeriods'],
  [/academic week/i, 'academicWeeks'],
  [/course to offer/i, 'course'],
  [/read-only/i, 'writes'],
  [/no (\w+) client is configured/i, 'role'],
  [/harness does not expose/i, 'harness'],
];

export function skipCapability(check: Pick<CheckOutcome, 'skippedFor' | 'reason'>): { capability: string | undefined; inferred: boolean } {
  if (check.skippedFor) return { capability: check.skippedFor, inferred: false };
  const reason = check.reason ?? '';
  for (const [pattern, capability] of SKIP_REASONS) {
    const match = pattern.exec(reason);
    if (match) return { capability: capability === 'role' ? match[1] : capability, inferred: true };
  }
  return { capability: undefined, inferred: true };
}

/** Skips that are never about the host: the run's profile ('profile:ods-7.3' from the harness). */
const notAboutTheHost = (capability: string): boolean => capability === 'profile' || capability.startsWith('profile:');

const caught = (c: CheckOutcome): boolean => c.verdict === 'fail' || c.verdict === 'warn';

function verdictCounts(checks: readonly CheckOutcome[]): string {
  const counts = new Map<string, number>();
  for (const c of checks) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  return [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ');
}

function missedBecause(fault: Pick<Fault, 'violates'>, checks: readonly CheckOutcome[]): string {
  const mine = checks.filter((c) => fault.violates.includes(c.requirementId));
  if (mine.length === 0) return 'no check of its requirements ran';
  const example = mine.find((c) => c.verdict === 'skip' || c.verdict === 'blocked');
  const why = example ? `; e.g. ${label(example)}: ${example.verdict === 'blocked' ? `blocked by ${example.blockedBy}` : example.reason}` : '';
  return `its ${mine.length} checks: ${verdictCounts(mine)}${why}`;
}

export function classifyPersona(persona: Persona, faults: ReadonlyArray<Pick<Fault, 'id' | 'violates'>>, run: JobResult): PersonaResult {
  const declared = new Set(faults.flatMap((f) => f.violates));
  const lacks = new Set<string>([...REFERENCE_HOST_LACKS, ...persona.lacks]);
  const checks = run.checks;
  const misattributed = checks.filter((c) => (caught(c) || c.verdict === 'error') && !declared.has(c.requirementId)).map((c) => finding(c, c.message ?? c.reason));
  const misattributedBlocks = checks
    .filter((c) => c.verdict === 'blocked' && !(c.blockedBy !== undefined && (declared.has(c.blockedBy) || lacks.has(c.blockedBy))))
    .map((c) => finding(c, c.blockedBy === undefined ? 'blocked without naming what blocked it' : `blocked by ${c.blockedBy}`));
  const missed = faults
    .filter((f) => !checks.some((c) => caught(c) && f.violates.includes(c.requirementId)))
    .map((f) => ({ faultId: f.id, why: missedBecause(f, checks) }));
  let skipsInferred = false;
  const falseSkips = checks
    .filter((c) => c.verdict === 'skip')
    .filter((c) => {
      const { capability, inferred } = skipCapability(c);
      skipsInferred ||= inferred;
      return capability === undefined || (!notAboutTheHost(capability) && !lacks.has(capability));
    })
    .map((c) => finding(c, c.reason));
  const audit = run.audit;
  const runError = run.timedOut ? `timed out: ${run.error}` : (run.error ?? (audit ? undefined : 'the run was not audited'));
  const result: PersonaResult = {
    personaId: persona.id,
    faults: persona.faults,
    checks: checks.length,
    failed: checks.filter(caught).length,
    blocked: checks.filter((c) => c.verdict === 'blocked').length,
    skipped: checks.filter((c) => c.verdict === 'skip').length,
    misattributed,
    misattributedBlocks,
    missed,
    falseSkips,
    leftovers: audit?.leftovers ?? [],
    tokenFragments: audit?.tokenFragments ?? [],
    searched: { tokens: audit?.tokensIssued ?? 0, places: audit?.placesSearched ?? 0 },
    ...(runError !== undefined ? { runError } : {}),
    durationMs: run.durationMs,
    skipsInferred,
    passed: false,
  };
  result.passed = personaPassed(result);
  return result;
}

/** The six numbers that must be 0, in the matrix's column order. */
export function problemCounts(r: PersonaResult): Record<'misattributed' | 'badBlocks' | 'missed' | 'falseSkips' | 'leftovers' | 'tokenFragments', number> {
  return {
    misattributed: r.misattributed.length,
    badBlocks: r.misattributedBlocks.length,
    missed: r.missed.length,
    falseSkips: r.falseSkips.length,
    leftovers: r.leftovers.length,
    tokenFragments: r.tokenFragments.reduce((n, hit) => n + hit.count, 0),
  };
}

export function personaPassed(r: PersonaResult): boolean {
  return r.runError === undefined && r.checks > 0 && Object.values(problemCounts(r)).every((n) => n === 0);
}

/** Findings grouped by requirement, in first-seen order, with one example detail each. */
export function groupByRequirement(findings: readonly Finding[]): Array<{ requirementId: string; count: number; example: Finding }> {
  const groups = new Map<string, { requirementId: string; count: number; example: Finding }>();
  for (const f of findings) {
    const group = groups.get(f.requirementId);
    if (group) group.count += 1;
    else groups.set(f.requirementId, { requirementId: f.requirementId, count: 1, example: f });
  }
  return [...groups.values()];
}
