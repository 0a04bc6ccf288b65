// What the Allure results carry besides the checks: environment (target, host version and data
// model, profile, seed, suite version, capabilities), categories that separate contract
// violations from target and suite errors, and executor.json (the JS reporter does not write it).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from '../runtime/run-context.js';
import { redactText } from './redact.js';

export function suiteVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function environmentInfo(run: RunContext): Record<string, string> {
  const d = run.discovery;
  const caps = Object.entries(run.capabilities)
    .filter(([, on]) => on)
    .map(([name]) => name)
    .join(', ');
  return {
    target: redactText(run.main.urls.root),
    'host application': d.applicationName ?? 'unknown',
    'host version': d.informationalVersion ?? d.version ?? 'unknown',
    'data models': d.dataModels.map((m) => `${m.name} ${m.version}`).join(', ') || 'unknown',
    profile: run.profile,
    seed: String(run.seed),
    'run tag': run.runTag,
    'suite version': suiteVersion(),
    capabilities: caps || 'none',
    roles: Object.keys(run.roles).join(', ') || 'none',
  };
}

/**
 * Allure Report 3 categories (allurerc `categories`), first match wins. Checks are grouped by the
 * `cause` label the harness puts on failed, warned and blocked results, so one host behaviour is
 * one group however many checks it broke; blocked checks are never counted as contract violations.
 */
export interface AllureCategory {
  name: string;
  description: string;
  matchers: Array<{ statuses?: string[]; labels?: Record<string, string>; message?: string }>;
  groupBy?: Array<{ label: string }>;
  groupByMessage?: boolean;
}

/**
 * A blocked check's message starts with this where one is written (allure-vitest writes none for a
 * skipped test, so the `verdict=blocked` label is what Allure 3 matches; Allure 2 has only this).
 */
export const BLOCKED_PREFIX = 'blocked by ';

export const ALLURE_CATEGORIES: AllureCategory[] = [
  {
    name: 'Blocked by another requirement',
    description: 'The set-up of the check failed because the host broke another requirement (the label blockedBy names it); it says nothing about its own requirement.',
    matchers: [{ statuses: ['skipped'], labels: { verdict: '^blocked$' } }, { statuses: ['skipped'], message: `^${BLOCKED_PREFIX}` }],
    groupBy: [{ label: 'cause' }],
    groupByMessage: false,
  },
  {
    name: 'Contract violation',
    description: 'The target did not do what a MUST requirement says (a failed check), grouped by cause.',
    matchers: [{ statuses: ['failed'] }],
    groupBy: [{ label: 'cause' }],
    groupByMessage: false,
  },
  {
    name: 'Recommendation not met',
    description: 'A SHOULD or MAY requirement was not met (a warning), grouped by cause.',
    matchers: [{ labels: { verdict: '^warn$' } }],
    groupBy: [{ label: 'cause' }],
    groupByMessage: false,
  },
  {
    name: 'Target error',
    description: 'The target did not answer, timed out, or answered something unusable.',
    matchers: [{ statuses: ['broken'], message: '(CT_ERR_TRANSPORT|no answer within|connection refused|TokenRequestError|token endpoint)' }],
  },
  {
    name: 'Suite error',
    description: 'A problem in the suite itself (a bug in a spec or in the harness).',
    matchers: [{ statuses: ['broken'] }],
  },
  {
    name: 'Not applicable here',
    description: 'Skipped: the profile, a capability the host lacks, or a role that is not configured (grouped by reason).',
    matchers: [{ statuses: ['skipped'] }],
  },
];

/**
 * The same categories in the Allure 2 shape (categories.json in the results, for Allure 2 users):
 * no label matchers there, so a rule keeps its first label-free matcher or is left out, and the
 * message pattern must match the whole message.
 */
export const CATEGORIES = ALLURE_CATEGORIES.flatMap((c) => {
  const m = c.matchers.find((x) => !x.labels);
  if (!m) return [];
  return [{
    name: c.name,
    description: c.description,
    ...(m.statuses ? { matchedStatuses: m.statuses } : {}),
    ...(m.message ? { messageRegex: `${m.message.startsWith('^') ? m.message.slice(1) : `[\\s\\S]*${m.message}`}[\\s\\S]*` } : {}),
  }];
});

/** The `cause` label value: readable, since Allure shows it as the group name. */
export function causeLabel(cause: { requirementId: string; what: string; observed: string }): string {
  const text = `${cause.requirementId}: ${cause.what}${cause.observed ? ` — observed: ${cause.observed}` : ''}`.replace(/\s+/g, ' ').trim();
  return redactText(text.length > 160 ? `${text.slice(0, 159)}…` : text);
}

export function writeExecutor(resultsDir: string, run: RunContext, reportUrl?: string): void {
  mkdirSync(resultsDir, { recursive: true });
  const executor = {
    name: 'edfi-conformance',
    type: 'edfi-conformance',
    buildName: `conformance ${run.runTag} (seed ${run.seed})`,
    buildOrder: Date.now(),
    reportName: `Ed-Fi ${(run.resources ?? ['sessions']).join(', ')} conformance: ${redactText(run.main.urls.root)}`,
    ...(reportUrl ? { reportUrl } : {}),
  };
  writeFileSync(join(resultsDir, 'executor.json'), JSON.stringify(executor, null, 2));
}
