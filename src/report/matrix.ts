// conformance.json / conformance.md: generated from the requirement catalogue and the run's
// results, never by hand. It leads with requirement-level status (met, violated, blocked, not
// applicable, not run) and the distinct causes, then requirement × status with each check's
// verdict, the profile-register entries that decided profile-dependent verdicts, the 60 documented
// (operation, status) pairs with the requirements that elicited each (once per pair, with a count),
// and the data-driven case rows.
import type { Requirement } from '../requirements/types.js';
import type { DocumentedPair } from '../contract/contract.js';
import type { Verdict } from '../runtime/check-state.js';
import { causeTally, groupByCause, type CauseGroup } from './causes.js';
import { countStatuses, evaluateRequirements, type RequirementStatus } from './requirement-status.js';
import type { CheckResult } from './results.js';

export interface MatrixCheck {
  checkId: string;
  title: string;
  verdict: Verdict;
  reason?: string;
  blockedBy?: string;
  decidedBy?: string[];
}

export interface MatrixRequirementRow {
  id: string;
  level: Requirement['level'];
  area: Requirement['area'];
  operation: Requirement['operation'];
  source: string;
  statement: string;
  status: RequirementStatus;
  /** Checks of other requirements whose arrange step this requirement's violation blocked. */
  blocking: string[];
  /** Profile-register entries that decided any of its checks' expectations. */
  decidedBy: string[];
  checks: MatrixCheck[];
}

export interface MatrixPairRow extends DocumentedPair {
  /** elicited: some check asked for it and got it; mismatch: asked for it, got something else. */
  result: 'elicited' | 'mismatch' | 'not-elicited' | 'fault-only';
  /** One row per requirement: how many of its checks asked for the pair, and what they got. */
  elicitedBy: Array<{ requirementId: string; checks: number; observed: Record<string, number> }>;
}

/** A profile-register entry and the checks whose expectation it decided. */
export interface MatrixDecision {
  entry: string;
  checks: number;
  requirements: Array<{ id: string; checks: number }>;
}

export interface Matrix {
  generatedAt: string;
  target: string;
  profile: string;
  seed: number;
  summary: Record<Verdict, number> & {
    checks: number;
    requirements: number;
    requirementStatus: Record<RequirementStatus, number>;
    causes: number;
    pairsElicited: number;
    pairsTotal: number;
  };
  causes: CauseGroup[];
  requirements: MatrixRequirementRow[];
  decisions: MatrixDecision[];
  seedPairs: MatrixPairRow[];
  cases: Array<{ requirementId: string; checkId: string; title: string; id: string; expected: unknown; observed: unknown }>;
}

const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'warn', 'blocked', 'skip', 'error'];

function matrixCheck(c: CheckResult): MatrixCheck {
  return {
    checkId: c.checkId,
    title: c.title,
    verdict: c.verdict,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.blockedBy ? { blockedBy: c.blockedBy } : {}),
    ...(c.decidedBy?.length ? { decidedBy: c.decidedBy } : {}),
  };
}

/** Counts per key, in first-seen order. */
function tally<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function pairRow(p: DocumentedPair, checks: readonly CheckResult[]): MatrixPairRow {
  const hits = checks.flatMap((c) => c.elicited.filter((e) => e.operation === p.operation && e.status === p.status).map((e) => ({ requirementId: c.requirementId, observedStatus: e.observedStatus })));
  const elicitedBy = [...tally(hits, (h) => h.requirementId)].map(([requirementId, n]) => ({
    requirementId,
    checks: n,
    observed: Object.fromEntries(tally(hits.filter((h) => h.requirementId === requirementId), (h) => String(h.observedStatus))),
  }));
  const result: MatrixPairRow['result'] = hits.some((h) => h.observedStatus === p.status)
    ? 'elicited'
    : hits.length
      ? 'mismatch'
      : p.elicitable === 'fault-only'
        ? 'fault-only'
        : 'not-elicited';
  return { ...p, result, elicitedBy };
}

function decisions(checks: readonly CheckResult[]): MatrixDecision[] {
  const entries = [...new Set(checks.flatMap((c) => c.decidedBy ?? []))].sort();
  return entries.map((entry) => {
    const decided = checks.filter((c) => c.decidedBy?.includes(entry));
    return { entry, checks: decided.length, requirements: [...tally(decided, (c) => c.requirementId)].map(([id, n]) => ({ id, checks: n })) };
  });
}

export function buildMatrix(input: {
  requirements: readonly Requirement[];
  pairs: readonly DocumentedPair[];
  checks: readonly CheckResult[];
  target: string;
  profile: string;
  seed: number;
}): Matrix {
  const evaluations = evaluateRequirements(input.requirements.map((r) => r.id), input.checks);
  const levels = new Map(input.requirements.map((r) => [r.id, r.level]));
  const requirements = input.requirements.map((r): MatrixRequirementRow => {
    const checks = input.checks.filter((c) => c.requirementId === r.id);
    const evaluation = evaluations.get(r.id)!;
    return {
      id: r.id,
      level: r.level,
      area: r.area,
      operation: r.operation,
      source: r.source,
      statement: r.statement,
      status: evaluation.status,
      blocking: evaluation.blocking,
      decidedBy: [...new Set(checks.flatMap((c) => c.decidedBy ?? []))].sort(),
      checks: checks.map(matrixCheck),
    };
  });
  const seedPairs = input.pairs.map((p) => pairRow(p, input.checks));
  const causes = groupByCause(input.checks, (id) => levels.get(id));
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const c of input.checks) verdicts[c.verdict]++;
  return {
    generatedAt: new Date().toISOString(),
    target: input.target,
    profile: input.profile,
    seed: input.seed,
    summary: {
      ...verdicts,
      checks: input.checks.length,
      requirements: requirements.length,
      requirementStatus: countStatuses(requirements.map((r) => r.status)),
      causes: causes.length,
      pairsElicited: seedPairs.filter((p) => p.result === 'elicited').length,
      pairsTotal: seedPairs.length,
    },
    causes,
    requirements,
    decisions: decisions(input.checks),
    seedPairs,
    cases: input.checks.flatMap((c) => (c.cases ?? []).map((row) => ({ requirementId: c.requirementId, checkId: c.checkId, title: c.title, ...row }))),
  };
}

