// An Allure test runtime that records nothing, for a batch's spec workers (src/cli/batch.ts): a
// batch writes no Allure results (its callers, the self-test, read only the check results), so it
// has no Allure reporter, and without one allure-js-commons falls back to a runtime that prints a
// warning for every label, step and attachment. Steps still run their bodies.
import { setGlobalTestRuntime } from 'allure-js-commons/sdk/runtime';

type Runtime = Parameters<typeof setGlobalTestRuntime>[0];

/** Every method: nothing to record; `step` runs its body. `then` stays absent (the runtime is not a promise). */
function quiet(async: boolean, sync?: object): object {
  return new Proxy(
    {},
    {
      get: (_target, prop) => {
        if (prop === 'then') return undefined;
        if (prop === 'sync') return sync;
        if (prop === 'step') return async ? async (_name: string, body: () => unknown) => body() : (_name: string, body: () => unknown) => body();
        return async ? async () => undefined : () => undefined;
      },
    },
  );
}

export function useQuietAllureRuntime(): void {
  setGlobalTestRuntime(quiet(true, quiet(false)) as unknown as Runtime);
}
