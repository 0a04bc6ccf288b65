// GET /ed-fi/sessions/{id}: found (200), unknown (404), malformed id (404 on ODS), and the documented
// 400 (a writable profile content type in Accept). CONTRACT.md §1.2, §2.2, §3, §6; seed GetSessionsById 200, 400, 404.
import {
  check,
  Differences,
  describe,
  ensure,
  expectEtag,
  expectProblem,
  expectSessionBody,
  expectStatus,
  ProblemType,
  SESSIONS,
} from '../src/index.js';
import { listByName } from './support/crud-lists.js';
import { sameId } from './support/crud-values.js';
import { unknownId } from './support/representation.js';

describe('GET /ed-fi/sessions/{id}', () => {
  check('SES-GETBYID-200-FOUND', 'an existing session is returned with 200, a quoted ETag and a schema-valid body', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const read = await t.step('GET it by id', () => t.sessions.get(created.id));
    if (read.status === 404) {
      // The id came from the POST's Location: if that named another item, this GET says nothing.
      await t.arrange('the Location named the session just created', async () => {
        const other = (await listByName(t, payload.sessionName)).find((i) => !sameId(i.id, created.id));
        ensure(!other, 'the Location of a created session should carry its id', { expected: created.id, observed: other?.id }, read);
      }, 'SES-POST-LOCATION-RESOLVES');
    }
    expectStatus(read, 200);
    ensure(/json/i.test(read.headers['content-type'] ?? ''), 'a session should be served as JSON', { expected: 'application/json', observed: read.headers['content-type'] }, read);
    expectEtag(read);
    await expectSessionBody(read);
    const body = read.json as Record<string, unknown>;
    ensure(sameId(body.id, created.id), 'the body id should be the id asked for', { expected: created.id, observed: body.id }, read);
    ensure(body.sessionName === payload.sessionName, 'the body should be the session that was created', { expected: payload.sessionName, observed: body.sessionName }, read);
    // _etag against the header is SES-ETAG-BODY-MATCHES-HEADER's check (sessions.etag.spec.ts).
    ensure(typeof body._lastModifiedDate === 'string', '_lastModifiedDate should be present', { expected: 'a date-time string', observed: body._lastModifiedDate }, read);
  });

  check('SES-GETBYID-404-UNKNOWN', 'a well-formed id that names no session answers 404 not-found', async (t) => {
    const ex = await t.step('GET a random id', () => t.sessions.get(unknownId(t)));
    expectProblem(ex, { status: 404, type: ProblemType.notFound });
  });

  check('SES-GETBYID-404-MALFORMED-ID', 'a malformed id is refused (ODS 7.3: 404 not-found, the route only matches GUIDs)', async (t) => {
    const ex = await t.step('GET /ed-fi/sessions/not-a-guid', () => t.api.get(`${SESSIONS}/not-a-guid`));
    // ODS 7.3 routes GET by id with {id:guid}: a malformed id never reaches the handler (404);
    // a host that validates the id may answer 400 instead (register: malformed-id-on-read).
    expectStatus(ex, t.decide(Differences.malformedIdOnRead));
    expectProblem(ex, { status: ex.status, type: ex.status === 400 ? ProblemType.dataValidationFailed : ProblemType.notFound });
  });

  check('SES-GETBYID-400-PROFILE-USAGE', 'a writable profile content type in Accept is refused with 400 invalid-profile-usage', async (t) => {
    const created = await t.sessions.create(t.gen.build(t.refs));
    const accept = 'application/vnd.ed-fi.session.conformance-probe.writable+json';
    const ex = await t.step(`GET it by id with Accept: ${accept}`, () => t.sessions.get(created.id, { headers: { Accept: accept } }));
    // The problem body of this refusal is ODS's; the guidelines prescribe the status only.
    if (t.decide(Differences.problemBody) === 'status-only') expectStatus(ex, 400);
    else expectProblem(ex, { status: 400, type: ProblemType.invalidProfileUsage });
  });
});
