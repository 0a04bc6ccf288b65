// The gate every request of a transport passes, and its exclusive mode: a check that needs the
// target to itself for a moment (nothing else writing or reading between two of its requests)
// takes every permit the gate stands for, waits for the requests in flight to finish, and then
// only its own requests go through until it is done. Its own requests are told apart by an
// AsyncLocalStorage scope (the async call chain of the exclusive function), so they run under the
// permits it holds instead of queueing behind them (which would deadlock).
import { AsyncLocalStorage } from 'node:async_hooks';
import { Limiter } from './limiter.js';

/** Runs `fn` holding one of the permits. */
export interface Gate {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** Permits that can also be taken all at once (Limiter, the run-wide SharedPermits). */
export interface ExclusivePermits extends Gate {
  /** How many permits there are: what `exclusive` holds. */
  readonly max: number;
  /** Runs `fn` holding every permit: waits for the holders before it, blocks those after it. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export interface ExclusiveOptions {
  /** Give the permits back after this long even if `fn` has not settled (default EXCLUSIVE_MAX_HOLD_MS). */
  maxHoldMs?: number;
  /** Called once the permits are held, with how long it took to get them. */
  onHeld?: (waitedMs: number) => void;
  /** Called when the hold ran out before `fn` settled (its later requests share the target again). */
  onOverrun?: (heldMs: number) => void;
}

/**
 * The longest an exclusive hold lasts. Every other request of the run waits while it is held, so
 * a hold is meant for a handful of requests (well under a second against a nearby host). Past
 * this the permits go back anyway: a stuck holder (its request waiting on a token fetch another
 * check started, say) must cost the run seconds, never the run.
 */
export const EXCLUSIVE_MAX_HOLD_MS = 15_000;

interface Lease {
  live: boolean;
  /** The holder's own requests, at most as many at once as the permits it holds. */
  own: Limiter;
}

/**
 * A gate over `permits` (or a promise of them, while they are being found) with the exclusive
 * mode. `queue`, when given, is a local queue every ordinary request waits in first; the
 * holder's own requests skip it (it may be full of requests waiting for the permits it holds).
 */
export class ExclusiveGate implements Gate {
  private readonly holder = new AsyncLocalStorage<Lease>();
  private readonly permits: Promise<ExclusivePermits>;

  constructor(permits: ExclusivePermits | Promise<ExclusivePermits>, private readonly queue?: Gate) {
    this.permits = Promise.resolve(permits);
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    const lease = this.holder.getStore();
    if (lease?.live) return lease.own.run(fn);
    const ordinary = async (): Promise<T> => (await this.permits).run(fn);
    return this.queue ? this.queue.run(ordinary) : ordinary();
  }

  /**
   * Runs `fn` with every permit held, its own requests let through. Re-entrant: inside an
   * exclusive `fn`, another exclusive call just runs. Settles with `fn`'s outcome; the permits go
   * back when `fn` settles (or after maxHoldMs) and the holder's requests in flight have finished,
   * so the cap is kept even then.
   */
  async exclusive<T>(fn: () => Promise<T>, options: ExclusiveOptions = {}): Promise<T> {
    if (this.holder.getStore()?.live) return fn();
    const permits = await this.permits;
    const maxHoldMs = options.maxHoldMs ?? EXCLUSIVE_MAX_HOLD_MS;
    const asked = performance.now();
    let outcome!: Promise<T>;
    await permits.exclusive(async () => {
      const lease: Lease = { live: true, own: new Limiter(Math.max(1, permits.max)) };
      const held = performance.now();
      options.onHeld?.(Math.round(held - asked));
      outcome = this.holder.run(lease, async () => fn());
      if (await overruns(outcome, maxHoldMs)) options.onOverrun?.(Math.round(performance.now() - held));
      lease.live = false;
      // Requests of the holder still on the wire (an overrun, a request it did not await) finish
      // before the permits go back.
      await lease.own.exclusive(async () => undefined);
    });
    return outcome;
  }
}

/** Whether `p` is still pending after `ms` (a rejection counts as settled). */
async function overruns(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  try {
    return await Promise.race([p.then(() => false, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
