// The run-wide request cap shared by the spec workers. Spec workers are threads of the runner's
// process, so --max-concurrency is one counter in a SharedArrayBuffer that every worker takes a
// permit from before a request goes out (Atomics: no locks, no messages per request). A static
// split of the cap (8 over 3 workers: 3, 3, 2) leaves slots idle whenever one worker is left with
// the long spec files; against a remote host that is most of the run. The runner hosts the
// counter (hostPermits); a worker asks for it once over a BroadcastChannel named after the run.
// A worker that gets no answer (a runner without a host, another pool) falls back to its static
// slice (perWorkerCap), which keeps the promise too, only less well used.
// A check that needs the target to itself takes every permit at once (SharedPermits.exclusive,
// reached through src/http/gate.ts): with the fallback slice it can only hold its own worker's.
// A check that only needs no other write between two of its requests keeps the writes out
// instead (SharedPermits.withoutWrites): it need not wait for the reads in flight, and the run's
// reads go on meanwhile (measured through a 50 ms proxy, that is little: nearly every check
// reaches a write of its own within a round trip or two and waits there, so a hold costs the run
// about its own round trips either way; what it saves is the drain of the reads and, holder to
// holder, the drain of the writes).
// What counts as a write is the caller's to say (src/runtime/write-scope.ts marks each request).
import { AsyncLocalStorage } from 'node:async_hooks';
import { BroadcastChannel } from 'node:worker_threads';
import { ExclusiveGate, EXCLUSIVE_MAX_HOLD_MS, type ExclusiveOptions, type ExclusivePermits } from '../http/gate.js';
import { Limiter } from '../http/limiter.js';
import { writeScope } from './write-scope.js';

export type { Gate } from '../http/gate.js';

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
  const counter = newPermitCounter();
  const channel = new BroadcastChannel(channelName(runId));
  channel.onmessage = (event: unknown) => {
    if ((event as { data?: Request }).data?.want === 'permits') channel.postMessage({ counter: counter.buffer });
  };
  // The channel must not keep a finished runner alive.
  (channel as unknown as { unref?: () => void }).unref?.();
  return { counter, close: () => channel.close() };
}

/**
 * Slots of the shared counter: permits held, requests waiting for one, and the exclusive holders'
 * ticket lock (the next ticket to hand out, the ticket whose turn it is, and whether that holder
 * has closed the counter to newcomers while the requests in flight drain); then the writes past
 * the write guard (in flight or waiting for a permit), whether a holder keeps writes out, and how
 * many write holders have asked and not finished. Both kinds of holder queue on the one ticket
 * lock, so they never overlap.
 */
const HELD = 0;
const WAITING = 1;
const NEXT_TICKET = 2;
const SERVING = 3;
const CLOSED = 4;
const WRITES = 5;
const WRITES_KEPT_OUT = 6;
const WRITE_HOLDERS = 7;
const SLOTS = 8;

/** A zeroed counter with room for every slot SharedPermits uses. */
export function newPermitCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
}

/** Waits (bounded by RECHECK_MS) while `counter[index]` still holds `value`. */
async function waitWhile(counter: Int32Array, index: number, value: number): Promise<void> {
  const wait = waitAsync(counter, index, value, RECHECK_MS);
  if (wait.async) await wait.value;
}

/**
 * At most `max` holders at once across every thread sharing `counter`. Fair enough across
 * threads: while anyone waits, a newcomer queues too instead of taking a slot that was just
 * freed (a busy worker would otherwise keep re-taking its own permits), and a release wakes the
 * longest waiter (Atomics wakes in FIFO order). Every waiter also looks again every RECHECK_MS,
 * so a wake-up lost to a worker that went away costs a moment, never the run.
 *
 * `exclusive` takes all `max` permits: holders queue for it on a ticket lock (first come, first
 * served across threads); the one whose turn it is closes the counter, so no newcomer (nor an
 * earlier waiter) takes a permit while the requests in flight finish, then takes all of them.
 */
