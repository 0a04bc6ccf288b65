// The run-wide request cap: workers sharing the runner's counter never hold more than the cap
// between them, and each may use slots the others leave idle; without a runner, a worker keeps to
// its static slice.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostPermits, SharedPermits, WorkerGate, type Gate } from '../../../src/runtime/permits.js';

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
    const counter = new Int32Array(new SharedArrayBuffer(8));
    const workers = [new SharedPermits(counter, 5), new SharedPermits(counter, 5), new SharedPermits(counter, 5)];
    expect(await busiest(workers, 60, 5)).toBe(5);
    expect([Atomics.load(counter, 0), Atomics.load(counter, 1)]).toEqual([0, 0]);
  });

  it('should give a lone busy worker every slot', async () => {
    const counter = new Int32Array(new SharedArrayBuffer(8));
    expect(await busiest([new SharedPermits(counter, 6)], 30, 5)).toBe(6);
  });
});

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

  it('should keep to its static slice when no runner answers', async () => {
    expect(await busiest([new WorkerGate(randomUUID(), 8, 3)], 12, 5)).toBe(3);
  });
});
