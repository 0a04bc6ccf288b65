// conformance.json / conformance.md: generated from the requirement catalogue and the run's
// results, never by hand. It leads with requirement-level status (met, violated, blocked, not
// applicable, not run) and the distinct causes, then requirement × status with each check's
// verdict, the profile-register entries that decided profile-dependent verdicts, the documented
// (operation, status) pairs with the requirements that elicited each (once per pair, with a count),
// and the data-driven case rows. Everything is per resource (src/report/resources.ts): a table of
// requirement counts per resource up front, the requirements and the documented pairs grouped by
// resource (sessions: the 60 pairs of the SDK seed; other resources: the pairs the committed OpenAPI
// documents), the API-wide requirements (token, discovery) last. Only the resources the run
// selected, and the API-wide requirements, are in it.
import type { Requirement } from '../requirements/types.js';
import type { DocumentedPair } from '../contract/contract.js';
import type { Verdict } from '../runtime/check-state.js';
import { causeTally, groupByCause, type CauseGroup } from './causes.js';
import { countStatuses, evaluateRequirements, type RequirementStatus } from './requirement-status.js';
import type { CheckResult } from './results.js';
import { groupByResource, inScope, resourceLabel, resourceOfPairPath, resourceOfRequirement } from './resources.js';
import { RESOURCES, resourceByName } from '../resources/index.js';
import { PLACEHOLDERS } from '../requirements/templates.js';

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
  /** The resource it belongs to; null for an API-wide requirement (token, discovery). */
  resource: string | null;
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
  resource: string;
  /**
   * elicited: some check asked for it and got it; mismatch: asked for it, got something else;
   * fault-only: a 500 no check asked for; not-elicitable: no check can ask for it here (`note` says
   * why); not-elicited: a pair a check could ask for, and none did.
   */
  result: 'elicited' | 'mismatch' | 'not-elicited' | 'fault-only' | 'not-elicitable';
  /** Why a not-elicitable pair cannot be asked for, in one sentence. */
  note?: string;
  /** One row per requirement: how many of its checks asked for the pair, and what they got. */
  elicitedBy: Array<{ requirementId: string; checks: number; observed: Record<string, number> }>;
}

/** A profile-register entry and the checks whose expectation it decided. */
export interface MatrixDecision {
  entry: string;
  checks: number;
  requirements: Array<{ id: string; checks: number }>;
}

/** One resource's (or the API-wide requirements') share of the run. */
export interface MatrixResourceSummary {
  resource: string | null;
  requirements: number;
  requirementStatus: Record<RequirementStatus, number>;
  checks: number;
  verdicts: Record<Verdict, number>;
  /** Documented pairs of the resource (none for the API-wide group) and where they are documented. */
  pairsElicited: number;
  /** Pairs no check can elicit here (counted in pairsTotal, never as elicited). */
  pairsNotElicitable: number;
  pairsTotal: number;
  pairsSource?: 'seed' | 'openapi';
}

export interface Matrix {
  generatedAt: string;
  /** The resources the run checked (RunContext.resources). */
  resources: string[];
  target: string;
  profile: string;
  seed: number;
  summary: Record<Verdict, number> & {
    checks: number;
    requirements: number;
    requirementStatus: Record<RequirementStatus, number>;
    causes: number;
    pairsElicited: number;
    pairsNotElicitable: number;
    pairsTotal: number;
    /** Per resource in report order, then the API-wide requirements. */
    byResource: MatrixResourceSummary[];
  };
  causes: CauseGroup[];
  requirements: MatrixRequirementRow[];
  decisions: MatrixDecision[];
  /** The documented (operation, status) pairs of each selected resource, resource by resource. */
  pairs: MatrixPairRow[];
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

function pairRow(p: DocumentedPair & { resource: string }, checks: readonly CheckResult[]): MatrixPairRow {
  const hits = checks.flatMap((c) => c.elicited.filter((e) => e.operation === p.operation && e.status === p.status).map((e) => ({ requirementId: c.requirementId, observedStatus: e.observedStatus })));
  const elicitedBy = [...tally(hits, (h) => h.requirementId)].map(([requirementId, n]) => ({
    requirementId,
    checks: n,
    observed: Object.fromEntries(tally(hits.filter((h) => h.requirementId === requirementId), (h) => String(h.observedStatus))),
  }));
  // What a check observed wins: a pair marked not elicitable that some check did elicit shows as elicited.
  const result: MatrixPairRow['result'] = hits.some((h) => h.observedStatus === p.status)
    ? 'elicited'
    : hits.length
      ? 'mismatch'
      : p.elicitable === 'fault-only'
        ? 'fault-only'
        : p.elicitable === 'no-dependent'
          ? 'not-elicitable'
          : 'not-elicited';
  return { ...p, result, ...(result === 'not-elicitable' ? { note: notElicitableNote(p) } : {}), elicitedBy };
}

/** The one-sentence reason a pair cannot be elicited by the suite. */
function notElicitableNote(p: DocumentedPair & { resource: string }): string {
  const title = resourceByName(p.resource)?.title ?? `an item of ${p.resource}`;
  return `not elicitable here: no dependent resource the suite knows (nothing it can create references ${title}), so no DELETE can meet a dependent item`;
}

function decisions(checks: readonly CheckResult[]): MatrixDecision[] {
  const entries = [...new Set(checks.flatMap((c) => c.decidedBy ?? []))].sort();
  return entries.map((entry) => {
    const decided = checks.filter((c) => c.decidedBy?.includes(entry));
    return { entry, checks: decided.length, requirements: [...tally(decided, (c) => c.requirementId)].map(([id, n]) => ({ id, checks: n })) };
  });
}

function countVerdicts(checks: readonly CheckResult[]): Record<Verdict, number> {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const c of checks) verdicts[c.verdict]++;
  return verdicts;
}

