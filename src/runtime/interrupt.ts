// Ctrl-C reaches the checks in flight. vitest's cancel aborts only the tests its runner still lists
// as running, and vitest 4.1 loses some of them (a finished concurrent test is removed from that
// list with every test started after it), so an interrupted run could sit out a check's remaining
// time, up to the check timeout. The runner therefore also tells the spec workers itself, over a
// BroadcastChannel named after the run (as src/runtime/permits.ts does for the request cap); every
// check of that run still in flight stops at once with RunInterruptedError. What the checks created
// is in the ledger, which the runner sweeps after the checks stop.
import { BroadcastChannel } from 'node:worker_threads';
import { HarnessError } from '../errors.js';

const channelName = (runId: string): string => `edfi-conformance-interrupt:${runId}`;

export class RunInterruptedError extends HarnessError {
  override readonly code = 'CT_ERR_RUN_INTERRUPTED';
  override readonly name = 'RunInterruptedError';
  constructor() {
    super('the run was interrupted (SIGINT/SIGTERM): this check was stopped before it ended, and what it created is left to the sweep');
  }
}

/** In the runner: tells every spec worker of this run that it is interrupted. */
export function hostInterrupt(runId: string): { interrupt(): void; close(): void } {
  const channel = new BroadcastChannel(channelName(runId));
  (channel as unknown as { unref?: () => void }).unref?.();
  return { interrupt: () => channel.postMessage({ interrupted: true }), close: () => channel.close() };
}

/**
 * In a spec worker: one promise per run, rejected with RunInterruptedError when the runner says
 * so. Keyed by run id, so runs that share a process (the self-test) never stop each other.
 */
const interrupted = new Map<string, Promise<never>>();

export function whenInterrupted(runId: string): Promise<never> {
  let promise = interrupted.get(runId);
  if (!promise) {
    promise = new Promise<never>((_resolve, reject) => {
      const channel = new BroadcastChannel(channelName(runId));
      // Listening must not keep a worker alive that has nothing else to do.
      (channel as unknown as { unref?: () => void }).unref?.();
      channel.onmessage = (event: unknown) => {
        if ((event as { data?: { interrupted?: unknown } }).data?.interrupted !== true) return;
        channel.close();
        reject(new RunInterruptedError());
      };
    });
    // A run that ends uninterrupted never settles it; one interrupted between checks has no taker.
    promise.catch(() => undefined);
    interrupted.set(runId, promise);
  }
  return promise;
}

/** Runs a check's body until it ends or the run is interrupted, whichever comes first. */
export function untilInterrupted<T>(runId: string, body: Promise<T>): Promise<T> {
  return Promise.race([body, whenInterrupted(runId)]);
}
