// conformance.json / conformance.md: generated from the requirement catalogue and the run's
// results, never by hand. Requirement × verdict, the 60 documented (operation, status) pairs with
// the checks that elicited each and what the target answered, and data-driven case rows.
import type { Requirement } from '../requirements/types.js';
import type { SeedPair } from '../requirements/seed-pair-parser.js';
import type { Verdict } from '../runtime/check-state.js';
import type { CheckResult } from './results.js';

export type RequirementVerdict = Verdict | 'not-run';

export interface MatrixRequirementRow {
  id: string;
  level: Requirement['level'];
  area: Requirement['area'];
  operation: Requirement['operation'];
  source: string;
  statement: string;
  verdict: RequirementVerdict;
  checks: Array<{ title: string; verdict: Verdict; reason?: string }>;
}

export interface MatrixPairRow extends SeedPair {
  /** elicited: some check asked for it and got it; mismatch: asked for it, got something else. */
  result: 'elicited' | 'mismatch' | 'not-elicited' | 'fault-only';
  elicitedBy: Array<{ requirementId: string; title: string; observedStatus: number }>;
}

export interface Matrix {
  generatedAt: string;
  target: string;
  profile: string;
  seed: number;
  summary: Record<Verdict, number> & { checks: number; requirements: number; pairsElicited: number; pairsTotal: number };
  requirements: MatrixRequirementRow[];
  seedPairs: MatrixPairRow[];
  cases: Array<{ requirementId: string; title: string; id: string; expected: unknown; observed: unknown }>;
}

// The worst verdict wins when several checks cover one requirement.
const RANK: RequirementVerdict[] = ['error', 'fail', 'warn', 'pass', 'skip', 'not-run'];

export function requirementVerdict(checks: readonly CheckResult[]): RequirementVerdict {
  if (!checks.length) return 'not-run';
  return checks.map((c) => c.verdict as RequirementVerdict).sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0]!;
}

export function buildMatrix(input: {
  requirements: readonly Requirement[];
  pairs: readonly SeedPair[];
  checks: readonly CheckResult[];
  target: string;
  profile: string;
  seed: number;
}): Matrix {
  const requirements = input.requirements.map((r): MatrixRequirementRow => {
    const checks = input.checks.filter((c) => c.requirementId === r.id);
    return {
      id: r.id,
      level: r.level,
      area: r.area,
      operation: r.operation,
      source: r.source,
      statement: r.statement,
      verdict: requirementVerdict(checks),
      checks: checks.map((c) => ({ title: c.title, verdict: c.verdict, ...(c.reason ? { reason: c.reason } : {}) })),
    };
  });
  const seedPairs = input.pairs.map((p): MatrixPairRow => {
    const elicitedBy = input.checks.flatMap((c) =>
      c.elicited
        .filter((e) => e.operation === p.operation && e.status === p.status)
        .map((e) => ({ requirementId: c.requirementId, title: c.title, observedStatus: e.observedStatus })),
    );
    const result: MatrixPairRow['result'] = elicitedBy.some((e) => e.observedStatus === p.status)
      ? 'elicited'
      : elicitedBy.length
        ? 'mismatch'
        : p.elicitable === 'fault-only'
          ? 'fault-only'
          : 'not-elicited';
    return { ...p, result, elicitedBy };
  });
  const summary = { pass: 0, fail: 0, warn: 0, skip: 0, error: 0 } as Record<Verdict, number>;
  for (const c of input.checks) summary[c.verdict]++;
  return {
    generatedAt: new Date().toISOString(),
    target: input.target,
    profile: input.profile,
    seed: input.seed,
    summary: {
      ...summary,
      checks: input.checks.length,
      requirements: requirements.length,
      pairsElicited: seedPairs.filter((p) => p.result === 'elicited').length,
      pairsTotal: seedPairs.length,
    },
    requirements,
    seedPairs,
    cases: input.checks.flatMap((c) => (c.cases ?? []).map((row) => ({ requirementId: c.requirementId, title: c.title, ...row }))),
  };
}

const cell = (v: unknown): string => String(typeof v === 'string' ? v : JSON.stringify(v)).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMatrixMarkdown(m: Matrix): string {
  const s = m.summary;
  const out: string[] = [
    '# Ed-Fi sessions conformance',
    '',
    `Target: ${m.target} · profile ${m.profile} · seed ${m.seed} · generated ${m.generatedAt}`,
    '',
    `Checks: ${s.checks} (passed ${s.pass}, failed ${s.fail}, warnings ${s.warn}, skipped ${s.skip}, errors ${s.error}). ` +
      `Requirements: ${s.requirements}. Documented status pairs elicited: ${s.pairsElicited}/${s.pairsTotal}.`,
    '',
    '## Requirements',
    '',
    '| id | level | area | operation | verdict | checks | source |',
    '|---|---|---|---|---|---|---|',
    ...m.requirements.map(
      (r) => `| ${r.id} | ${r.level} | ${r.area} | ${r.operation} | ${r.verdict} | ${cell(r.checks.map((c) => `${c.title} (${c.verdict})`).join('; ') || '—')} | ${cell(r.source)} |`,
    ),
    '',
    '## Documented operation × status pairs (SDK seed)',
    '',
    '| operation | method | path | status | result | elicited by (observed) |',
    '|---|---|---|---|---|---|',
    ...m.seedPairs.map(
      (p) => `| ${p.operation} | ${p.method} | ${p.path} | ${p.status} | ${p.result} | ${cell(p.elicitedBy.map((e) => `${e.requirementId} (${e.observedStatus})`).join(', ') || '—')} |`,
    ),
  ];
  if (m.cases.length) {
    out.push('', '## Data-driven cases', '', '| requirement | case | expected | observed |', '|---|---|---|---|');
    for (const c of m.cases) out.push(`| ${c.requirementId} | ${cell(c.id)} | ${cell(c.expected)} | ${cell(c.observed)} |`);
  }
  const skipped = m.requirements.flatMap((r) => r.checks.filter((c) => c.verdict === 'skip').map((c) => `- ${r.id} ${c.title}: ${c.reason ?? 'skipped'}`));
  if (skipped.length) out.push('', '## Skipped checks', '', ...skipped);
  return `${out.join('\n')}\n`;
}