export class SharedPermits implements ExclusivePermits {
  constructor(
    private readonly counter: Int32Array,
    readonly max: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      Atomics.sub(this.counter, HELD, 1);
      // A closed counter has an exclusive holder waiting for the count to drain: wake it too.
      Atomics.notify(this.counter, HELD, Atomics.load(this.counter, CLOSED) ? Infinity : 1);
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const c = this.counter;
    await this.turn();
    // A write holder before this one may have left writes kept out for the next in line: this
    // hold keeps out everything, its own writes included otherwise.
    if (Atomics.load(c, WRITES_KEPT_OUT) !== 0) {
      Atomics.store(c, WRITES_KEPT_OUT, 0);
      Atomics.notify(c, WRITES_KEPT_OUT);
    }
    Atomics.store(c, CLOSED, 1);
    try {
      for (;;) {
        if (Atomics.compareExchange(c, HELD, 0, this.max) === 0) break;
        const held = Atomics.load(c, HELD);
        if (held !== 0) await waitWhile(c, HELD, held);
      }
      try {
        return await fn();
      } finally {
        Atomics.sub(c, HELD, this.max);
      }
    } finally {
      Atomics.store(c, CLOSED, 0);
      Atomics.add(c, SERVING, 1);
      Atomics.notify(c, SERVING);
      Atomics.notify(c, CLOSED);
      Atomics.notify(c, HELD);
    }
  }

  /**
   * Runs `write` (a request that writes: it then takes its permit inside) once no holder keeps
   * writes out. It counts itself among the writes first and looks at the flag after, while a
   * holder sets the flag first and counts after (Atomics are sequentially consistent), so either
   * the holder sees this write and waits for it, or this write sees the flag and steps back.
   */
  async write<T>(write: () => Promise<T>): Promise<T> {
    const c = this.counter;
    for (;;) {
      Atomics.add(c, WRITES, 1);
      if (Atomics.load(c, WRITES_KEPT_OUT) === 0) break;
      Atomics.sub(c, WRITES, 1);
      Atomics.notify(c, WRITES);
      await waitWhile(c, WRITES_KEPT_OUT, 1);
    }
    try {
      return await write();
    } finally {
      Atomics.sub(c, WRITES, 1);
      if (Atomics.load(c, WRITES_KEPT_OUT) !== 0) Atomics.notify(c, WRITES);
    }
  }

  /**
   * Runs `fn` with every other write of the run kept out: waits its turn among the holders (the
   * exclusive ones too), stops new writes, waits for the writes already past the guard to finish,
   * then runs `fn`. Reads and the holder's own requests take permits as usual meanwhile; `release`
   * (called by the caller when `fn` settles or its hold runs out) ends the hold. When another
   * write holder has asked meanwhile, the writes stay kept out for it: reopening for the moment
   * between two holds would only let a few writes slip in for the next holder to wait out (a
   * round trip of a remote host per hold, while every other write waits anyway); an exclusive
   * holder in between reopens them itself.
   */
  async withoutWrites(fn: (release: () => void) => Promise<void>): Promise<void> {
    const c = this.counter;
    Atomics.add(c, WRITE_HOLDERS, 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      if (Atomics.sub(c, WRITE_HOLDERS, 1) === 1) {
        Atomics.store(c, WRITES_KEPT_OUT, 0);
        Atomics.notify(c, WRITES_KEPT_OUT);
      }
      Atomics.add(c, SERVING, 1);
      Atomics.notify(c, SERVING);
    };
    try {
      await this.turn();
      Atomics.store(c, WRITES_KEPT_OUT, 1);
      for (let writes = Atomics.load(c, WRITES); writes !== 0; writes = Atomics.load(c, WRITES)) await waitWhile(c, WRITES, writes);
      await fn(release);
    } finally {
      release();
    }
  }

