// Family "conditional": If-Match on PUT, DELETE and an upserting POST of any resource. The current
// ETag lets the write through, a stale one is refused with 412 and (re-read to prove it) changes
// nothing; '*' differs by profile. CONTRACT.md §3, §9; seed PutSession 412, DeleteSessionById 412,
// PostSession 412 (for other resources, their OpenAPI 412s).
// Everything a conditional write needs is set-up: the current ETag (blocked by
// {R}-ETAG-HEADER-QUOTED on a host without ETags), and for a stale ETag a second version
// (blocked by {R}-PUT-204-UPDATED or {R}-ETAG-CHANGES-ON-UPDATE). A '*' check sends no ETag, but
// If-Match presupposes them, so it too is blocked on a host that sends none.
// "Changed nothing" compares the representation, not the ETag.
import { check, describe, Differences, ensure, expectProblem, expectStatus, ProblemType, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Family } from '../../src/index.js';
import { currentEtag, readAfter, readVersion, type VersionedState } from '../support/crud-reads.js';
import { expectStoredValues } from '../support/crud-values.js';
import { putInSetup } from '../support/crud-writes.js';
import { expectUnchanged, readItem } from '../support/representation.js';

type Payload = Record<string, unknown>;

interface Versioned {
  id: string;
  /** The payload the item now holds. */
  payload: Payload;
  stale: string;
  /** Version 2 as read: its ETag is the current one. */
  current: VersionedState;
}

/** An item with its current ETag (set-up). */
async function withCurrentEtag(t: CheckContext, d: AnyResourceDescriptor): Promise<{ id: string; payload: Payload; etag: string }> {
  const r = t.resource(d.name);
  const payload = await r.prepare();
  const created = await r.create(payload);
  return { id: created.id, payload, etag: await currentEtag(t, created.id, d) };
}

/** An item written twice: the ETag of the first version is stale, the second is current (set-up). */
async function versioned(t: CheckContext, d: AnyResourceDescriptor): Promise<Versioned> {
  const r = t.resource(d.name);
  const first = await r.prepare();
  const created = await r.create(first);
  const stale = await currentEtag(t, created.id, d);
  const second = d.nonKeyChange(first);
  await putInSetup(t, created.id, second, 'PUT version 2', undefined, d);
  const current = await readVersion(t, created.id, 'read version 2 and its ETag', d);
  await t.arrange('version 2 has a new ETag', () => {
    ensure(current.etag !== stale, 'the second version should have a new ETag', { expected: `not ${stale}`, observed: current.etag }, current.exchange);
  }, requirementIdOf(d, 'ETAG-CHANGES-ON-UPDATE'));
  return { id: created.id, payload: second, stale, current };
}

/** After a refused write: the item still exists and reads as version 2 did. */
async function expectVersion2(t: CheckContext, v: Versioned, d: AnyResourceDescriptor): Promise<void> {
  expectUnchanged(v.current, await readAfter(t, v.id, 'after the refused write', d), 'a refused write should change nothing');
}

/** After a conditional write that went through: a re-read holds the written values. */
async function expectStored(t: CheckContext, id: string, changed: Payload, what: string, d: AnyResourceDescriptor): Promise<void> {
  const after = await readItem(t, id, `read the item after the conditional ${what}`, d);
  await expectStoredValues(t, after.exchange, changed, `the conditional ${what} should be stored`, d);
}

