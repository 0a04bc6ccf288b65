// Whether a run failed (exit 1), from what it found: one rule shared by the runner's exit code and
// by the commands that judge a finished run from its conformance.json (step summary, bundle).
// With a baseline, the baseline decides about check failures: the Allure gate's MUST-failure rule
// (maxFailures) counts covered failures too, so with a baseline only its other rules still count.
import type { QualityGateOutcome } from '../report/html.js';
import type { CheckResult } from '../report/results.js';
import type { BaselineOutcome } from './baseline.js';

export interface RunFindings {
  checks: readonly Pick<CheckResult, 'verdict'>[];
  suiteErrors?: readonly string[];
  sweepFailures?: readonly string[];
  qualityGate?: QualityGateOutcome;
  baseline?: Pick<BaselineOutcome, 'newFailures'>;
}

export function runFailed(f: RunFindings): boolean {
  const checksFailed = f.baseline ? f.baseline.newFailures.length > 0 : f.checks.some((c) => c.verdict === 'fail' || c.verdict === 'error');
  const gateViolations = (f.qualityGate?.passed === false ? f.qualityGate.violations : []).filter((v) => !(f.baseline && /maxFailures\s*$/.test(v)));
  return checksFailed || (f.suiteErrors?.length ?? 0) > 0 || (f.sweepFailures?.length ?? 0) > 0 || gateViolations.length > 0;
}
