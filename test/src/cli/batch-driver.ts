// Driver for batch.test.ts: in ONE process, starts two reference hosts (one faithful, one with a
// fault that truncates long session names) and runs both runs as ONE batch (one vitest instance,
// runConformanceBatch), then prints one JSON line per run for the test to judge. The runs differ
// only by their own settings, so a check run with the other run's context would show as a crossed
// verdict or a crossed host. The faithful run also loads the token spec file and selects one of
// its checks; the faulty run's --grep selects that check too but its spec files do not hold it,
// so it must not run there (a batch loads the union of its runs' files).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../host/index.js';
import { runConformanceBatch, type BatchMember } from '../../../src/cli/batch.js';

const VALIDATION = 'specs/sessions.validation.spec.ts';
const TOKEN = 'specs/oauth.token.spec.ts';
const GREP = 'SES-POST-400-VALIDATION|SES-TOKEN-BASIC-OK';

function member(host: RunningHost, label: string, specs: string[]): BatchMember {
  const c = host.clients;
  return {
    specs,
    settings: {
      baseUrl: host.baseUrl, key: c.full.key, secret: c.full.secret, profile: 'ods-7.3', seed: 7, grep: GREP, readOnly: false,
      reportDir: mkdtempSync(join(tmpdir(), `batch-${label}-`)), timeoutMs: 10_000, maxConcurrency: 4, html: false,
      roles: { readOnly: c.readOnly, noSessionsClaim: c.noSessionsClaim, otherSchool: c.otherSchool, shortLived: c.shortLived },
    },
  };
}

const [faithful, faulty] = await Promise.all([startHost({ quiet: true }), startHost({ quiet: true, fault: 'SessionNameTruncated' })]);
try {
  const results = await runConformanceBatch([member(faithful, 'faithful', [VALIDATION, TOKEN]), member(faulty, 'faulty', [VALIDATION])], { workers: 1 });
  for (const [i, label] of ['faithful', 'faulty'].entries()) {
    const r = results[i]!;
    if ('error' in r) {
      console.log(`RUN ${JSON.stringify({ label, error: r.error.message })}`);
      continue;
    }
    const o = r.outcome;
    const host = i === 0 ? faithful : faulty;
    console.log(
      `RUN ${JSON.stringify({
        label,
        exitCode: o.exitCode,
        failing: o.checks.filter((k) => k.verdict === 'fail').map((k) => k.checkId),
        checkIds: o.checks.map((k) => k.checkId),
        suiteErrors: o.suiteErrors,
        tokensIssued: host.inspect.issuedTokens().length,
        reportDir: o.reportDir,
      })}`,
    );
  }
} finally {
  await Promise.all([faithful.stop(), faulty.stop()]);
}
