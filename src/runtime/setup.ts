// vitest setup file of the conformance config: each spec worker checks it was started by the
// runner (a clear message instead of a failure deep inside a check) and registers the run's
// secrets (every run's, in a batch) with the redactor before any check prints anything.
import { registerContextSecrets } from '../report/secrets.js';
import { batchRuns, loadRunContexts } from './current-run.js';
import { useQuietAllureRuntime } from './quiet-allure.js';

for (const run of loadRunContexts()) registerContextSecrets(run);
// A batch has no Allure reporter (src/cli/batch.ts): its checks' Allure calls record nothing.
if (batchRuns()) useQuietAllureRuntime();