const cell = (v: unknown): string => String(typeof v === 'string' ? v : JSON.stringify(v)).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0]!.trim();
/** 'SES-X ×41' (a count only when more than one). */
const counted = (id: string, n: number): string => (n > 1 ? `${id} ×${n}` : id);

/** '3 pass, 1 blocked' for a requirement's checks. */
function verdictCounts(checks: readonly MatrixCheck[]): string {
  return [...tally(checks, (c) => c.verdict)].map(([v, n]) => `${n} ${v}`).join(', ') || '—';
}

function pairCell(p: MatrixPairRow): string {
  return p.elicitedBy
    .map((e) => {
      const observed = Object.entries(e.observed);
      const detail = observed.length === 1 ? observed[0]![0] : observed.map(([status, n]) => counted(status, n)).join(', ');
      return `${counted(e.requirementId, e.checks)} (${detail})`;
    })
    .join(', ') || '—';
}

export function renderMatrixMarkdown(m: Matrix): string {
  const s = m.summary;
  const r = s.requirementStatus;
  const out: string[] = [
    '# Ed-Fi sessions conformance',
    '',
    `Target: ${m.target} · profile ${m.profile} · seed ${m.seed} · generated ${m.generatedAt}`,
    '',
    `Requirements: ${s.requirements} (met ${r.met}, violated ${r.violated}, blocked ${r.blocked}, not applicable ${r['not-applicable']}, not run ${r['not-run']}).`,
    `Checks: ${s.checks} (passed ${s.pass}, failed ${s.fail}, warnings ${s.warn}, blocked ${s.blocked}, skipped ${s.skip}, errors ${s.error}). ` +
      `Documented status pairs elicited: ${s.pairsElicited}/${s.pairsTotal}.`,
  ];
  if (m.causes.length) {
    out.push('', `## Causes (${m.causes.length})`, '', 'What broke the checks that did not pass, the most damaging first.', '');
    out.push('| level | requirement | what | observed | checks | example |', '|---|---|---|---|---|---|');
    for (const c of m.causes) out.push(`| ${c.level ?? '—'} | ${c.requirementId} | ${cell(c.what)} | ${cell(c.observed || '—')} | ${causeTally(c)} | ${cell(c.example)} |`);
  }
  out.push(
    '',
    '## Requirements',
    '',
    '| id | level | area | operation | status | checks | blocked others | decided by | source |',
    '|---|---|---|---|---|---|---|---|---|',
    ...m.requirements.map(
      (q) => `| ${q.id} | ${q.level} | ${q.area} | ${q.operation} | ${q.status} | ${verdictCounts(q.checks)} | ${q.blocking.length || '—'} | ${cell(q.decidedBy.join(', ') || '—')} | ${cell(q.source)} |`,
    ),
  );
  const notPassed = m.requirements.flatMap((q) => q.checks.filter((c) => c.verdict !== 'pass' && c.verdict !== 'skip'));
  if (notPassed.length) {
    out.push('', '## Checks that did not pass', '', '| check | verdict | blocked by | reason | decided by |', '|---|---|---|---|---|');
    for (const c of notPassed) out.push(`| ${cell(c.checkId)} | ${c.verdict} | ${c.blockedBy ?? '—'} | ${cell(firstLine(c.reason) || '—')} | ${cell(c.decidedBy?.join(', ') || '—')} |`);
  }
  if (m.decisions.length) {
    out.push('', '## Profile register decisions', '', `Entries of the profile register that decided expectations under profile ${m.profile}.`, '');
    out.push('| entry | checks | requirements |', '|---|---|---|');
    for (const d of m.decisions) out.push(`| ${d.entry} | ${d.checks} | ${cell(d.requirements.map((q) => counted(q.id, q.checks)).join(', '))} |`);
  }
  out.push(
    '',
    '## Documented operation × status pairs (SDK seed)',
    '',
    '| operation | method | path | status | result | elicited by (observed) |',
    '|---|---|---|---|---|---|',
    ...m.seedPairs.map((p) => `| ${p.operation} | ${p.method} | ${p.path} | ${p.status} | ${p.result} | ${cell(pairCell(p))} |`),
  );
  if (m.cases.length) {
    out.push('', '## Data-driven cases', '', '| requirement | case | expected | observed |', '|---|---|---|---|');
    for (const c of m.cases) out.push(`| ${c.requirementId} | ${cell(c.id)} | ${cell(c.expected)} | ${cell(c.observed)} |`);
  }
  const skipped = m.requirements.flatMap((q) => q.checks.filter((c) => c.verdict === 'skip'));
  if (skipped.length) {
    out.push('', '## Skipped checks', '', '| reason | checks |', '|---|---|');
    for (const [reason, n] of tally(skipped, (c) => c.reason ?? 'skipped')) {
      const ids = skipped.filter((c) => (c.reason ?? 'skipped') === reason).map((c) => c.checkId);
      out.push(`| ${cell(reason)} | ${n}: ${cell(ids.join(', '))} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
