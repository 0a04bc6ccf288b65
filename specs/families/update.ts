// Family "update": PUT {path}/{id} of any resource. Update (204, no body, a new ETag, ODS's
// Location, the values stored), unknown id (404, also with If-Match), malformed id (400), and an
// id in the body (ignored on ODS, refused on DMS, an id-less body as the profile says).
// CONTRACT.md §3, §6, §9; seed PutSession 204, 400, 404 (for other resources, their OpenAPI statuses).
// "Did the PUT store its values?" and "did a refused PUT leave the item alone?" are answered from
// the representation read back, never from ETags: ETags are the ETag requirements' business.
// Key changes and unresolved references are resource-specific: sessions' are in
// specs/sessions.key-change.spec.ts and specs/sessions.update.spec.ts.
import { check, describe, Differences, ensure, expectEtag, expectNoBody, expectProblem, expectStatus, ProblemType, requirementIdOf, type Family } from '../../src/index.js';
import { expectNoneNamed } from '../support/crud-lists.js';
import { readAfter } from '../support/crud-reads.js';
import { expectStoredValues } from '../support/crud-values.js';
import { expectUnchanged, readItem, unknownId } from '../support/representation.js';
import { changedMembers, nameMemberOf, nounOf } from '../support/resources.js';

export const update: Family = {
  name: 'update',
  about: 'PUT by id: 204 with a new ETag and the values stored, 404 unknown id, 400 malformed id, the body id by profile',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const name = nameMemberOf(d);

    describe(`PUT ${d.path}/{id}`, () => {
      check(id('PUT-204-UPDATED'), 'a valid PUT answers 204 with no body and a new ETag, and the change is stored', async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const changed = d.nonKeyChange(payload);
        const ex = await t.step(`PUT it with ${changedMembers(payload, changed).join(', ')} changed`, () => r.update(created.id, changed));
        expectStatus(ex, 204);
        expectNoBody(ex);
        expectEtag(ex);
        if (t.decide(Differences.putLocation)) {
          // ODS answers a PUT with the item's Location (the request URL without a trailing slash).
          const location = ex.headers['location'] ?? '';
          ensure(location.toLowerCase().endsWith(`${d.path}/${created.id}`.toLowerCase()), 'a PUT 204 should carry the Location of the item', {
            expected: `…${d.path}/${created.id}`,
            observed: location || '(no Location)',
          }, ex);
        }
        // Whether the GET then answers the PUT's ETag is {R}-ETAG-BODY-MATCHES-HEADER's check.
        const after = await readItem(t, created.id, 'read the item after the PUT', d);
        await expectStoredValues(t, after.exchange, changed, 'the PUT values should be stored', d);
      });

      check(id('PUT-404-UNKNOWN-ID'), `a PUT to an id that names no ${noun} answers 404 and creates nothing`, async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const missing = unknownId(t);
        const ex = await t.step(`PUT a valid ${noun} to a random id`, () => r.update(missing, payload));
        expectProblem(ex, { status: 404, type: ProblemType.notFound });
        // Only a 200 would show an item; any other answer leaves the list below to decide.
        const after = await t.step('GET the random id', () => r.get(missing));
        ensure(after.status !== 200, 'a refused PUT should not create the item under the route id', { expected: 'no item (404)', observed: `${after.status} ${after.text}` }, after);
        await expectNoneNamed(t, String(payload[name]), 'a refused PUT should create nothing', d);
      });

      check(id('PUT-404-UNKNOWN-ID'), `a PUT with If-Match to an id that names no ${noun} still answers 404`, async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const ex = await t.step('PUT to a random id with If-Match', () => r.update(unknownId(t), payload, { ifMatch: '"5250374366428622464"' }));
        // DMS answers a conditional write to a missing item with 412 (register: conditional-write-missing-item).
        const allowed = t.decide(Differences.conditionalWriteToMissingItem);
        expectStatus(ex, allowed);
        if (ex.status === 404) expectProblem(ex, { status: 404, type: ProblemType.notFound });
      });

      check(id('PUT-400-MALFORMED-ID'), 'a PUT to a malformed id answers 400 naming $.id', async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const ex = await t.step(`PUT a valid ${noun} to ${d.path}/not-a-guid`, () => r.update('not-a-guid', payload));
        expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed, paths: ['$.id'] });
      });

      check(id('PUT-BODY-ID-IGNORED'), 'an id in the PUT body that differs from the route is ignored: the route id is updated', async (t) => {
        if (t.decide(Differences.putBodyIdDiffering) !== 'ignored') t.skip(`this run's profile (${t.target.profile}) does not expect a differing body id to be ignored (register: put-body-id)`, `profile:${t.target.profile}`);
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const otherId = unknownId(t);
        const changed = { ...d.nonKeyChange(payload), id: otherId };
        const ex = await t.step('PUT with another id in the body', () => r.update(created.id, changed));
        expectStatus(ex, 204);
        const after = await readItem(t, created.id, 'read the route id after the PUT', d);
        await expectStoredValues(t, after.exchange, changed, 'the route id should be the item updated', d);
        const other = await t.step('GET the id from the body', () => r.get(otherId));
        ensure(other.status !== 200, 'the body id should not name an item', { expected: 'no item (404)', observed: `${other.status} ${other.text}` }, other);
      });

      check(id('PUT-BODY-ID-OMITTED'), 'a PUT body without an id is answered as the profile says: updated, or refused with the item unchanged', async (t) => {
        const expected = t.decide(Differences.putBodyIdOmitted);
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const before = await readItem(t, created.id, 'read the item before the PUT', d);
        const changed = d.nonKeyChange(payload);
        const ex = await t.step('PUT the change with no id in the body', () => r.update(created.id, changed, { exactBody: true }));
        expectStatus(ex, expected === 'accepted' ? [204] : expected === 'rejected' ? [400] : [204, 400]);
        if (ex.status === 204) {
          const after = await readItem(t, created.id, 'read the item after the PUT', d);
          await expectStoredValues(t, after.exchange, changed, 'an id-less PUT that answered 204 should have updated the route id', d);
        } else {
          expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT', d), 'a refused id-less PUT should leave the item as it was');
        }
      });

      check(id('PUT-BODY-ID-REJECTED'), 'an id in the PUT body that differs from the route is refused with 400, item unchanged', async (t) => {
        if (t.decide(Differences.putBodyIdDiffering) !== 'rejected') t.skip(`this run's profile (${t.target.profile}) does not expect a differing body id to be refused (register: put-body-id)`, `profile:${t.target.profile}`);
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const before = await readItem(t, created.id, 'read the item before the PUT', d);
        const ex = await t.step('PUT with another id in the body', () => r.update(created.id, { ...d.nonKeyChange(payload), id: unknownId(t) }));
        expectStatus(ex, 400);
        expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT', d), 'a refused PUT should leave the item as it was');
      });
    });
  },
};
