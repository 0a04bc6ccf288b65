// The per-check detail of every check that did not pass (failed, broke, warned or was blocked),
// ordered by cause so checks broken by the same host behaviour sit together. The CLI prints it
// after the summary when it is short and otherwise points at reports/failures.txt, which holds it
// whole. Each entry keeps the full message: expected vs observed, the curl and the replay hint.
import { causeForGrouping, groupByCause } from './causes.js';
import { redactText } from './redact.js';
import type { CheckResult } from './results.js';

export const FAILURES_FILE = 'failures.txt';

const MARK: Record<string, string> = { fail: '✗', error: '✗', warn: '!', blocked: '⊘' };

function verdictWords(c: CheckResult): string {
  switch (c.verdict) {
    case 'fail':
      return 'failed';
    case 'error':
      return 'error';
    case 'warn':
      return 'not met, warning';
    case 'blocked':
      return `blocked by ${c.blockedBy ?? 'another requirement'}`;
    default:
      return c.verdict;
  }
}

/** The checks the detail covers. */
export function detailedChecks(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((c) => c.verdict in MARK);
}

function entry(c: CheckResult): string[] {
  const lines = [`${MARK[c.verdict]} [${c.requirementId}] ${c.title} (${c.level}, ${verdictWords(c)})`, `    check: ${c.checkId}`];
  const messages = c.errors.length ? c.errors : [c.reason ?? ''];
  for (const m of messages) lines.push(...m.split('\n').map((l) => `    ${l}`));
  if (c.decidedBy?.length) lines.push(`    decided by profile register: ${c.decidedBy.join(', ')}`);
  return lines;
}

/** Entries grouped under a one-line cause heading each; empty when every check passed or skipped. */
export function renderFailureDetail(checks: readonly CheckResult[]): string {
  const detailed = detailedChecks(checks);
  if (!detailed.length) return '';
  const out: string[] = [];
  const groups = groupByCause(detailed);
  groups.forEach((g, i) => {
    out.push(`── cause ${i + 1}/${groups.length}: ${g.requirementId}: ${g.what}${g.observed ? ` — observed: ${g.observed}` : ''} (${g.checks} ${g.checks === 1 ? 'check' : 'checks'})`);
    for (const c of detailed.filter((d) => causeForGrouping(d).key === g.key)) out.push('', ...entry(c));
    out.push('');
  });
  return redactText(out.join('\n'));
}
