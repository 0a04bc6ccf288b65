// The closing summary, built to be read in a minute even when a host deviates in twenty ways:
// one verdict line, requirement-level and check-level counts (then one line per resource checked and
// one for the API-wide requirements), the distinct causes (most damaging
// first, one line each), skipped reasons grouped, problems outside the checks, where the reports
// are and the seed. Then the per-check detail — inline when it is short, otherwise only in
// reports/failures.txt — and last the parseable tally line
// `N passed, N failed, N warned, N blocked, N skipped (N checks) in X s, N requests`.
// Each section is its own function so sections can be added without touching the others.
import { relative } from 'node:path';
import { causeTally, groupByCause, type CauseGroup } from '../report/causes.js';
import { detailedChecks, renderFailureDetail } from '../report/failure-detail.js';
import { redactText } from '../report/redact.js';
import { countStatuses, evaluateRequirements, type RequirementStatus } from '../report/requirement-status.js';
import type { CheckResult } from '../report/results.js';
import { allRequirements } from '../requirements/index.js';
import type { Level, Requirement } from '../requirements/types.js';
import { RESOURCES } from '../resources/index.js';
import { groupByResource, inScope, resourceLabel, resourceOfRequirement } from '../report/resources.js';
import type { RunOutcome } from './run.js';
import { renderBaselineSummary } from '../ci/baseline-summary.js';
import { renderLeftovers } from './sweep.js';

/** More detailed checks than this and the detail goes to failures.txt only. */
export const INLINE_DETAIL_MAX = 5;
/** Cause lines printed; the rest are counted (conformance.md lists them all). */
export const CAUSE_LINES_MAX = 20;
/** Skipped-reason lines printed, including the "… and N more" line. */
export const SKIP_LINES_MAX = 5;

interface Context {
  outcome: RunOutcome;
  /** The requirements the run answers for: its resources' and the API-wide ones. */
  requirements: Requirement[];
  levels: Map<string, Level>;
  statuses: Map<string, RequirementStatus>;
  causes: CauseGroup[];
  rel: (path: string) => string;
}

const count = (checks: readonly CheckResult[], verdict: string): number => checks.filter((c) => c.verdict === verdict).length;
const short = (text: string, max: number): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function verdictLine({ outcome, levels, statuses, causes }: Context): string {
  if (outcome.interrupted) return 'Verdict: INTERRUPTED — the run was stopped; every count below is partial.';
  const violated = [...statuses].filter(([, s]) => s === 'violated').map(([id]) => id);
  const must = violated.filter((id) => levels.get(id) === 'MUST').length;
  const blocked = [...statuses.values()].filter((s) => s === 'blocked').length;
  const errors = count(outcome.checks, 'error');
  const troubles = [
    errors ? `${plural(errors, 'check')} broke` : '',
    outcome.suiteErrors.length ? plural(outcome.suiteErrors.length, 'suite error') : '',
    outcome.sweep?.failures.length ? 'cleanup left resources on the host' : '',
    outcome.reports?.qualityGate?.passed === false ? 'the quality gate failed' : '',
  ].filter(Boolean);
  const tail = [blocked ? `${blocked} blocked` : '', causes.length ? `${plural(causes.length, 'distinct cause')}` : '', ...troubles].filter(Boolean).join('; ');
  if (must) return `Verdict: NOT CONFORMANT — ${plural(violated.length, 'requirement')} violated (${must} MUST)${tail ? `; ${tail}` : ''}.`;
  if (outcome.exitCode !== 0) return `Verdict: RUN FAILED — ${troubles.join('; ') || 'see below'}${violated.length ? `; ${plural(violated.length, 'SHOULD/MAY requirement')} not met` : ''}.`;
  if (violated.length) return `Verdict: CONFORMANT with warnings — ${plural(violated.length, 'SHOULD/MAY requirement')} not met${tail ? `; ${tail}` : ''}.`;
  return `Verdict: CONFORMANT — every requirement that ran was met${blocked ? ` (${blocked} blocked)` : ''}.`;
}

function countLines(ctx: Context): string[] {
  const r = countStatuses(ctx.statuses.values());
  const c = ctx.outcome.checks;
  return [
    `Requirements (${ctx.statuses.size}): ${r.met} met · ${r.violated} violated · ${r.blocked} blocked · ${r['not-applicable']} not applicable · ${r['not-run']} not run`,
    `Checks (${c.length}): ${count(c, 'pass')} passed · ${count(c, 'fail')} failed · ${count(c, 'warn')} warned · ${count(c, 'blocked')} blocked · ${count(c, 'skip')} skipped` +
      (count(c, 'error') ? ` · ${count(c, 'error')} broke` : ''),
  ];
}

/** '  sessions: 150 requirements — 148 met · 2 violated …; 480 checks, 3 failed', one per resource. */
function resourceLines({ outcome, requirements, statuses }: Context): string[] {
  const groups = groupByResource(requirements, (r) => resourceOfRequirement(r), outcome.resources);
  const width = Math.max(...groups.map((g) => resourceLabel(g.resource).length));
  return groups.map(({ resource, items }) => {
    const r = countStatuses(items.map((q) => statuses.get(q.id)!));
    const ids = new Set(items.map((q) => q.id));
    const checks = outcome.checks.filter((c) => ids.has(c.requirementId));
    const failed = count(checks, 'fail') + count(checks, 'error');
    const detail = [`${r.met} met`, `${r.violated} violated`, r.blocked ? `${r.blocked} blocked` : '', r['not-applicable'] ? `${r['not-applicable']} not applicable` : '', r['not-run'] ? `${r['not-run']} not run` : '']
      .filter(Boolean)
      .join(' · ');
    return `  ${`${resourceLabel(resource)}:`.padEnd(width + 1)} ${plural(items.length, 'requirement')} (${detail}); ${plural(checks.length, 'check')}${failed ? `, ${failed} failed` : ''}`;
  });
}