const pairsSource = (resource: string): 'seed' | 'openapi' | undefined => {
  const d = resourceByName(resource);
  return d ? (PLACEHOLDERS.doc!(d) as 'seed' | 'openapi') : undefined;
};

function resourceSummaries(selected: readonly string[], requirements: readonly MatrixRequirementRow[], checks: readonly CheckResult[], pairs: readonly MatrixPairRow[]): MatrixResourceSummary[] {
  const checkResource = (c: CheckResult): string | undefined => c.resource ?? resourceOfRequirement({ id: c.requirementId, operation: c.operation });
  return groupByResource(requirements, (r) => r.resource ?? undefined, selected).map(({ resource, items }) => {
    const own = checks.filter((c) => (checkResource(c) ?? null) === resource);
    const ownPairs = pairs.filter((p) => p.resource === resource);
    const source = resource ? pairsSource(resource) : undefined;
    return {
      resource,
      requirements: items.length,
      requirementStatus: countStatuses(items.map((r) => r.status)),
      checks: own.length,
      verdicts: countVerdicts(own),
      pairsElicited: ownPairs.filter((p) => p.result === 'elicited').length,
      pairsNotElicitable: ownPairs.filter((p) => p.result === 'not-elicitable').length,
      pairsTotal: ownPairs.length,
      ...(source && ownPairs.length ? { pairsSource: source } : {}),
    };
  });
}

