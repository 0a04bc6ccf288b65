// The run-wide request cap shared by the spec workers. Spec workers are threads of the runner's
// process, so --max-concurrency is one counter in a SharedArrayBuffer that every worker takes a
// permit from before a request goes out (Atomics: no locks, no messages per request). A static
// split of the cap (8 over 3 workers: 3, 3, 2) leaves slots idle whenever one worker is left with
// the long spec files; against a remote host that is most of the run. The runner hosts the
// counter (hostPermits); a worker asks for it once over a BroadcastChannel named after the run.
// A worker that gets no answer (a runner without a host, another pool) falls back to its static
// slice (perWorkerCap), which keeps the promise too, only less well used.
import { BroadcastChannel } from 'node:worker_threads';
import { Limiter } from '../http/limiter.js';

/** Runs `fn` holding one of the run's permits. */
export interface Gate {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

const channelName = (runId: string): string => `edfi-conformance-permits:${runId}`;
/** How long a worker waits for the runner's counter before falling back to its static slice. */
const HANDSHAKE_MS = 2_000;
/** A waiter looks again at least this often, so a lost wake-up costs at most this long. */
const RECHECK_MS = 50;

/** Atomics.waitAsync (Node ≥ 16; the project's TypeScript lib predates it). */
const waitAsync = (Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

interface Request {
  want: 'permits';
}

/** In the runner: answers workers with the run's counter until closed. */
export function hostPermits(runId: string): { counter: Int32Array; close(): void } {
  const counter = new Int32Array(new SharedArrayBuffer(8));
  const channel = new BroadcastChannel(channelName(runId));
  channel.onmessage = (event: unknown) => {
    if ((event as { data?: Request }).data?.want === 'permits') channel.postMessage({ counter: counter.buffer });
  };
  // The channel must not keep a finished runner alive.
  (channel as unknown as { unref?: () => void }).unref?.();
  return { counter, close: () => channel.close() };
}

/** Slots of the shared counter: permits held, and requests waiting for one. */
const HELD = 0;
const WAITING = 1;

/**
 * At most `max` holders at once across every thread sharing `counter`. Fair enough across
 * threads: while anyone waits, a newcomer queues too instead of taking a slot that was just
 * freed (a busy worker would otherwise keep re-taking its own permits), and a release wakes the
 * longest waiter (Atomics wakes in FIFO order). Every waiter also looks again every RECHECK_MS,
 * so a wake-up lost to a worker that went away costs a moment, never the run.
 */
export class SharedPermits implements Gate {
  constructor(
    private readonly counter: Int32Array,
    private readonly max: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      Atomics.sub(this.counter, HELD, 1);
      Atomics.notify(this.counter, HELD, 1);
    }
  }

  private take(): boolean {
    for (;;) {
      const held = Atomics.load(this.counter, HELD);
      if (held >= this.max) return false;
      if (Atomics.compareExchange(this.counter, HELD, held, held + 1) === held) return true;
    }
  }

  private async acquire(): Promise<void> {
    if (Atomics.load(this.counter, WAITING) === 0 && this.take()) return;
    Atomics.add(this.counter, WAITING, 1);
    try {
      for (;;) {
        const held = Atomics.load(this.counter, HELD);
        if (held < this.max && this.take()) return;
        const wait = waitAsync(this.counter, HELD, Math.max(held, this.max), RECHECK_MS);
        if (wait.async) await wait.value;
      }
    } finally {
      Atomics.sub(this.counter, WAITING, 1);
    }
  }
}

/** Asks the runner for the run's counter; undefined when no runner answers in time. */
function askForCounter(runId: string): Promise<Int32Array | undefined> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(channelName(runId));
    const done = (counter: Int32Array | undefined): void => {
      clearTimeout(timer);
      channel.close();
      resolve(counter);
    };
    const timer = setTimeout(() => done(undefined), HANDSHAKE_MS);
    channel.onmessage = (event: unknown) => {
      const buffer = (event as { data?: { counter?: unknown } }).data?.counter;
      if (buffer instanceof SharedArrayBuffer) done(new Int32Array(buffer));
    };
    channel.postMessage({ want: 'permits' } satisfies Request);
  });
}

/**
 * A worker's gate: the run-wide counter once the runner has handed it over; until then, and for
 * good if it never does, the worker's static slice. Requests wait in this worker's own queue
 * first (at most `max` of them contend for run-wide permits at once).
 */
export class WorkerGate implements Gate {
  private readonly local: Limiter;
  private shared: Promise<Gate>;

  constructor(runId: string, max: number, fallbackSlice: number) {
    this.local = new Limiter(Math.max(1, max));
    this.shared = askForCounter(runId).then((counter) => (counter ? new SharedPermits(counter, max) : new Limiter(Math.max(1, fallbackSlice))));
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.local.run(async () => (await this.shared).run(fn));
  }
}
