// The write hold (t.withoutOtherWrites): while one check reads around a write of its own, no other
// write of the run goes out, on any worker, and the writes already out finish first; reads go on
// meanwhile (that is its point against a remote host); its own writes go through; holders of
// either kind take turns. And which requests count as writes for it (src/runtime/write-scope.ts).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostPermits, newPermitCounter, SharedPermits, WorkerGate } from '../../../src/runtime/permits.js';
import { movesOrReadsChangeVersions, writeScope } from '../../../src/runtime/write-scope.js';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A request that stays in flight until released. */
function held(): { done: Promise<void>; release(): void } {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

/** A request through `gate`, marked as a write (as WriteMarkingTransport marks one) or not. */
const request = <T>(gate: WorkerGate, write: boolean, fn: () => Promise<T>): Promise<T> => writeScope.run(write, () => gate.run(fn));

describe('WorkerGate.withoutOtherWrites', () => {
  it('should wait for the writes in flight, hold every worker\'s later writes, and let reads and its own writes through', async () => {
    const runId = randomUUID();
    const host = hostPermits(runId);
    try {
      const [mine, theirs] = [new WorkerGate(runId, 4, 2), new WorkerGate(runId, 4, 2)];
      await Promise.all([mine.run(async () => undefined), theirs.run(async () => undefined)]);
      const events: string[] = [];
      const out = held();
      const theirWrite = request(theirs, true, async () => { await out.done; events.push('their write done'); });
      let lateWrite: Promise<void> | undefined;
      let read: Promise<void> | undefined;
      const hold = mine.withoutOtherWrites(async () => {
        events.push('held');
        lateWrite = request(theirs, true, async () => void events.push('their late write'));
        read = request(theirs, false, async () => void events.push('their read'));
        await read;
        await request(mine, true, async () => { await tick(); events.push('my write'); });
        await tick(20);
        events.push('hold done');
      });
      await tick(40);
      expect(events).toEqual([]);
      out.release();
      await Promise.all([theirWrite, hold]);
      await lateWrite;
      expect(events).toEqual(['their write done', 'held', 'their read', 'my write', 'hold done', 'their late write']);
      expect(Array.from(host.counter)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    } finally {
      host.close();
    }
  });

  it('should not let a write hold and an exclusive hold overlap, and reopen after a throw', async () => {
    const counter = newPermitCounter();
    const [a, b] = [new SharedPermits(counter, 2), new SharedPermits(counter, 2)];
    let holders = 0;
    const writeHold = a.withoutWrites(async () => {
      expect(++holders).toBe(1);
      await tick(20);
      holders--;
      throw new Error('holder failed');
    });
    const whole = b.exclusive(async () => {
      expect(++holders).toBe(1);
      holders--;
    });
    const settled = await Promise.allSettled([writeHold, whole]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled']);
    // Writes go out again once the hold is given back.
    expect(await b.write(async () => 'written')).toBe('written');
    expect(Array.from(counter)).toEqual([0, 0, 2, 2, 0, 0, 0, 0]);
  });

  it('should keep writes out from one write holder to the next, and let an exclusive holder in between write', async () => {
    const counter = newPermitCounter();
    const [a, b, c] = [new SharedPermits(counter, 4), new SharedPermits(counter, 4), new SharedPermits(counter, 4)];
    const events: string[] = [];
    let waiting: Promise<void> | undefined;
    const first = a.withoutWrites(async () => {
      events.push('first');
      waiting = c.write(async () => void events.push('other write'));
      await tick(20);
    });
    await tick(5);
    const second = b.withoutWrites(async () => {
      await tick(20);
      events.push('second');
    });
    await Promise.all([first, second]);
    await waiting;
    // The write that waited through the first hold did not slip in before the second.
    expect(events).toEqual(['first', 'second', 'other write']);
    const third = a.withoutWrites(async () => void (await tick(20)));
    await tick(5);
    const whole = b.exclusive(async () => void (await b.write(async () => void events.push('exclusive holder wrote'))));
    const fourth = c.withoutWrites(async () => void events.push('fourth'));
    await Promise.all([third, whole, fourth]);
    expect(events.slice(3)).toEqual(['exclusive holder wrote', 'fourth']);
    expect(Array.from(counter)).toEqual([0, 0, 5, 5, 0, 0, 0, 0]);
  });

  it('should take the stronger hold on its own slice when no runner answers (reads wait too)', async () => {
    const gate = new WorkerGate(randomUUID(), 4, 2, 100);
    const events: string[] = [];
    const holding = held();
    // Another check's read: asked for outside the holder's call chain, once the hold is held.
    const read = holding.done.then(() => request(gate, false, async () => void events.push('read')));
    await gate.withoutOtherWrites(async () => {
      holding.release();
      await tick(20);
      events.push('hold done');
    });
    await read;
    expect(events).toEqual(['hold done', 'read']);
  });

  it('should give writes back after maxHoldMs even while its holder is still busy', async () => {
    const runId = randomUUID();
    const host = hostPermits(runId);
    try {
      const gate = new WorkerGate(runId, 4, 4);
      await gate.run(async () => undefined);
      const events: string[] = [];
      let overran: number | undefined;
      const stuck = held();
      const hold = gate.withoutOtherWrites(async () => {
        void tick(10).then(() => request(gate, true, async () => void events.push('other write')));
        await stuck.done;
      }, { maxHoldMs: 50, onOverrun: (ms) => (overran = ms) });
      await tick(150);
      expect(events).toEqual(['other write']);
      expect(overran).toBeGreaterThanOrEqual(50);
      stuck.release();
      await hold;
    } finally {
      host.close();
    }
  });
});

describe(movesOrReadsChangeVersions.name, () => {
  const urls = { token: ['http://h:1/oauth/token'], availableChangeVersions: ['http://h:1/changeQueries/v1/availableChangeVersions'] };
  it.each([
    ['POST', 'http://h:1/data/v3/ed-fi/sessions', true],
    ['PUT', 'http://h:1/data/v3/ed-fi/courseOfferings/abc', true],
    ['DELETE', 'http://h:1/data/v3/ed-fi/academicWeeks/abc', true],
    ['GET', 'http://h:1/changeQueries/v1/availableChangeVersions', true],
    ['GET', 'http://h:1/changeQueries/v1/availableChangeVersions?x=1', true],
    ['POST', 'http://h:1/oauth/token', false],
    ['GET', 'http://h:1/data/v3/ed-fi/sessions?limit=5', false],
    ['GET', 'http://h:1/data/v3/ed-fi/sessions/deletes', false],
    ['HEAD', 'http://h:1/data/v3/ed-fi/sessions', false],
  ] as const)('%s %s: kept out by a write hold %s', (method, url, expected) => {
    expect(movesOrReadsChangeVersions({ method, url }, urls)).toBe(expected);
  });
});