export const conditional: Family = {
  name: 'conditional',
  about: "If-Match on PUT, DELETE and an upserting POST: current passes, stale is 412 and changes nothing, '*' by profile",
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);

    describe('If-Match on PUT', () => {
      check(id('PUT-IFMATCH-CURRENT'), 'PUT with If-Match: the current ETag succeeds with 204', async (t) => {
        const s = await withCurrentEtag(t, d);
        const changed = d.nonKeyChange(s.payload);
        const ex = await t.step('PUT with If-Match: current', () => t.resource(d.name).update(s.id, changed, { ifMatch: s.etag }));
        expectStatus(ex, 204);
        await expectStored(t, s.id, changed, 'PUT', d);
      });

      check(id('PUT-412-STALE'), 'PUT with a stale If-Match answers 412 optimistic-lock-failed and changes nothing', async (t) => {
        const v = await versioned(t, d);
        const ex = await t.step('PUT with If-Match: stale', () => t.resource(d.name).update(v.id, d.nonKeyChange(v.payload), { ifMatch: v.stale }));
        expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
        await expectVersion2(t, v, d);
      });

      check(id('ETAG-IFMATCH-STAR-REJECTED'), 'PUT with If-Match: * answers 412 on ODS 7.3 (no wildcard support)', async (t) => {
        if (t.decide(Differences.ifMatchWildcard) !== 'rejected') t.skip(`this run's profile (${t.target.profile}) does not expect If-Match: * to be refused (register: if-match-wildcard)`, `profile:${t.target.profile}`);
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        // If-Match presupposes ETags: a host that sends none is blocked on {R}-ETAG-HEADER-QUOTED.
        const before = await readVersion(t, created.id, 'read the item and its ETag before the PUT', d);
        const ex = await t.step('PUT with If-Match: *', () => r.update(created.id, d.nonKeyChange(payload), { ifMatch: '*' }));
        expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
        expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT', d), 'a refused write should change nothing');
      });

      check(id('ETAG-IFMATCH-STAR-ACCEPTED'), 'PUT with If-Match: * to an existing item succeeds on DMS', async (t) => {
        if (t.decide(Differences.ifMatchWildcard) !== 'accepted') t.skip(`this run's profile (${t.target.profile}) does not expect If-Match: * to be accepted (register: if-match-wildcard)`, `profile:${t.target.profile}`);
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        await readVersion(t, created.id, 'read the item and its ETag before the PUT', d);
        const changed = d.nonKeyChange(payload);
        const ex = await t.step('PUT with If-Match: *', () => r.update(created.id, changed, { ifMatch: '*' }));
        expectStatus(ex, 204);
        await expectStored(t, created.id, changed, 'PUT', d);
      });
    });

    describe('If-Match on DELETE', () => {
      check(id('DELETE-IFMATCH-CURRENT'), 'DELETE with If-Match: the current ETag deletes the item', async (t) => {
        const s = await withCurrentEtag(t, d);
        const r = t.resource(d.name);
        const ex = await t.step('DELETE with If-Match: current', () => r.delete(s.id, { ifMatch: s.etag }));
        expectStatus(ex, 204);
        const after = await t.step('GET it again', () => r.get(s.id));
        expectStatus(after, 404, 'the item should be gone');
      });

      check(id('DELETE-412-STALE'), 'DELETE with a stale If-Match answers 412 and the item remains unchanged', async (t) => {
        const v = await versioned(t, d);
        const ex = await t.step('DELETE with If-Match: stale', () => t.resource(d.name).delete(v.id, { ifMatch: v.stale }));
        expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
        await expectVersion2(t, v, d);
      });
    });

    describe('If-Match on an upserting POST', () => {
      check(id('POST-IFMATCH-CURRENT'), 'an upserting POST with If-Match: the current ETag succeeds with 200', async (t) => {
        const s = await withCurrentEtag(t, d);
        const changed = d.nonKeyChange(s.payload);
        const ex = await t.step('POST the key again with If-Match: current', () => t.api.post(d.path, changed, { headers: { 'if-match': s.etag } }));
        expectStatus(ex, 200);
        await expectStored(t, s.id, changed, 'POST', d);
      });

      check(id('POST-412-STALE'), 'an upserting POST with a stale If-Match answers 412 and changes nothing', async (t) => {
        const v = await versioned(t, d);
        const ex = await t.step('POST the key again with If-Match: stale', () =>
          t.api.post(d.path, d.nonKeyChange(v.payload), { headers: { 'if-match': v.stale } }));
        expectProblem(ex, { status: 412, type: ProblemType.optimisticLockFailed });
        await expectVersion2(t, v, d);
      });
    });
  },
};
