// specs/support/shared-parents.ts: the checks of one describe share one created parent; the check
// that creates it hands it to the final sweep; a failed create is the creating check's own (as it
// was before sharing) and the others then create their own parents; a missing fixture takes the
// unshared path (the check skips as before, having created nothing).
import { describe, expect, it } from 'vitest';
import { prepareWithSharedParent } from '../../specs/support/shared-parents.js';
import { RESOURCES, type CheckContext, type CreatedResource } from '../../src/index.js';

const offerings = RESOURCES.find((r) => r.name === 'courseOfferings')!;
const sessions = RESOURCES.find((r) => r.name === 'sessions')!;

interface Fake {
  t: CheckContext;
  /** What each call of prepare() was given as parents ('own' when none). */
  prepared: string[];
  creates: number;
  kept: string[];
}

let runs = 0;
/** A context of one check: createNew() of the session answers with `outcome(n)` for its n-th call across checks. */
function fakeCheck(runTag: string, counter: { n: number }, outcome: (n: number) => 'ok' | 'fail', refs: Record<string, unknown> = { course: {}, schoolId: 1 }): Fake {
  const fake: Fake = { prepared: [], creates: 0, kept: [] } as unknown as Fake;
  const client = (name: string) => ({
    async createNew(): Promise<CreatedResource> {
      fake.creates++;
      const n = ++counter.n;
      if (outcome(n) === 'fail') throw new Error(`create ${n} failed`);
      return { id: `s${n}`, location: `/sessions/s${n}`, etag: undefined, payload: { sessionName: `s${n}` }, exchange: undefined as never };
    },
    async prepare(_overrides?: unknown, given?: Record<string, { payload: { sessionName?: string } }>) {
      fake.prepared.push(`${name}:${given?.session?.payload.sessionName ?? 'own'}`);
      return { localCourseCode: 'x' };
    },
  });
  fake.t = {
    target: { runTag },
    refs,
    resource: client,
    ledger: { entries: () => [], keepForSweep: (id: string) => void fake.kept.push(id) },
  } as unknown as CheckContext;
  return fake;
}

describe('prepareWithSharedParent', () => {
  it('creates the parent once for the checks sharing a key, hands it to the sweep, and gives it to all', async () => {
    const tag = `run${++runs}`;
    const counter = { n: 0 };
    const checks = Array.from({ length: 5 }, () => fakeCheck(tag, counter, () => 'ok'));
    await Promise.all(checks.map((c) => prepareWithSharedParent(c.t, offerings, 'refused POST')));
    expect(checks.reduce((n, c) => n + c.creates, 0)).toBe(1);
    expect(checks.flatMap((c) => c.prepared)).toEqual(Array(5).fill('courseOfferings:s1'));
    expect(checks.flatMap((c) => c.kept)).toEqual(['s1']);
    // Another key (another describe) and another run get their own.
    const other = fakeCheck(tag, counter, () => 'ok');
    await prepareWithSharedParent(other.t, offerings, 'refused PUT');
    const nextRun = fakeCheck(`run${++runs}`, counter, () => 'ok');
    await prepareWithSharedParent(nextRun.t, offerings, 'refused POST');
    expect([other.prepared, nextRun.prepared]).toEqual([['courseOfferings:s2'], ['courseOfferings:s3']]);
  });

  it("leaves a failed create to the creating check and lets the waiting checks create their own parents", async () => {
    const tag = `run${++runs}`;
    const counter = { n: 0 };
    const checks = Array.from({ length: 3 }, () => fakeCheck(tag, counter, (n) => (n === 1 ? 'fail' : 'ok')));
    const results = await Promise.allSettled(checks.map((c) => prepareWithSharedParent(c.t, offerings, 'accepted POST')));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('create 1 failed');
    expect(checks.flatMap((c) => c.prepared)).toEqual(['courseOfferings:own', 'courseOfferings:own']);
    expect(checks.flatMap((c) => c.kept)).toEqual([]);
    // The next check to come asks again, and shares what it creates.
    const later = [fakeCheck(tag, counter, () => 'ok'), fakeCheck(tag, counter, () => 'ok')];
    await Promise.all(later.map((c) => prepareWithSharedParent(c.t, offerings, 'accepted POST')));
    expect(later.reduce((n, c) => n + c.creates, 0)).toBe(1);
    expect(later.flatMap((c) => c.kept)).toHaveLength(1);
  });

  it('takes the unshared path for a resource without a created parent, or with a required fixture missing', async () => {
    const tag = `run${++runs}`;
    const counter = { n: 0 };
    const noCourse = fakeCheck(tag, counter, () => 'ok', { schoolId: 1 });
    await prepareWithSharedParent(noCourse.t, offerings, 'refused POST');
    expect([noCourse.creates, noCourse.prepared]).toEqual([0, ['courseOfferings:own']]);
    const session = fakeCheck(tag, counter, () => 'ok');
    await prepareWithSharedParent(session.t, sessions, 'refused POST');
    expect([session.creates, session.prepared]).toEqual([0, ['sessions:own']]);
  });
});
