// The closing summary: verdict counts, the failures with their messages, skipped checks grouped
// by reason, duration, requests, where the reports are, and the seed.
import { relative } from 'node:path';
import { redactText } from '../report/redact.js';
import type { RunOutcome } from './run.js';
import { renderBaselineSummary } from '../ci/baseline-summary.js';
import { renderLeftovers } from './sweep.js';

export function renderSummary(outcome: RunOutcome, cwd = process.cwd()): string {
  const count = (v: string): number => outcome.checks.filter((c) => c.verdict === v).length;
  const lines: string[] = [];
  const failures = outcome.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'error');
  for (const f of failures) {
    lines.push('', `✗ [${f.requirementId}] ${f.title} (${f.level}, ${f.verdict === 'error' ? 'error' : 'failed'})`);
    for (const e of f.errors.length ? f.errors : [f.reason ?? '']) lines.push(...e.split('\n').map((l) => `    ${l}`));
  }
  const warned = outcome.checks.filter((c) => c.verdict === 'warn');
  if (warned.length) {
    lines.push('', 'Warnings (SHOULD/MAY not met):');
    for (const w of warned) lines.push(`  ! [${w.requirementId}] ${w.title}: ${(w.reason ?? '').split('\n')[0]}`);
  }
  const skipReasons = new Map<string, number>();
  for (const c of outcome.checks.filter((c) => c.verdict === 'skip')) skipReasons.set(c.reason ?? 'skipped', (skipReasons.get(c.reason ?? 'skipped') ?? 0) + 1);
  if (skipReasons.size) {
    lines.push('', 'Skipped:');
    for (const [reason, n] of skipReasons) lines.push(`  - ${n} × ${reason}`);
  }
  lines.push(...renderBaselineSummary(outcome));
  for (const e of outcome.suiteErrors) lines.push('', `Suite error: ${e}`);
  lines.push(...renderLeftovers(outcome.sweep));
  lines.push(
    '',
    `${count('pass')} passed, ${count('fail') + count('error')} failed, ${count('warn')} warned, ${count('skip')} skipped` +
      ` (${outcome.checks.length} checks) in ${(outcome.durationMs / 1000).toFixed(1)} s, ${outcome.requests} requests` +
      (outcome.interrupted ? ' — interrupted' : ''),
  );
  const phases = Object.entries(outcome.phases ?? {}).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`);
  if (phases.length) lines.push(`Time: ${phases.join(', ')}`);
  const r = outcome.reports;
  if (r) {
    // Relative when the reports are under the working directory, absolute otherwise.
    const rel = (p: string): string => (relative(cwd, p).startsWith('..') ? p : relative(cwd, p) || '.');
    lines.push(`Reports: ${[r.allureReport ? `${rel(r.allureReport)}/index.html` : undefined, rel(r.junit), rel(r.matrixMarkdown), rel(r.matrixJson)].filter(Boolean).join(', ')}`);
    if (r.htmlProblem) lines.push(`HTML report not built: ${r.htmlProblem}`);
    if (r.qualityGate) lines.push(`Quality gate: ${r.qualityGate.passed ? 'passed' : `failed (${r.qualityGate.violations.join('; ')})`}`);
  }
  lines.push(`Seed: ${outcome.seed} (replay: npm run conformance -- --seed ${outcome.seed})`);
  return redactText(lines.join('\n'));
}
