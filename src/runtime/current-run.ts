// The run a spec worker belongs to, read with vitest's inject() from what the runner provided to
// its vitest instance (src/cli/run.ts). Worker-side only: outside a conformance run (the project's
// unit tests, the CLI's main process) there is no run, and readers fall back to their defaults.
import { inject } from 'vitest';
import { MissingRunContextError } from '../errors.js';
import { RUN_CONTEXT_KEY, type RunContext } from './run-context.js';

let override: RunContext | undefined;

/** The current run, or undefined outside a conformance run. */
export function currentRun(): RunContext | undefined {
  if (override) return override;
  try {
    return inject(RUN_CONTEXT_KEY) ?? undefined;
  } catch {
    // inject() throws outside a vitest worker: no run here.
    return undefined;
  }
}

/** The current run; throws a clear error when the checks were not started by the runner. */
export function loadRunContext(): RunContext {
  const run = currentRun();
  if (!run) throw new MissingRunContextError("no run context was provided: run the checks with 'npm run conformance', not vitest directly");
  return run;
}

/** Tests only: stand in for the provided run (undefined = back to what vitest provides). */
export function setRunContextForTests(run: Partial<RunContext> | undefined): void {
  override = run as RunContext | undefined;
}
