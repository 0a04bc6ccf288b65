// If-Match on PUT, DELETE and POST: the current ETag lets the write through, a stale one is refused
// with 412 and (re-read to prove it) changes nothing; '*' differs by profile.
// CONTRACT.md §3, §9; seed PutSession 412, DeleteSessionById 412, PostSession 412.
// Everything a conditional write needs is set-up: the current ETag (blocked by
// SES-ETAG-HEADER-QUOTED on a host without ETags), and for a stale ETag a second version
// (blocked by SES-PUT-204-UPDATED or SES-ETAG-CHANGES-ON-UPDATE). A '*' check sends no ETag, but
// If-Match presupposes them, so it too is blocked on a host that sends none.
// "Changed nothing" compares the representation, not the ETag.
import { check, Differences, describe, ensure, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext, type SessionPayload } from '../src/index.js';
import { currentEtag, readAfter, readVersion, type VersionedState } from './support/crud-reads.js';
import { expectSessionValues } from './support/crud-values.js';
import { putInSetup } from './support/crud-writes.js';
import { expectUnchanged, readItem } from './support/representation.js';

interface Versioned {
  id: string;
  /** The payload the item now holds. */
  payload: SessionPayload;
  stale: string;
  /** Version 2 as read: its ETag is the current one. */
  current: VersionedState;
}

/** A session with its current ETag (set-up). */
async function withCurrentEtag(t: CheckContext): Promise<{ id: string; payload: SessionPayload; etag: string }> {
  const payload = t.gen.build(t.refs);
  const created = await t.sessions.create(payload);
  return { id: created.id, payload, etag: await currentEtag(t, created.id) };
}

/** A session written twice: the ETag of the first version is stale, the second is current (set-up). */
async function versioned(t: CheckContext): Promise<Versioned> {
  const first = t.gen.build(t.refs);
  const created = await t.sessions.create(first);
  const stale = await currentEtag(t, created.id);
  const second = t.gen.withNonKeyChange(first);
  await putInSetup(t, created.id, second, 'PUT version 2');
  const current = await readVersion(t, created.id, 'read version 2 and its ETag');
  await t.arrange('version 2 has a new ETag', () => {
    ensure(current.etag !== stale, 'the second version should have a new ETag', { expected: `not ${stale}`, observed: current.etag }, current.exchange);
  }, 'SES-ETAG-CHANGES-ON-UPDATE');
  return { id: created.id, payload: second, stale, current };
}

/** After a refused write: the item still exists and reads as version 2 did. */
async function expectVersion2(t: CheckContext, v: Versioned): Promise<void> {
  expectUnchanged(v.current, await readAfter(t, v.id, 'after the refused write'), 'a refused write should change nothing');
}

/** After a conditional write that went through: a re-read holds the written values. */
async function expectStored(t: CheckContext, id: string, changed: SessionPayload, what: string): Promise<void> {
  const after = await readItem(t, id, `read the item after the conditional ${what}`);
  await expectSessionValues(t, after.exchange, changed, `the conditional ${what} should be stored`);
}

describe('If-Match on PUT', () => {
  check('SES-PUT-IFMATCH-CURRENT', 'PUT with If-Match: the current ETag succeeds with 204', async (t) => {
    const s = await withCurrentEtag(t);
    const changed = t.gen.withNonKeyChange(s.payload);
    const ex = await t.step('PUT with If-Match: current', () => t.sessions.update(s.id, changed, { ifMatch: s.etag }));
    expectStatus(ex, 204);
    await expectStored(t, s.id, changed, 'PUT');
  });

  check('SES-PUT-412-STALE', 'PUT with a stale If-Match answers 412 optimistic-lock-failed and changes nothing', async (t) => {
    const v = await versioned(t);
    const ex = await t.step('PUT with If-Match: stale', () => t.sessions.update(v.id, t.gen.withNonKeyChange(v.payload), { ifMatch: v.stale }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    await expectVersion2(t, v);
  });

  check('SES-ETAG-IFMATCH-STAR-REJECTED', 'PUT with If-Match: * answers 412 on ODS 7.3 (no wildcard support)', async (t) => {
    if (t.decide(Differences.ifMatchWildcard) !== 'rejected') t.skip(`this run's profile (${t.target.profile}) does not expect If-Match: * to be refused (register: if-match-wildcard)`, `profile:${t.target.profile}`);
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    // If-Match presupposes ETags: a host that sends none is blocked on SES-ETAG-HEADER-QUOTED.
    const before = await readVersion(t, created.id, 'read the item and its ETag before the PUT');
    const ex = await t.step('PUT with If-Match: *', () => t.sessions.update(created.id, t.gen.withNonKeyChange(payload), { ifMatch: '*' }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT'), 'a refused write should change nothing');
  });

  check('SES-ETAG-IFMATCH-STAR-ACCEPTED', 'PUT with If-Match: * to an existing item succeeds on DMS', async (t) => {
    if (t.decide(Differences.ifMatchWildcard) !== 'accepted') t.skip(`this run's profile (${t.target.profile}) does not expect If-Match: * to be accepted (register: if-match-wildcard)`, `profile:${t.target.profile}`);
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    await readVersion(t, created.id, 'read the item and its ETag before the PUT');
    const changed = t.gen.withNonKeyChange(payload);
    const ex = await t.step('PUT with If-Match: *', () => t.sessions.update(created.id, changed, { ifMatch: '*' }));
    expectStatus(ex, 204);
    await expectStored(t, created.id, changed, 'PUT');
  });
});

describe('If-Match on DELETE', () => {
  check('SES-DELETE-IFMATCH-CURRENT', 'DELETE with If-Match: the current ETag deletes the item', async (t) => {
    const s = await withCurrentEtag(t);
    const ex = await t.step('DELETE with If-Match: current', () => t.sessions.delete(s.id, { ifMatch: s.etag }));
    expectStatus(ex, 204);
    const after = await t.step('GET it again', () => t.sessions.get(s.id));
    expectStatus(after, 404, 'the item should be gone');
  });

  check('SES-DELETE-412-STALE', 'DELETE with a stale If-Match answers 412 and the item remains unchanged', async (t) => {
    const v = await versioned(t);
    const ex = await t.step('DELETE with If-Match: stale', () => t.sessions.delete(v.id, { ifMatch: v.stale }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    await expectVersion2(t, v);
  });
});

describe('If-Match on an upserting POST', () => {
  check('SES-POST-IFMATCH-CURRENT', 'an upserting POST with If-Match: the current ETag succeeds with 200', async (t) => {
    const s = await withCurrentEtag(t);
    const changed = t.gen.withNonKeyChange(s.payload);
    const ex = await t.step('POST the key again with If-Match: current', () => t.api.post(SESSIONS, changed, { headers: { 'if-match': s.etag } }));
    expectStatus(ex, 200);
    await expectStored(t, s.id, changed, 'POST');
  });

  check('SES-POST-412-STALE', 'an upserting POST with a stale If-Match answers 412 and changes nothing', async (t) => {
    const v = await versioned(t);
    const ex = await t.step('POST the key again with If-Match: stale', () =>
      t.api.post(SESSIONS, t.gen.withNonKeyChange(v.payload), { headers: { 'if-match': v.stale } }));
    expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
    await expectVersion2(t, v);
  });
});
