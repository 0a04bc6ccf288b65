// The run a spec worker belongs to, read with vitest's inject() from what the runner provided to
// its vitest instance (src/cli/run.ts). Worker-side only: outside a conformance run (the project's
// unit tests, the CLI's main process) there is no run, and readers fall back to their defaults.
//
// A batch (src/cli/batch.ts: several runs, each against its own host, in one vitest instance)
// provides its runs under RUN_BATCH_KEY instead. check() registers one test per run of the batch
// and keeps that run in the check's state, so inside a check currentRun() is the check's own run;
// outside a check (collecting the specs) it is the batch's first run, which the batch's runner
// made sure agrees with the others on everything read at collection (resources, profile).
import { inject } from 'vitest';
import { MissingRunContextError } from '../errors.js';
import { currentCheck } from './check-state.js';
import { RUN_BATCH_KEY, RUN_CONTEXT_KEY, type BatchRun, type RunContext } from './run-context.js';

let override: RunContext | undefined;

/** What the runner provided under `key`, or undefined outside a vitest worker (inject() throws there). */
function provided<K extends typeof RUN_CONTEXT_KEY | typeof RUN_BATCH_KEY>(key: K): ReturnType<typeof inject<K>> | undefined {
  try {
    return inject(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The runs of a batch this worker serves, or undefined in a single run (and outside any run). */
export function batchRuns(): BatchRun[] | undefined {
  if (override) return undefined;
  const batch = provided(RUN_BATCH_KEY);
  return batch?.length ? batch : undefined;
}

/** The current run, or undefined outside a conformance run. */
export function currentRun(): RunContext | undefined {
  const own = currentCheck()?.run;
  if (own) return own;
  if (override) return override;
  return provided(RUN_CONTEXT_KEY) ?? batchRuns()?.[0]?.run;
}

/** The current run; throws a clear error when the checks were not started by the runner. */
export function loadRunContext(): RunContext {
  const run = currentRun();
  if (!run) throw new MissingRunContextError("no run context was provided: run the checks with 'npm run conformance', not vitest directly");
  return run;
}

/** Every run this worker serves: the batch's, else the one run; throws as loadRunContext does. */
export function loadRunContexts(): RunContext[] {
  return batchRuns()?.map((b) => b.run) ?? [loadRunContext()];
}

/** Tests only: stand in for the provided run (undefined = back to what vitest provides). */
export function setRunContextForTests(run: Partial<RunContext> | undefined): void {
  override = run as RunContext | undefined;
}
