// Driver for two-runs-in-one-process.test.ts: in ONE process, starts two reference hosts (one
// faithful, one with a fault that truncates long session names) and runs runConformance against
// both at the same time, then prints one JSON line per run for the test to judge. Nothing but
// each call's own arguments tells the runs apart, so crossed contexts would show as crossed verdicts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../host/index.js';
import { runConformance } from '../../../src/cli/run.js';

const SPECS = ['specs/sessions.validation.spec.ts'];
const GREP = 'SES-POST-400-VALIDATION';

async function runAgainst(host: RunningHost, label: string) {
  const c = host.clients;
  const started = Date.now();
  const outcome = await runConformance({
    specs: SPECS,
    settings: {
      baseUrl: host.baseUrl, key: c.full.key, secret: c.full.secret, profile: 'ods-7.3', seed: 7, grep: GREP, readOnly: false,
      reportDir: mkdtempSync(join(tmpdir(), `two-runs-${label}-`)), timeoutMs: 10_000, maxConcurrency: 4, html: false,
      roles: { readOnly: c.readOnly, noSessionsClaim: c.noSessionsClaim, otherSchool: c.otherSchool, shortLived: c.shortLived },
    },
  });
  return {
    label,
    started,
    ended: Date.now(),
    exitCode: outcome.exitCode,
    failing: outcome.checks.filter((k) => k.verdict === 'fail').map((k) => k.checkId),
    passed: outcome.checks.filter((k) => k.verdict === 'pass').length,
    checks: outcome.checks.length,
    tokensIssued: host.inspect.issuedTokens().length,
    reportDir: outcome.reportDir,
  };
}

const [faithful, faulty] = await Promise.all([startHost({ quiet: true }), startHost({ quiet: true, fault: 'SessionNameTruncated' })]);
try {
  const results = await Promise.all([runAgainst(faithful, 'faithful'), runAgainst(faulty, 'faulty')]);
  for (const r of results) console.log(`RUN ${JSON.stringify(r)}`);
} finally {
  await Promise.all([faithful.stop(), faulty.stop()]);
}