  /** Waits for this holder's turn on the ticket lock (first come, first served across threads). */
  private async turn(): Promise<void> {
    const c = this.counter;
    const ticket = Atomics.add(c, NEXT_TICKET, 1);
    for (let serving = Atomics.load(c, SERVING); serving !== ticket; serving = Atomics.load(c, SERVING)) await waitWhile(c, SERVING, serving);
  }

  private take(): boolean {
    for (;;) {
      if (Atomics.load(this.counter, CLOSED) !== 0) return false;
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
        if (this.take()) return;
        if (Atomics.load(this.counter, CLOSED) !== 0) {
          await waitWhile(this.counter, CLOSED, 1);
          continue;
        }
        const held = Atomics.load(this.counter, HELD);
        if (held >= this.max) await waitWhile(this.counter, HELD, held);
      }
    } finally {
      Atomics.sub(this.counter, WAITING, 1);
    }
  }
}

/** Asks the runner for the run's counter; undefined when no runner answers within handshakeMs. */
function askForCounter(runId: string, handshakeMs: number): Promise<Int32Array | undefined> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(channelName(runId));
    const done = (counter: Int32Array | undefined): void => {
      clearTimeout(timer);
      channel.close();
      resolve(counter);
    };
    const timer = setTimeout(() => done(undefined), handshakeMs);
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
 * first (at most `max` of them contend for run-wide permits at once); an exclusive holder's own
 * requests skip that queue (src/http/gate.ts). A request marked as a write (write-scope.ts) passes
 * the write guard before it queues, unless it is a write-holder's own.
 */
export class WorkerGate extends ExclusiveGate {
  private readonly found: Promise<ExclusivePermits>;
  /** The async call chain of this worker's write-holder: its own writes skip the guard. */
  private readonly writeHolder = new AsyncLocalStorage<{ live: boolean }>();

  /** `handshakeMs`: how long to wait for the runner (tests of the fallback shorten it rather than sit it out). */
  constructor(runId: string, max: number, fallbackSlice: number, handshakeMs = HANDSHAKE_MS) {
    const found = askForCounter(runId, handshakeMs).then((counter): ExclusivePermits => (counter ? new SharedPermits(counter, max) : new Limiter(Math.max(1, fallbackSlice))));
    super(found, new Limiter(Math.max(1, max)));
    this.found = found;
  }

  override run<T>(fn: () => Promise<T>): Promise<T> {
    if (!writeScope.getStore() || this.writeHolder.getStore()?.live) return super.run(fn);
    return this.found.then((permits) => (permits instanceof SharedPermits ? permits.write(() => super.run(fn)) : super.run(fn)));
  }

  /**
   * Runs `fn` with no other write of the run going out: writes of every worker wait, the ones
   * already past the guard finish first, reads go on. Bounded like an exclusive hold (maxHoldMs,
   * default EXCLUSIVE_MAX_HOLD_MS): past it writes go out again. Without the runner's counter
   * there is no run-wide guard, so it takes the stronger hold on this worker's slice instead.
   * Inside another write hold it just runs `fn`; inside an exclusive hold it would wait for that
   * hold to end (both take turns on one ticket lock), so a check takes one or the other.
   */
  async withoutOtherWrites<T>(fn: () => Promise<T>, options: ExclusiveOptions = {}): Promise<T> {
    if (this.writeHolder.getStore()?.live) return fn();
    const permits = await this.found;
    if (!(permits instanceof SharedPermits)) return this.exclusive(fn, options);
    const maxHoldMs = options.maxHoldMs ?? EXCLUSIVE_MAX_HOLD_MS;
    const asked = performance.now();
    let outcome!: Promise<T>;
    await permits.withoutWrites(async (release) => {
      const held = performance.now();
      options.onHeld?.(Math.round(held - asked));
      const lease = { live: true };
      outcome = this.writeHolder.run(lease, async () => fn());
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), maxHoldMs)));
      const overran = await Promise.race([outcome.then(() => false, () => false), late]);
      clearTimeout(timer);
      lease.live = false;
      if (overran) options.onOverrun?.(Math.round(performance.now() - held));
      release();
    });
    return outcome;
  }
}
