// If-Match on PUT, DELETE and POST: the current ETag lets the write through, a stale one is refused
// with 412 and (re-read to prove it) changes nothing; '*' differs by profile.
// CONTRACT.md §3, §9; seed PutSession 412, DeleteSessionById 412, PostSession 412.
import { check, describe, ensure, expectEtag, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext, type SessionPayload } from '../src/index.js';

interface Versioned {
  id: string;
  /** The payload the item now holds. */
  payload: SessionPayload;
  stale: string;
  current: string;
}

async function currentEtag(t: CheckContext, id: string, label = 'GET the item'): Promise<{ etag: string; body: Record<string, unknown> }> {
  const ex = await t.step(label, () => t.sessions.get(id));
  expectStatus(ex, 200);
  return { etag: expectEtag(ex), body: ex.json as Record<string, unknown> };
}

/** A session written twice: the ETag of the first version is stale, the second is current. */
async function versioned(t: CheckContext): Promise<Versioned> {
  const first = t.gen.build(t.refs);
  const created = await t.step('POST a valid session', () => t.sessions.create(first));
  const stale = (await currentEtag(t, created.id, 'GET version 1')).etag;
  const second = t.gen.withNonKeyChange(first);
  expectStatus(await t.step('PUT version 2', () => t.sessions.update(created.id, second)), 204);
  const current = (await currentEtag(t, created.id, 'GET version 2')).etag;
  ensure(current !== stale, 'the second version should have a new ETag', { expected: `not ${stale}`, observed: current });
  return { id: created.id, payload: second, stale, current };
}

/** After a refused write: the item still holds version 2 with the same ETag. */
async function expectUnchanged(t: CheckContext, v: Versioned): Promise<void> {
  const after = await currentEtag(t, v.id, 'GET the item after the refused write');
  ensure(after.etag === v.current && after.body.totalInstructionalDays === v.payload.totalInstructionalDays, 'a refused write should change nothing', {
    expected: { etag: v.current, totalInstructionalDays: v.payload.totalInstructionalDays },
    observed: { etag: after.etag, totalInstructionalDays: after.body.totalInstructionalDays },
  });
}

/** After a conditional write that went through: a re-read holds the written totalInstructionalDays. */
async function expectStored(t: CheckContext, id: string, changed: SessionPayload, what: string): Promise<void> {
  const after = await currentEtag(t, id);
  ensure(after.body.totalInstructionalDays === changed.totalInstructionalDays, `the conditional ${what} should be stored`, {
    expected: changed.totalInstructionalDays,
    observed: after.body.totalInstructionalDays,
  });
}

describe('If-Match on PUT', () => {
  check('SES-PUT-IFMATCH-CURRENT', '01 PUT with If-Match: the current ETag succeeds with 204', async (t) => {
    const v = await versioned(t);
    const changed = t.gen.withNonKeyChange(v.payload);
    const ex = await t.step('PUT with If-Match: current', () => t.sessions.update(v.id, changed, { ifMatch: v.current }));
    expectStatus(ex, 204);
    await expectStored(t, v.id, changed, 'PUT');
  });

  check('SES-PUT-412-STALE', '02 PUT with a stale If-Match answers 412 optimistic-lock-failed and changes nothing', async (t) => {
    const v = await versioned(t);
    const ex = await t.step('PUT with If-Match: stale', () => t.sessions.update(v.id, t.gen.withNonKeyChange(v.payload), { ifMatch: v.stale }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    await expectUnchanged(t, v);
  });

  check('SES-ETAG-IFMATCH-STAR-REJECTED', "03 PUT with If-Match: * answers 412 on ODS 7.3 (no wildcard support)", async (t) => {
    const v = await versioned(t);
    const ex = await t.step('PUT with If-Match: *', () => t.sessions.update(v.id, t.gen.withNonKeyChange(v.payload), { ifMatch: '*' }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    await expectUnchanged(t, v);
  });

  check('SES-ETAG-IFMATCH-STAR-ACCEPTED', "04 PUT with If-Match: * to an existing item succeeds on DMS", async (t) => {
    const v = await versioned(t);
    const ex = await t.step('PUT with If-Match: *', () => t.sessions.update(v.id, t.gen.withNonKeyChange(v.payload), { ifMatch: '*' }));
    expectStatus(ex, 204);
  });
});

describe('If-Match on DELETE', () => {
  check('SES-DELETE-IFMATCH-CURRENT', '05 DELETE with If-Match: the current ETag deletes the item', async (t) => {
    const v = await versioned(t);
    const ex = await t.step('DELETE with If-Match: current', () => t.sessions.delete(v.id, { ifMatch: v.current }));
    expectStatus(ex, 204);
    const after = await t.step('GET it again', () => t.sessions.get(v.id));
    expectStatus(after, 404);
  });

  check('SES-DELETE-412-STALE', '06 DELETE with a stale If-Match answers 412 and the item remains unchanged', async (t) => {
    const v = await versioned(t);
    const ex = await t.step('DELETE with If-Match: stale', () => t.sessions.delete(v.id, { ifMatch: v.stale }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    await expectUnchanged(t, v);
  });
});

describe('If-Match on an upserting POST', () => {
  check('SES-POST-IFMATCH-CURRENT', '07 an upserting POST with If-Match: the current ETag succeeds with 200', async (t) => {
    const v = await versioned(t);
    const changed = t.gen.withNonKeyChange(v.payload);
    const ex = await t.step('POST the key again with If-Match: current', () => t.api.post(SESSIONS, changed, { headers: { 'if-match': v.current } }));
    expectStatus(ex, 200);
    await expectStored(t, v.id, changed, 'POST');
  });

  check('SES-POST-412-STALE', '08 an upserting POST with a stale If-Match answers 412 and changes nothing', async (t) => {
    const v = await versioned(t);
    const ex = await t.step('POST the key again with If-Match: stale', () =>
      t.api.post(SESSIONS, t.gen.withNonKeyChange(v.payload), { headers: { 'if-match': v.stale } }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    await expectUnchanged(t, v);
  });
});
