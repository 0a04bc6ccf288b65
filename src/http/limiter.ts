// A counting semaphore: at most `max` requests in flight from this worker. First come, first
// served: a holder that wants every slot (exclusive) waits for the running ones to finish, and
// whoever arrives after it waits behind it, so it cannot be starved by a stream of newcomers.
export class Limiter {
  private active = 0;
  private readonly waiting: Array<{ slots: number; grant: () => void }> = [];
  constructor(readonly max: number) {}

  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.holding(1, fn);
  }

  /** Runs `fn` holding every slot: nothing else of this limiter runs until it settles. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.holding(this.max, fn);
  }

  private async holding<T>(slots: number, fn: () => Promise<T>): Promise<T> {
    if (this.waiting.length === 0 && this.active + slots <= this.max) this.active += slots;
    else await new Promise<void>((grant) => this.waiting.push({ slots, grant }));
    try {
      return await fn();
    } finally {
      this.active -= slots;
      this.grantWaiting();
    }
  }

  /** Hands freed slots to the waiters in arrival order (slots are counted here, before they run). */
  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.active + this.waiting[0]!.slots <= this.max) {
      const next = this.waiting.shift()!;
      this.active += next.slots;
      next.grant();
    }
  }
}
