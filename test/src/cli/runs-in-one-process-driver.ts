// Driver for runs-in-one-process.test.ts: in ONE process, starts two reference hosts (one
// faithful, one with a fault that truncates long session names), then
//   1. runs runConformance against both at the same time (kind "two-runs"): nothing but each
//      call's own arguments tells the runs apart, so crossed contexts would show as crossed verdicts;
//   2. runs one run against each as ONE batch (one vitest instance, runConformanceBatch; kind
//      "batch"). The runs differ only by their own settings, so a check run with the other run's
//      context would show as a crossed verdict or a crossed host. The faithful run also loads the
//      token spec file and selects one of its checks; the faulty run's --grep selects that check
//      too but its spec files do not hold it, so it must not run there (a batch loads the union of
//      its runs' files).
// It prints one JSON line per run for the test to judge. One driver for both: a driver process
// and its two hosts cost more CPU to start than the runs themselves. Each run makes its own
// run-unique data and cleans it up, and each line counts only the tokens its host issued during
// its own step.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../host/index.js';
import { runConformanceBatch, type BatchMember } from '../../../src/cli/batch.js';
import { runConformance } from '../../../src/cli/run.js';
import type { Settings } from '../../../src/config/settings.js';

const VALIDATION = 'specs/sessions.validation.spec.ts';
const TOKEN = 'specs/oauth.token.spec.ts';

function settingsFor(host: RunningHost, label: string, grep: string): Settings {
  const c = host.clients;
  return {
    baseUrl: host.baseUrl, key: c.full.key, secret: c.full.secret, profile: 'ods-7.3', seed: 7, grep, readOnly: false,
    reportDir: mkdtempSync(join(tmpdir(), `${label}-`)), timeoutMs: 10_000, maxConcurrency: 4, html: false,
    roles: { readOnly: c.readOnly, noSessionsClaim: c.noSessionsClaim, otherSchool: c.otherSchool, shortLived: c.shortLived },
  };
}

/** Tokens the host issued since `before` tokens had been. */
const tokensSince = (host: RunningHost, before: number): number => host.inspect.issuedTokens().length - before;

async function twoRuns(host: RunningHost, label: string) {
  const tokensBefore = host.inspect.issuedTokens().length;
  const started = Date.now();
  const outcome = await runConformance({ specs: [VALIDATION], settings: settingsFor(host, `two-runs-${label}`, 'SES-POST-400-VALIDATION') });
  return {
    kind: 'two-runs',
    label,
    started,
    ended: Date.now(),
    exitCode: outcome.exitCode,
    failing: outcome.checks.filter((k) => k.verdict === 'fail').map((k) => k.checkId),
    passed: outcome.checks.filter((k) => k.verdict === 'pass').length,
    checks: outcome.checks.length,
    tokensIssued: tokensSince(host, tokensBefore),
    reportDir: outcome.reportDir,
  };
}

async function batch(faithful: RunningHost, faulty: RunningHost): Promise<void> {
  const grep = 'SES-POST-400-VALIDATION|SES-TOKEN-BASIC-OK';
  const hosts = [faithful, faulty];
  const tokensBefore = hosts.map((h) => h.inspect.issuedTokens().length);
  const members: BatchMember[] = [
    { specs: [VALIDATION, TOKEN], settings: settingsFor(faithful, 'batch-faithful', grep) },
    { specs: [VALIDATION], settings: settingsFor(faulty, 'batch-faulty', grep) },
  ];
  const results = await runConformanceBatch(members, { workers: 1 });
  for (const [i, label] of ['faithful', 'faulty'].entries()) {
    const r = results[i]!;
    if ('error' in r) {
      console.log(`RUN ${JSON.stringify({ kind: 'batch', label, error: r.error.message })}`);
      continue;
    }
    const o = r.outcome;
    console.log(
      `RUN ${JSON.stringify({
        kind: 'batch',
        label,
        exitCode: o.exitCode,
        failing: o.checks.filter((k) => k.verdict === 'fail').map((k) => k.checkId),
        checkIds: o.checks.map((k) => k.checkId),
        suiteErrors: o.suiteErrors,
        tokensIssued: tokensSince(hosts[i]!, tokensBefore[i]!),
        reportDir: o.reportDir,
      })}`,
    );
  }
}

const [faithful, faulty] = await Promise.all([startHost({ quiet: true }), startHost({ quiet: true, fault: 'SessionNameTruncated' })]);
try {
  const results = await Promise.all([twoRuns(faithful, 'faithful'), twoRuns(faulty, 'faulty')]);
  for (const r of results) console.log(`RUN ${JSON.stringify(r)}`);
  await batch(faithful, faulty);
} finally {
  await Promise.all([faithful.stop(), faulty.stop()]);
}