export function buildMatrix(input: {
  requirements: readonly Requirement[];
  /** Documented pairs of any resources: those of the selected ones are kept, each tagged with its resource. */
  pairs: readonly DocumentedPair[];
  checks: readonly CheckResult[];
  target: string;
  profile: string;
  seed: number;
  /** The resources the run checked; default every resource the suite knows. */
  resources?: readonly string[];
}): Matrix {
  const selected = [...(input.resources ?? RESOURCES.map((d) => d.name))];
  // Grouped by resource (selected ones in the suite's order, API-wide last), catalogue order within.
  const inRun = groupByResource(inScope(input.requirements, selected), (r) => resourceOfRequirement(r), selected).flatMap((g) => g.items);
  const evaluations = evaluateRequirements(inRun.map((r) => r.id), input.checks);
  const levels = new Map(input.requirements.map((r) => [r.id, r.level]));
  const requirements = inRun.map((r): MatrixRequirementRow => {
    const checks = input.checks.filter((c) => c.requirementId === r.id);
    const evaluation = evaluations.get(r.id)!;
    return {
      id: r.id,
      resource: resourceOfRequirement(r) ?? null,
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
  const tagged = input.pairs.flatMap((p) => {
    const resource = resourceOfPairPath(p.path);
    return resource && selected.includes(resource) ? [{ ...p, resource }] : [];
  });
  const pairs = groupByResource(tagged, (p) => p.resource, selected).flatMap((g) => g.items.map((p) => pairRow(p, input.checks)));
  const causes = groupByCause(input.checks, (id) => levels.get(id));
  return {
    generatedAt: new Date().toISOString(),
    resources: selected,
    target: input.target,
    profile: input.profile,
    seed: input.seed,
    summary: {
      ...countVerdicts(input.checks),
      checks: input.checks.length,
      requirements: requirements.length,
      requirementStatus: countStatuses(requirements.map((r) => r.status)),
      causes: causes.length,
      pairsElicited: pairs.filter((p) => p.result === 'elicited').length,
      pairsNotElicitable: pairs.filter((p) => p.result === 'not-elicitable').length,
      pairsTotal: pairs.length,
      byResource: resourceSummaries(selected, requirements, input.checks, pairs),
    },
    causes,
    requirements,
    decisions: decisions(input.checks),
    pairs,
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
  if (!p.elicitedBy.length && p.note) return p.note;
  return p.elicitedBy
    .map((e) => {
      const observed = Object.entries(e.observed);
      const detail = observed.length === 1 ? observed[0]![0] : observed.map(([status, n]) => counted(status, n)).join(', ');
      return `${counted(e.requirementId, e.checks)} (${detail})`;
    })
    .join(', ') || '—';
}

/** Where a resource's documented pairs come from, as the pair tables' headings say it. */
const PAIR_SOURCES = { seed: 'SDK seed', openapi: 'committed OpenAPI, ODS/API 7.3' } as const;

/** '23/60', or '23/60 (1 not elicitable here)': the pairs no check can ask for are named, never hidden in the gap. */
function pairsElicitedText(elicited: number, total: number, notElicitable: number): string {
  return `${elicited}/${total}${notElicitable ? ` (${notElicitable} not elicitable here)` : ''}`;
}

/** One row of the per-resource table. */
function resourceRow(g: MatrixResourceSummary): string {
  const r = g.requirementStatus;
  const pairs = g.pairsTotal ? `${pairsElicitedText(g.pairsElicited, g.pairsTotal, g.pairsNotElicitable)}` : '—';
  return `| ${resourceLabel(g.resource)} | ${g.requirements} | ${r.met} | ${r.violated} | ${r.blocked} | ${r['not-applicable']} | ${r['not-run']} | ${g.checks} | ${g.verdicts.fail + g.verdicts.error} | ${pairs} |`;
}

export function renderMatrixMarkdown(m: Matrix): string {
  const s = m.summary;
  const r = s.requirementStatus;
  const out: string[] = [
    `# Ed-Fi conformance: ${m.resources.join(', ') || 'no resource'}`,
    '',
    `Target: ${m.target} · profile ${m.profile} · seed ${m.seed} · generated ${m.generatedAt}`,
    '',
    `Requirements: ${s.requirements} (met ${r.met}, violated ${r.violated}, blocked ${r.blocked}, not applicable ${r['not-applicable']}, not run ${r['not-run']}).`,
    `Checks: ${s.checks} (passed ${s.pass}, failed ${s.fail}, warnings ${s.warn}, blocked ${s.blocked}, skipped ${s.skip}, errors ${s.error}). ` +
      `Documented status pairs elicited: ${pairsElicitedText(s.pairsElicited, s.pairsTotal, s.pairsNotElicitable)}.`,
    '',
    '| resource | requirements | met | violated | blocked | not applicable | not run | checks | failed | pairs elicited |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...s.byResource.map(resourceRow),
  ];
  if (m.causes.length) {
    out.push('', `## Causes (${m.causes.length})`, '', 'What broke the checks that did not pass, the most damaging first.', '');
    out.push('| level | requirement | what | observed | checks | example |', '|---|---|---|---|---|---|');
    for (const c of m.causes) out.push(`| ${c.level ?? '—'} | ${c.requirementId} | ${cell(c.what)} | ${cell(c.observed || '—')} | ${causeTally(c)} | ${cell(c.example)} |`);
  }
  out.push('', '## Requirements');
  for (const g of groupByResource(m.requirements, (q) => q.resource ?? undefined, m.resources)) {
    out.push(
      '',
      `### ${resourceLabel(g.resource)} (${g.items.length})`,
      '',
      '| id | level | area | operation | status | checks | blocked others | decided by | source |',
      '|---|---|---|---|---|---|---|---|---|',
      ...g.items.map(
        (q) => `| ${q.id} | ${q.level} | ${q.area} | ${q.operation} | ${q.status} | ${verdictCounts(q.checks)} | ${q.blocking.length || '—'} | ${cell(q.decidedBy.join(', ') || '—')} | ${cell(q.source)} |`,
      ),
    );
  }
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
  out.push('', '## Documented operation × status pairs');
  for (const g of s.byResource.filter((x) => x.resource && x.pairsTotal)) {
    out.push(
      '',
      `### ${g.resource} (${PAIR_SOURCES[g.pairsSource ?? 'openapi']}: ${g.pairsElicited}/${g.pairsTotal} elicited${g.pairsNotElicitable ? `, ${g.pairsNotElicitable} not elicitable here` : ''})`,
      '',
      '| operation | method | path | status | result | elicited by (observed) |',
      '|---|---|---|---|---|---|',
      ...m.pairs.filter((p) => p.resource === g.resource).map((p) => `| ${p.operation} | ${p.method} | ${p.path} | ${p.status} | ${p.result} | ${cell(pairCell(p))} |`),
    );
  }
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
