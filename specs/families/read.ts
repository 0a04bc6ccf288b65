// Family "read": GET {path}/{id} of any resource. Found (200, JSON, a quoted ETag, a body valid
// against the resource's schemas), unknown (404), malformed id (404 on ODS), and the documented 400
// (a writable profile content type in Accept). CONTRACT.md §1.2, §2.2, §3, §6; seed
// GetSessionsById 200, 400, 404 (for other resources, their OpenAPI statuses).
import { check, describe, Differences, ensure, expectEtag, expectProblem, expectResourceBody, expectStatus, ProblemType, requirementIdOf, type Family } from '../../src/index.js';
import { listByName } from '../support/crud-lists.js';
import { sameId } from '../support/crud-values.js';
import { unknownId } from '../support/representation.js';
import { nameMemberOf, nounOf, singularOf } from '../support/resources.js';

export const read: Family = {
  name: 'read',
  about: 'GET by id: 200 with a schema-valid body and an ETag, 404 unknown or malformed, 400 for a writable profile type',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const name = nameMemberOf(d);

    describe(`GET ${d.path}/{id}`, () => {
      check(id('GETBYID-200-FOUND'), `an existing ${noun} is returned with 200, a quoted ETag and a schema-valid body`, async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const got = await t.step('GET it by id', () => r.get(created.id));
        if (got.status === 404) {
          // The id came from the POST's Location: if that named another item, this GET says nothing.
          await t.arrange(`the Location named the ${noun} just created`, async () => {
            const other = (await listByName(t, String(payload[name]), d)).find((i) => !sameId(i.id, created.id));
            ensure(!other, `the Location of a created ${noun} should carry its id`, { expected: created.id, observed: other?.id }, got);
          }, id('POST-LOCATION-RESOLVES'));
        }
        expectStatus(got, 200);
        ensure(/json/i.test(got.headers['content-type'] ?? ''), `${d.title} should be served as JSON`, { expected: 'application/json', observed: got.headers['content-type'] }, got);
        expectEtag(got);
        await expectResourceBody(d, got);
        const body = got.json as Record<string, unknown>;
        ensure(sameId(body.id, created.id), 'the body id should be the id asked for', { expected: created.id, observed: body.id }, got);
        ensure(body[name] === payload[name], `the body should be the ${noun} that was created`, { expected: payload[name], observed: body[name] }, got);
        // _etag against the header is {R}-ETAG-BODY-MATCHES-HEADER's check (families/etag.ts).
        ensure(typeof body._lastModifiedDate === 'string', '_lastModifiedDate should be present', { expected: 'a date-time string', observed: body._lastModifiedDate }, got);
      });

      check(id('GETBYID-404-UNKNOWN'), `a well-formed id that names no ${noun} answers 404 not-found`, async (t) => {
        const ex = await t.step('GET a random id', () => t.resource(d.name).get(unknownId(t)));
        expectProblem(ex, { status: 404, type: ProblemType.notFound });
      });

      check(id('GETBYID-404-MALFORMED-ID'), 'a malformed id is refused (ODS 7.3: 404 not-found, the route only matches GUIDs)', async (t) => {
        const ex = await t.step(`GET ${d.path}/not-a-guid`, () => t.api.get(`${d.path}/not-a-guid`));
        // ODS 7.3 routes GET by id with {id:guid}: a malformed id never reaches the handler (404);
        // a host that validates the id may answer 400 instead (register: malformed-id-on-read).
        expectStatus(ex, t.decide(Differences.malformedIdOnRead));
        expectProblem(ex, { status: ex.status, type: ex.status === 400 ? ProblemType.dataValidationFailed : ProblemType.notFound });
      });

      check(id('GETBYID-400-PROFILE-USAGE'), 'a writable profile content type in Accept is refused with 400 invalid-profile-usage', async (t) => {
        const r = t.resource(d.name);
        const created = await r.createNew();
        const accept = `application/vnd.ed-fi.${singularOf(d)}.conformance-probe.writable+json`;
        const ex = await t.step(`GET it by id with Accept: ${accept}`, () => r.get(created.id, { headers: { Accept: accept } }));
        // The problem body of this refusal is ODS's; the guidelines prescribe the status only.
        if (t.decide(Differences.problemBody) === 'status-only') expectStatus(ex, 400);
        else expectProblem(ex, { status: 400, type: ProblemType.invalidProfileUsage });
      });
    });
  },
};
