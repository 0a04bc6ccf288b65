// The GitHub Actions job summary: when GITHUB_STEP_SUMMARY names a file (GitHub sets it in every
// step), a run appends a Markdown summary there — verdict, requirement-level counts (a row per
// resource when conformance.json records them, then the total), new failures
// against the baseline, the most frequent causes, and where the artefacts are. Without the
// variable nothing is written: local runs and the project's own tests leave no files behind.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { redactText } from '../report/redact.js';
import type { CheckResult } from '../report/results.js';
import type { ConformanceDocument } from './conformance-file.js';
import { capped, cell, code, table } from './markdown.js';
import { countStatuses, requirementStatuses, REQUIREMENT_STATUSES } from './requirement-status.js';
import { describeHost } from './run-identity.js';
import { runFailed } from './verdict.js';

export const STEP_SUMMARY_ENV = 'GITHUB_STEP_SUMMARY';

export interface StepSummaryInput {
  doc: ConformanceDocument;
  /** Report files to point at (relative to the workspace when under it). */
  artefacts: string[];
  /** A run that was interrupted or errored is never shown as passed. */
  interrupted?: boolean;
}

function topCauses(checks: readonly CheckResult[], limit = 5): Array<{ key: string; what: string; checks: number }> {
  const byKey = new Map<string, { key: string; what: string; checks: number }>();
  for (const c of checks) {
    if (!c.cause || !['fail', 'warn', 'blocked', 'error'].includes(c.verdict)) continue;
    const entry = byKey.get(c.cause.key) ?? { key: c.cause.key, what: `${c.cause.requirementId}: ${c.cause.what} (observed ${c.cause.observed})`, checks: 0 };
    entry.checks++;
    byKey.set(c.cause.key, entry);
  }
  return [...byKey.values()].sort((x, y) => y.checks - x.checks || x.key.localeCompare(y.key)).slice(0, limit);
}

/** Requirement counts by status: one row per resource (API-wide last, as conformance.json orders them) and the total. */
function requirementTable(doc: ConformanceDocument): string[] {
  const requirements = doc.requirements ?? [];
  const byId = requirementStatuses(requirements.map((r) => r.id), doc.checks);
  const row = (label: string, ids: readonly string[]): string[] => {
    const counts = countStatuses(new Map(ids.map((id) => [id, byId.get(id) ?? 'not-run'])));
    return [label, String(ids.length), ...REQUIREMENT_STATUSES.map((s) => String(counts[s]))];
  };
  const total = row('all', [...byId.keys()]);
  if (!requirements.some((r) => r.resource !== undefined)) return table(['requirements', ...REQUIREMENT_STATUSES], [total.slice(1)]);
  const groups = [...new Set(requirements.map((r) => r.resource ?? null))];
  const rows = groups.map((g) => row(g ?? 'API-wide', requirements.filter((r) => (r.resource ?? null) === g).map((r) => r.id)));
  return table(['resource', 'requirements', ...REQUIREMENT_STATUSES], [...rows, total.map((c, i) => (i === 0 ? '**all**' : c))]);
}

export function renderStepSummary(input: StepSummaryInput, env: NodeJS.ProcessEnv = process.env): string {
  const { doc } = input;
  const failed = input.interrupted || runFailed({ checks: doc.checks, suiteErrors: doc.suiteErrors, sweepFailures: doc.sweep?.failures, qualityGate: doc.qualityGate, baseline: doc.baseline });
  const run = doc.run;
  const lines = [`## Ed-Fi ${run?.resources?.join(', ') ?? 'sessions'} conformance: ${input.interrupted ? '⏹️ interrupted' : failed ? '❌ failed' : '✅ passed'}`, ''];
  if (run) {
    lines.push(`${cell(run.embedded ? 'embedded reference host' : describeHost(run))} · profile ${code(run.profile)} · seed ${run.seed} · suite ${run.suite.version}${run.suite.commit ? ` (${run.suite.commit.slice(0, 12)})` : ''}`, '');
  }
  lines.push(...requirementTable(doc));
  const count = (v: CheckResult['verdict']): number => doc.checks.filter((c) => c.verdict === v).length;
  lines.push('', `Checks: ${count('pass')} passed, ${count('fail')} failed, ${count('warn')} warned, ${count('blocked')} blocked, ${count('skip')} skipped, ${count('error')} errors (${doc.checks.length}).`);

  const b = doc.baseline;
  if (b) {
    const status = (s: string): number => b.entries.filter((e) => e.status === s).length;
    lines.push(
      '',
      `### Against the baseline ${code(b.file)}`,
      '',
      `${b.covered.length} known failure(s) covered · **${b.newFailures.length} new failure(s)** · ${b.newWarnings.length} new warning(s) · ` +
        `${status('fixed')} fixed (remove from the baseline) · ${status('expired')} expired · ${status('not-observed')} not observed`,
    );
    const news = [...b.newFailures, ...b.newWarnings];
    if (news.length) {
      const { shown, more } = capped(news, 30);
      lines.push('', ...table(['new', 'verdict', 'why', 'cause'], shown.map((f) => [code(f.checkId), f.verdict, f.why.replace(/-/g, ' '), cell(f.cause ?? '')])), ...more);
    }
  } else {
    const failures = doc.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'error');
    if (failures.length) {
      const { shown, more } = capped(failures, 30);
      lines.push('', '### Failures', '', ...table(['check', 'verdict', 'reason'], shown.map((c) => [code(c.checkId), c.verdict, cell((c.reason ?? c.errors[0] ?? '').split('\n')[0])])), ...more);
    }
  }
  const causes = topCauses(doc.checks);
  if (causes.length) lines.push('', '### Top causes', '', ...table(['checks', 'cause'], causes.map((c) => [String(c.checks), cell(c.what, 200)])));

  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const shown = input.artefacts.map((p) => (relative(workspace, p).startsWith('..') ? p : relative(workspace, p)));
  lines.push('', '### Artefacts', '', ...shown.map((p) => `- ${code(p)}`));
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    lines.push(`- uploaded artefacts: ${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}#artifacts`);
  }
  return redactText(`${lines.join('\n')}\n\n`);
}

/** Appends the summary when GITHUB_STEP_SUMMARY is set; returns the file written, or undefined. */
export function appendStepSummary(input: StepSummaryInput, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[STEP_SUMMARY_ENV];
  if (!file) return undefined;
  appendFileSync(file, renderStepSummary(input, env));
  return file;
}
