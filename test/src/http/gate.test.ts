// The exclusive mode of a gate (src/http/gate.ts) over a local Limiter: the holder waits for the
// requests in flight, newcomers wait for the holder, the holder's own requests go through under
// the permits it holds (no deadlock, the cap kept), the permits come back on a throw and after an
// overrun. The run-wide counter's side is in test/src/runtime/permits.test.ts.
import { describe, expect, it } from 'vitest';
import { ExclusiveGate } from '../../../src/http/gate.js';
import { Limiter } from '../../../src/http/limiter.js';
import { Transport } from '../../../src/http/transport.js';
import { HarnessError } from '../../../src/errors.js';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A request that stays in flight until released. */
function held(): { done: Promise<void>; release(): void } {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

describe(`${Limiter.name} exclusive`, () => {
  it('should wait for the holders before it and make later arrivals wait behind it', async () => {
    const limiter = new Limiter(2);
    const order: string[] = [];
    const a = held();
    const first = limiter.run(async () => { order.push('a'); await a.done; order.push('a done'); });
    const whole = limiter.exclusive(async () => { order.push('exclusive'); await tick(); order.push('exclusive done'); });
    // A slot is free, but the newcomer arrived after the exclusive holder: it waits.
    const late = limiter.run(async () => { order.push('late'); });
    await tick(20);
    expect(order).toEqual(['a']);
    a.release();
    await Promise.all([first, whole, late]);
    expect(order).toEqual(['a', 'a done', 'exclusive', 'exclusive done', 'late']);
  });
});

describe(ExclusiveGate.name, () => {
  it('should let the holder\'s own requests through, never more at once than the permits, while others wait', async () => {
    const gate = new ExclusiveGate(new Limiter(2), new Limiter(2));
    let ownInFlight = 0;
    let ownMost = 0;
    const outside: string[] = [];
    let others: Array<Promise<void>> = [];
    const go = held();
    const whole = gate.exclusive(async () => {
      await go.done;
      const mine = await Promise.all(Array.from({ length: 6 }, (_, i) => gate.run(async () => {
        ownMost = Math.max(ownMost, ++ownInFlight);
        await tick();
        ownInFlight--;
        return i;
      })));
      expect(outside).toEqual([]);
      return mine.length;
    }, {
      // Requests of other checks (this chain, outside the hold) fill the worker's queue meanwhile.
      onHeld: () => void (others = [1, 2, 3].map((i) => gate.run(async () => void outside.push(`other ${i}`)))),
    });
    await tick(20);
    go.release();
    expect(await whole).toBe(6);
    expect(ownMost).toBe(2);
    await Promise.all(others);
    expect(outside).toHaveLength(3);
  });

  it('should wait for requests in flight before running the holder', async () => {
    const gate = new ExclusiveGate(new Limiter(3));
    const inFlight = [held(), held()];
    const events: string[] = [];
    const running = inFlight.map((r, i) => gate.run(async () => { await r.done; events.push(`request ${i} done`); }));
    const whole = gate.exclusive(async () => void events.push('exclusive'));
    await tick(20);
    expect(events).toEqual([]);
    inFlight[1]!.release();
    await tick(20);
    expect(events).toEqual(['request 1 done']);
    inFlight[0]!.release();
    await Promise.all([...running, whole]);
    expect(events).toEqual(['request 1 done', 'request 0 done', 'exclusive']);
  });

  it('should give the permits back when the holder throws', async () => {
    const gate = new ExclusiveGate(new Limiter(2));
    await expect(gate.exclusive(async () => {
      await gate.run(async () => tick());
      throw new Error('the check failed');
    })).rejects.toThrow('the check failed');
    // Both permits are free again: two requests run side by side.
    let inFlight = 0;
    let most = 0;
    await Promise.all([1, 2].map(() => gate.run(async () => { most = Math.max(most, ++inFlight); await tick(); inFlight--; })));
    expect(most).toBe(2);
  });

  it('should run a nested exclusive call inside the hold instead of waiting for itself', async () => {
    const gate = new ExclusiveGate(new Limiter(2));
    const value = await gate.exclusive(() => gate.exclusive(async () => gate.run(async () => 42)));
    expect(value).toBe(42);
  });

  it('should give the permits back after maxHoldMs, once the holder\'s requests in flight are done', async () => {
    const gate = new ExclusiveGate(new Limiter(1));
    const events: string[] = [];
    let overrunAfter: number | undefined;
    const own = held();
    const whole = gate.exclusive(async () => {
      await gate.run(async () => { await own.done; events.push('own request done'); });
      events.push('holder done');
    }, { maxHoldMs: 30, onOverrun: (ms) => (overrunAfter = ms) });
    await tick(5);
    const other = gate.run(async () => void events.push('other request'));
    await tick(60);
    // Overrun, but the holder's request is still on the wire: the one permit is still taken.
    expect(overrunAfter).toBeGreaterThanOrEqual(25);
    expect(events).toEqual([]);
    own.release();
    await Promise.all([whole, other]);
    expect(events).toEqual(['own request done', 'holder done', 'other request']);
  });

  it('should report how long it waited for the permits', async () => {
    const gate = new ExclusiveGate(new Limiter(1));
    const r = held();
    const running = gate.run(() => r.done);
    let waited: number | undefined;
    const whole = gate.exclusive(async () => undefined, { onHeld: (ms) => (waited = ms) });
    await tick(40);
    r.release();
    await Promise.all([running, whole]);
    expect(waited).toBeGreaterThanOrEqual(30);
  });
});

describe(`${Transport.name} exclusive`, () => {
  it('should refuse to run unheld when its gate has no exclusive mode', async () => {
    const transport = new Transport({ timeoutMs: 1000, maxConcurrency: 2, gate: new Limiter(2) });
    await expect(transport.exclusive(async () => 1)).rejects.toBeInstanceOf(HarnessError);
    await transport.close();
  });
});
