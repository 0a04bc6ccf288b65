// The run-wide request cap: workers sharing the runner's counter never hold more than the cap
// between them, and each may use slots the others leave idle; without a runner, a worker keeps to
// its static slice. An exclusive holder takes every permit of the run: it waits for the requests in
// flight in every worker, newcomers anywhere wait for it, and it always gives the permits back.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostPermits, newPermitCounter, SharedPermits, WorkerGate, type Gate } from '../../../src/runtime/permits.js';

/** Runs `n` tasks of `ms` each through the gates in turn; returns the most in flight at once. */
async function busiest(gates: Gate[], n: number, ms: number): Promise<number> {
  let inFlight = 0;
  let most = 0;
  await Promise.all(Array.from({ length: n }, (_, i) => gates[i % gates.length]!.run(async () => {
    most = Math.max(most, ++inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight--;
  })));
  return most;
}

describe(SharedPermits.name, () => {
  it('should let holders on one counter reach the cap together and never pass it', async () => {
    const counter = newPermitCounter();
    const workers = [new SharedPermits(counter, 5), new SharedPermits(counter, 5), new SharedPermits(counter, 5)];
    expect(await busiest(workers, 60, 5)).toBe(5);
    expect([Atomics.load(counter, 0), Atomics.load(counter, 1)]).toEqual([0, 0]);
  });

  it('should let an exclusive holder in only after the requests in flight on every sharer, and hold newcomers until it is done', async () => {
    const counter = newPermitCounter();
    const [a, b] = [new SharedPermits(counter, 3), new SharedPermits(counter, 3)];
    const events: string[] = [];
    const inFlight = [held(), held()];
    const running = [a.run(async () => { await inFlight[0]!.done; events.push('a request done'); }), b.run(async () => { await inFlight[1]!.done; events.push('b request done'); })];
    const whole = a.exclusive(async () => {
      events.push('exclusive');
      expect(Atomics.load(counter, 0)).toBe(3);
      await tick(30);
      events.push('exclusive done');
    });
    await tick(20);
    // A permit is free, but the counter is closed: the newcomer waits for the holder.
    const late = b.run(async () => void events.push('late'));
    await tick(20);
    expect(events).toEqual([]);
    inFlight[0]!.release();
    inFlight[1]!.release();
    await Promise.all([...running, whole, late]);
    expect(events.slice(2)).toEqual(['exclusive', 'exclusive done', 'late']);
    expect(Array.from(counter)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it('should serve exclusive holders one at a time in the order they asked, and reopen after a throw', async () => {
    const counter = newPermitCounter();
    const sharers = [new SharedPermits(counter, 2), new SharedPermits(counter, 2), new SharedPermits(counter, 2)];
    const order: number[] = [];
    let holders = 0;
    const all = sharers.map((s, i) => s.exclusive(async () => {
      expect(++holders).toBe(1);
      order.push(i);
      await tick(10);
      holders--;
      if (i === 1) throw new Error('holder 1 failed');
    }));
    const settled = await Promise.allSettled(all);
    expect(order).toEqual([0, 1, 2]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await busiest(sharers, 12, 2)).toBe(2);
    expect([Atomics.load(counter, 0), Atomics.load(counter, 4)]).toEqual([0, 0]);
  });

  it('should give a lone busy worker every slot', async () => {
    const counter = newPermitCounter();
    expect(await busiest([new SharedPermits(counter, 6)], 30, 5)).toBe(6);
  });
});

/** The handshake wait of a gate no runner will answer: well past the waits below, far short of the real 2 s. */
const NO_RUNNER_MS = 250;
const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A request that stays in flight until released. */
function held(): { done: Promise<void>; release(): void } {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe(WorkerGate.name, () => {
  it('should take the counter the runner hosts, so workers together stay within the cap', async () => {
    const runId = randomUUID();
    const host = hostPermits(runId);
    try {
      const gates = [new WorkerGate(runId, 4, 2), new WorkerGate(runId, 4, 1), new WorkerGate(runId, 4, 1)];
      expect(await busiest(gates, 48, 5)).toBe(4);
      // One worker alone uses the whole cap, not its slice of 1 or 2.
      expect(await busiest([gates[2]!], 16, 5)).toBe(4);
      expect(Atomics.load(host.counter, 0)).toBe(0);
    } finally {
      host.close();
    }
  });

  it('should hold every worker\'s requests while one worker\'s check has the target to itself, its own requests going through', async () => {
    const runId = randomUUID();
    const host = hostPermits(runId);
    try {
      const [mine, theirs] = [new WorkerGate(runId, 2, 1), new WorkerGate(runId, 2, 1)];
      // Both have the runner's counter before the race starts.
      await Promise.all([mine.run(async () => undefined), theirs.run(async () => undefined)]);
      const events: string[] = [];
      const other = held();
      const running = theirs.run(async () => { await other.done; events.push('their request done'); });
      let late: Promise<void> | undefined;
      const whole = mine.exclusive(async () => {
        events.push('held');
        // Another worker's newcomer, and more requests of mine than there are permits.
        late = theirs.run(async () => void events.push('their late request'));
        await Promise.all([1, 2, 3].map((i) => mine.run(async () => { await tick(); events.push(`my request ${i}`); })));
      });
      await tick(50);
      expect(events).toEqual([]);
      other.release();
      await Promise.all([running, whole]);
      await late;
      expect(events).toEqual(['their request done', 'held', 'my request 1', 'my request 2', 'my request 3', 'their late request']);
      expect(Atomics.load(host.counter, 0)).toBe(0);
    } finally {
      host.close();
    }
  });

  it('should keep to its static slice when no runner answers', async () => {
    expect(await busiest([new WorkerGate(randomUUID(), 8, 3, NO_RUNNER_MS)], 12, 5)).toBe(3);
  });

  it('should hold its own slice for an exclusive holder when no runner answers', async () => {
    const gate = new WorkerGate(randomUUID(), 8, 2, NO_RUNNER_MS);
    const events: string[] = [];
    const inFlight = held();
    const running = gate.run(async () => { await inFlight.done; events.push('request done'); });
    let late: Promise<void> | undefined;
    const whole = gate.exclusive(async () => {
      events.push('held');
      await Promise.all([1, 2, 3].map(() => gate.run(() => tick())));
      events.push('own requests done');
    }, { onHeld: () => void (late = gate.run(async () => void events.push('late'))) });
    await tick(50);
    inFlight.release();
    await Promise.all([running, whole]);
    await late;
    expect(events).toEqual(['request done', 'held', 'own requests done', 'late']);
  });
});
