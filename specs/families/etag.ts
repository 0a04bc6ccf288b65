// Family "etag": ETags of any resource, present and quoted on every answer that carries a
// representation's version, equal to the body's _etag, changed by real changes only, and honoured
// by If-None-Match on GET by id. CONTRACT.md §3; seed GetSessionsById 304.
// Only {R}-ETAG-HEADER-QUOTED asserts that ETags are sent; every other check here takes the ETags
// it compares in set-up steps, so a host without them blocks those checks on {R}-ETAG-HEADER-QUOTED.
// The writes that make a new version (PUT, re-POST) are set-up too, blocked by their own requirement.
// Sessions-only ETag checks (a child-collection change, a refused write) stay in
// specs/sessions.etag.spec.ts: they need a session's child collections and invalid values.
import { check, describe, Differences, ensure, expectEtag, expectNoBody, expectStatus, requirementIdOf, unquoteEtag, type CheckContext, type Family } from '../../src/index.js';
import { currentEtag, readVersion, writeEtag } from '../support/crud-reads.js';
import { putInSetup, upsertInSetup } from '../support/crud-writes.js';
import { readItem } from '../support/representation.js';
import { changedMembers, nounOf } from '../support/resources.js';

/** If-None-Match in the form the profile takes it (register: if-none-match-form). */
const ifNoneMatch = (t: CheckContext, etag: string): string => (t.decide(Differences.ifNoneMatchForm) === 'bare' ? unquoteEtag(etag) : etag);

export const etag: Family = {
  name: 'etag',
  about: 'ETag header and _etag, new on a real change, stable on an identical re-POST; If-None-Match on GET by id',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);

    describe('ETag header and _etag', () => {
      check(id('ETAG-HEADER-QUOTED'), 'POST 201, POST 200, PUT 204 and GET by id each carry a quoted ETag', async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        expectEtag(created.exchange);
        const repost = await upsertInSetup(t, structuredClone(payload), 'POST it again unchanged', d);
        expectEtag(repost);
        const put = await putInSetup(t, created.id, d.nonKeyChange(payload), 'PUT a change', undefined, d);
        expectEtag(put);
        const got = await readItem(t, created.id, 'GET the item', d);
        expectEtag(got.exchange);
      });

      check(id('ETAG-BODY-MATCHES-HEADER'), "_etag equals the ETag header without quotes, and the last write's ETag", async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const posted = await writeEtag(t, created.exchange, 'the POST', d);
        const first = await readVersion(t, created.id, undefined, d);
        ensure(first.body._etag === unquoteEtag(first.etag), '_etag should equal the ETag header without quotes', { expected: unquoteEtag(first.etag), observed: first.body._etag }, first.exchange);
        ensure(first.etag === posted, 'GET should answer the ETag the POST gave', { expected: posted, observed: first.etag }, first.exchange);
        const put = await putInSetup(t, created.id, d.nonKeyChange(payload), 'PUT a change', undefined, d);
        const putEtag = await writeEtag(t, put, 'the PUT', d);
        const second = await readVersion(t, created.id, 'read the item after the PUT', d);
        ensure(second.etag === putEtag, 'GET should answer the ETag the PUT gave', { expected: putEtag, observed: second.etag }, second.exchange);
        ensure(second.body._etag === unquoteEtag(second.etag), '_etag should equal the ETag header without quotes', { expected: unquoteEtag(second.etag), observed: second.body._etag }, second.exchange);
      });

      check(id('ETAG-CHANGES-ON-UPDATE'), 'a change of a non-key field gives a new ETag', async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const before = await readVersion(t, created.id, undefined, d);
        const changed = d.nonKeyChange(payload);
        await putInSetup(t, created.id, changed, `PUT ${changedMembers(payload, changed).join(', ')} changed`, undefined, d);
        const after = await readVersion(t, created.id, 'read the item after the PUT', d);
        ensure(after.etag !== before.etag, 'a real change should give a new ETag', { expected: `not ${before.etag}`, observed: after.etag }, after.exchange);
      });

      check(id('ETAG-STABLE-ON-IDENTICAL-REPOST'), 'an identical re-POST answers 200 and keeps ETag and _lastModifiedDate', async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const before = await readVersion(t, created.id, undefined, d);
        // Its 200 is {R}-POST-200-UPSERT's; what this check asks is that nothing changed.
        const again = await upsertInSetup(t, structuredClone(payload), 'POST the identical body again', d);
        const againEtag = await writeEtag(t, again, 'the re-POST', d);
        ensure(againEtag === before.etag, 'an identical re-POST should answer the unchanged ETag', { expected: before.etag, observed: againEtag }, again);
        const after = await readVersion(t, created.id, 'read the item after the re-POST', d);
        ensure(after.etag === before.etag && after.body._lastModifiedDate === before.body._lastModifiedDate, 'an identical re-POST should change nothing', {
          expected: { etag: before.etag, _lastModifiedDate: before.body._lastModifiedDate },
          observed: { etag: after.etag, _lastModifiedDate: after.body._lastModifiedDate },
        }, after.exchange);
      });
    });

    describe('If-None-Match on GET by id', () => {
      check(id('GETBYID-304-NOT-MODIFIED'), 'If-None-Match equal to the current ETag answers 304 with no body', async (t) => {
        const r = t.resource(d.name);
        const created = await r.createNew();
        const current = await currentEtag(t, created.id, d);
        const ex = await t.step('GET with If-None-Match: the current ETag', () => r.get(created.id, { headers: { 'if-none-match': ifNoneMatch(t, current) } }));
        expectStatus(ex, 304);
        expectNoBody(ex);
      });

      check(id('GETBYID-IFNONEMATCH-STALE'), 'If-None-Match with an ETag that is no longer current answers 200 with the new ETag', async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const old = await currentEtag(t, created.id, d);
        await putInSetup(t, created.id, d.nonKeyChange(payload), 'PUT a change', undefined, d);
        const ex = await t.step('GET with If-None-Match: the old ETag', () => r.get(created.id, { headers: { 'if-none-match': ifNoneMatch(t, old) } }));
        expectStatus(ex, 200);
        const now = expectEtag(ex);
        ensure(now !== old, 'the answer should carry the new ETag', { expected: `not ${old}`, observed: now }, ex);
        ensure((ex.json as Record<string, unknown>)?.id !== undefined, 'a 200 should carry the item', { expected: `the ${noun}`, observed: ex.text }, ex);
      });
    });
  },
};
