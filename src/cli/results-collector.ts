// Vitest reporter (main process) that turns finished tests into CheckResults and writes them to
// {runDir}/results.json for the runner. Redacts every message it keeps. The runner builds one per
// run, with that run's context (runs in one process do not share one). In a batch (several runs in
// one vitest instance, src/cli/batch.ts) each run's collector keeps the checks marked with its run
// id; spec-file and unhandled errors concern every run of the batch.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import type { SerializedError } from 'vitest';
import { RESULTS_FILE, type CheckResult, type CollectedResults } from '../report/results.js';
import { redactText, redactValue } from '../report/redact.js';
import { registerContextSecrets } from '../report/secrets.js';
import type { RunContext } from '../runtime/run-context.js';
import { resourceOfRequirement } from '../report/resources.js';

const TITLE = /^\[([^\]]+)\]\s*(.*)$/s;

export default class ResultsCollector implements Reporter {
  /** `batch`: keep only the checks marked with this run's id (task meta runId, src/runtime/check.ts). */
  constructor(
    private readonly run: RunContext,
    private readonly batch = false,
  ) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    const run = this.run;
    registerContextSecrets(run);
    const results: CollectedResults = { checks: [], notRun: 0, suiteErrors: [] };
    for (const mod of modules) {
      for (const e of mod.errors()) results.suiteErrors.push(redactText(`${relative(process.cwd(), mod.moduleId)}: ${e.message}`));
      for (const test of mod.children.allTests()) {
        const meta = test.meta();
        if (this.batch && meta.runId !== undefined && meta.runId !== run.runId) continue;
        const result = test.result();
        if (!meta.requirementId || !meta.level || !meta.area || !meta.operation) {
          results.notRun++;
          continue;
        }
        let verdict = meta.verdict ?? 'error';
        if (result.state === 'skipped' && verdict !== 'skip' && verdict !== 'blocked') verdict = 'skip';
        if (result.state === 'failed' && (verdict === 'pass' || verdict === 'warn')) verdict = 'error';
        const title = TITLE.exec(test.name)?.[2] ?? test.name;
        const resource = resourceOfRequirement({ id: meta.requirementId, operation: meta.operation });
        const check: CheckResult = {
          checkId: meta.checkId ?? `${meta.requirementId}/${title}`,
          requirementId: meta.requirementId,
          title: meta.title ?? title,
          ...(meta.blockedBy ? { blockedBy: meta.blockedBy } : {}),
          ...(meta.skippedFor ? { skippedFor: meta.skippedFor } : {}),
          ...(meta.cause ? { cause: redactValue(meta.cause) } : {}),
          ...(meta.decidedBy?.length ? { decidedBy: meta.decidedBy } : {}),
          file: relative(process.cwd(), mod.moduleId),
          ...(resource ? { resource } : {}),
          level: meta.level,
          area: meta.area,
          operation: meta.operation,
          verdict,
          reason: meta.reason ? redactText(meta.reason) : result.state === 'skipped' ? result.note : undefined,
          elicited: meta.elicited ?? [],
          requests: meta.requests ?? 0,
          seed: meta.seed ?? run.seed,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          cases: meta.cases,
          errors: (result.errors ?? []).map((e) => redactText(e.message ?? String(e))),
        };
        results.checks.push(check);
      }
    }
    for (const e of unhandled) results.suiteErrors.push(redactText(e.message ?? String(e)));
    writeFileSync(join(run.runDir, RESULTS_FILE), JSON.stringify(results, null, 2));
  }
}
