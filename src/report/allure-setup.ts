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

/** Allure 2-style categories (Allure 3 reads categories.json from the results too). */
export const CATEGORIES = [
  {
    name: 'Contract violation',
    description: 'The target did not do what a requirement says (a failed check).',
    matchedStatuses: ['failed'],
  },
  {
    name: 'Target error',
    description: 'The target did not answer, timed out, or answered something unusable.',
    matchedStatuses: ['broken'],
    messageRegex: '.*(CT_ERR_TRANSPORT|no answer within|connection refused|TokenRequestError|token endpoint).*',
  },
  {
    name: 'Suite error',
    description: 'A problem in the suite itself (a bug in a spec or in the harness).',
    matchedStatuses: ['broken'],
  },
];

export function writeExecutor(resultsDir: string, run: RunContext, reportUrl?: string): void {
  mkdirSync(resultsDir, { recursive: true });
  const executor = {
    name: 'edfi-conformance',
    type: 'edfi-conformance',
    buildName: `conformance ${run.runTag} (seed ${run.seed})`,
    buildOrder: Date.now(),
    reportName: `Ed-Fi sessions conformance: ${redactText(run.main.urls.root)}`,
    ...(reportUrl ? { reportUrl } : {}),
  };
  writeFileSync(join(resultsDir, 'executor.json'), JSON.stringify(executor, null, 2));
}
