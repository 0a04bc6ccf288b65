// Family "create": POST {path} of any resource. Create (201, no body, a Location naming the new
// item, a quoted ETag), the Location resolving to the posted values, upsert (200 on the same
// natural key, same Location, new values, no second item), an id in the body refused (400).
// CONTRACT.md §1.1, §3, §6; seed PostSession 200, 201 (for other resources, their OpenAPI statuses).
// Set-up (the create of an item an upsert needs, the read-back, the list by name that shows
// nothing was created) blocks a check when the host breaks it; the POST under test is the act.
// Unresolved references (409) are resource-specific: sessions' are in specs/sessions.create.spec.ts.
import { check, describe, Differences, ensure, expectEtag, expectNoBody, expectProblem, expectStatus, ProblemType, requirementIdOf, type Family } from '../../src/index.js';
import { expectNoneNamed, listByName } from '../support/crud-lists.js';
import { expectStoredValues, idInLocation, sameId } from '../support/crud-values.js';
import { readItem, unknownId } from '../support/representation.js';
import { changedMembers, nameMemberOf, nounOf } from '../support/resources.js';

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const create: Family = {
  name: 'create',
  about: 'POST: 201 with Location and ETag, the Location resolves, 200 upsert on the same key, 400 for an id in the body',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const name = nameMemberOf(d);

    describe(`POST ${d.path}: create and upsert`, () => {
      check(id('POST-201-CREATED'), `a new ${noun} is created with 201, no body, a Location and a quoted ETag`, async (t) => {
        const payload = await t.resource(d.name).prepare();
        const ex = await t.step(`POST a valid ${noun}`, () => t.api.post(d.path, payload));
        expectStatus(ex, 201);
        expectNoBody(ex);
        const location = ex.headers['location'];
        ensure(location, 'a 201 should carry a Location header', { expected: `Location: …${d.path}/{id}`, observed: ex.headers }, ex);
        ensure(new RegExp(`${escaped(d.path)}/[^/]+$`, 'i').test(new URL(location, ex.request.url).pathname), `Location should name the new item below ${d.path}`, {
          expected: `…${d.path}/{id}`,
          observed: location,
        }, ex);
        if (t.decide(Differences.createdIdFormat) === 'hex32') {
          ensure(/^[0-9a-f]{32}$/.test(idInLocation(location)), 'ODS writes ids as 32 lower-case hex digits', { expected: '32 hex digits', observed: idInLocation(location) }, ex);
        }
        expectEtag(ex);
      });

      check(id('POST-LOCATION-RESOLVES'), `the Location of a created ${noun} resolves to that ${noun}`, async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        // The create's own Location checks speak for this requirement (resource-client.ts).
        const created = await r.create(payload);
        const got = await t.step('GET the Location', () => t.api.request({ method: 'GET', url: new URL(created.location, created.exchange.request.url).toString() }));
        expectStatus(got, 200);
        const body = got.json as { id?: string } | undefined;
        ensure(sameId(body?.id, created.id), 'the item at the Location should carry the id the Location names', { expected: created.id, observed: body?.id }, got);
        await expectStoredValues(t, got, payload, `the ${noun} at the Location should carry the values that were posted`, d);
      });

      check(id('POST-200-UPSERT'), 'a second POST with the same natural key updates the item: 200, same Location, new values', async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const changed = d.nonKeyChange(payload);
        const again = await t.step(`POST the same key with ${changedMembers(payload, changed).join(', ')} changed`, () => t.api.post(d.path, changed));
        expectStatus(again, 200);
        expectNoBody(again);
        expectEtag(again);
        const location = again.headers['location'];
        ensure(location && sameId(idInLocation(location), created.id), 'the upsert should answer the Location of the existing item', {
          expected: created.location,
          observed: location ?? '(no Location)',
        }, again);
        const after = await readItem(t, created.id, 'read the item after the upsert', d);
        await expectStoredValues(t, after.exchange, changed, 'the upsert should store the new values', d);
        const listed = await listByName(t, String(payload[name]), d);
        ensure(listed.length === 1, 'the upsert should not create a second item', { expected: [created.id], observed: listed.map((i) => i.id) });
      });

      check(id('POST-400-ID-IN-BODY'), 'an id in the POST body is refused with 400 and nothing is created', async (t) => {
        const payload = await t.resource(d.name).prepare();
        const ex = await t.step(`POST ${d.title} that carries an id`, () => t.api.post(d.path, { id: unknownId(t), ...payload }));
        expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed });
        await expectNoneNamed(t, String(payload[name]), 'a refused POST should create nothing', d);
      });
    });
  },
};