function causeLine(g: CauseGroup): string {
  const observed = g.observed ? ` — observed: ${short(g.observed, 50)}` : '';
  const others = g.requirementIds.length > 1 ? ` (+${g.requirementIds.length - 1} more requirements)` : '';
  return `  ${(g.level ?? '—').padEnd(6)} ${g.requirementId}${others}: ${short(g.what, 70)}${observed} ${causeTally(g)}, e.g. ${g.example}`;
}

function causeLines({ causes }: Context): string[] {
  if (!causes.length) return [];
  const shown = causes.length > CAUSE_LINES_MAX ? causes.slice(0, CAUSE_LINES_MAX - 1) : causes;
  const lines = ['', `Causes (${causes.length}, most checks hit first):`, ...shown.map(causeLine)];
  if (shown.length < causes.length) lines.push(`  … and ${causes.length - shown.length} more causes (conformance.md lists them all)`);
  return lines;
}

function skipLines({ outcome }: Context): string[] {
  const reasons = new Map<string, number>();
  for (const c of outcome.checks.filter((c) => c.verdict === 'skip')) reasons.set(c.reason ?? 'skipped', (reasons.get(c.reason ?? 'skipped') ?? 0) + 1);
  if (!reasons.size) return [];
  const sorted = [...reasons].sort((a, b) => b[1] - a[1]);
  const shown = sorted.length > SKIP_LINES_MAX ? sorted.slice(0, SKIP_LINES_MAX - 1) : sorted;
  const lines = ['', `Skipped (${count(outcome.checks, 'skip')}):`, ...shown.map(([reason, n]) => `  ${n} × ${short(reason, 140)}`)];
  if (shown.length < sorted.length) lines.push(`  … and ${sorted.length - shown.length} more reasons (conformance.md lists them all)`);
  return lines;
}

function problemLines({ outcome }: Context): string[] {
  const lines: string[] = [];
  for (const e of outcome.suiteErrors) lines.push(`Suite error: ${e}`);
  // Leftovers and the baseline verdict bring their own blank line.
  return [...(lines.length ? ['', ...lines] : []), ...renderLeftovers(outcome.sweep), ...renderBaselineSummary(outcome)];
}

function reportLines({ outcome, rel }: Context): string[] {
  const lines: string[] = [];
  const r = outcome.reports;
  if (r) {
    lines.push(`Reports: ${[r.allureReport ? `${rel(r.allureReport)}/index.html` : undefined, rel(r.junit), rel(r.matrixMarkdown), rel(r.matrixJson)].filter(Boolean).join(', ')}`);
    if (r.htmlProblem) lines.push(`HTML report not built: ${r.htmlProblem}`);
    if (r.qualityGate) lines.push(`Quality gate: ${r.qualityGate.passed ? 'passed' : `failed (${r.qualityGate.violations.join('; ')})`}`);
  }
  lines.push(`Seed: ${outcome.seed} (replay: npm run conformance -- --seed ${outcome.seed})`);
  return ['', ...lines];
}

/** Inline when short (or when no file was written); otherwise one line pointing at the file. */
function detailLines({ outcome, rel }: Context): string[] {
  const detailed = detailedChecks(outcome.checks);
  if (!detailed.length) return [];
  const file = outcome.reports?.failures;
  if (file && detailed.length > INLINE_DETAIL_MAX) return [`Per-check detail of ${plural(detailed.length, 'check')}: ${rel(file)}`];
  return ['', `──────── per-check detail (${detailed.length}) ────────`, '', renderFailureDetail(detailed).trimEnd()];
}

/** The tally line other tools parse: keep its shape. */
export function tallyLine(outcome: RunOutcome): string {
  const c = outcome.checks;
  return (
    `${count(c, 'pass')} passed, ${count(c, 'fail') + count(c, 'error')} failed, ${count(c, 'warn')} warned, ${count(c, 'blocked')} blocked, ${count(c, 'skip')} skipped` +
    ` (${c.length} checks) in ${(outcome.durationMs / 1000).toFixed(1)} s, ${outcome.requests} requests` +
    (outcome.interrupted ? ' — interrupted' : '')
  );
}

function closingLines({ outcome }: Context): string[] {
  const phases = Object.entries(outcome.phases ?? {}).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`);
  return [tallyLine(outcome), ...(phases.length ? [`Time: ${phases.join(', ')}`] : [])];
}

export function renderSummary(outcome: RunOutcome, cwd = process.cwd()): string {
  const catalogue = allRequirements();
  // Only the selected resources' requirements (and the API-wide ones) count: a run of one resource
  // does not report the other's as "not run".
  const requirements = inScope(catalogue, outcome.resources ?? RESOURCES.map((d) => d.name));
  const levels = new Map(catalogue.map((r) => [r.id, r.level]));
  const statuses = new Map([...evaluateRequirements(requirements.map((r) => r.id), outcome.checks)].map(([id, e]) => [id, e.status]));
  const ctx: Context = {
    outcome,
    requirements,
    levels,
    statuses,
    causes: groupByCause(outcome.checks, (id) => levels.get(id)),
    // Relative when the reports are under the working directory, absolute otherwise.
    rel: (p) => (relative(cwd, p).startsWith('..') ? p : relative(cwd, p) || '.'),
  };
  const lines = [
    verdictLine(ctx),
    ...countLines(ctx),
    ...resourceLines(ctx),
    ...causeLines(ctx),
    ...skipLines(ctx),
    ...problemLines(ctx),
    ...reportLines(ctx),
    ...detailLines(ctx),
    '',
    ...closingLines(ctx),
  ];
  return redactText(lines.join('\n'));
}
