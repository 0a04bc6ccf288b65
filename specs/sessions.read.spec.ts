// GET /ed-fi/sessions/{id}: found (200), unknown (404), malformed id (404 on ODS), and the documented
// 400 (a writable profile content type in Accept). CONTRACT.md §1.2, §2.2, §3, §6; seed GetSessionsById 200, 400, 404.
import { randomUUID } from 'node:crypto';
import {
  check,
  describe,
  ensure,
  expectEtag,
  expectProblem,
  expectSessionBody,
  expectStatus,
  ProblemType,
  SESSIONS,
  unquoteEtag,
} from '../src/index.js';

/** A well-formed id no item has: ODS writes 32 hex digits, other hosts may use dashed UUIDs. */
const unknownId = (profile: string): string => (profile === 'ods-7.3' ? randomUUID().replace(/-/g, '') : randomUUID());

describe('GET /ed-fi/sessions/{id}', () => {
  check('SES-GETBYID-200-FOUND', '01 an existing session is returned with 200, a quoted ETag and a schema-valid body', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const read = await t.step('GET it by id', () => t.sessions.get(created.id));
    expectStatus(read, 200);
    ensure(/json/i.test(read.headers['content-type'] ?? ''), 'a session should be served as JSON', { expected: 'application/json', observed: read.headers['content-type'] }, read);
    const etag = expectEtag(read);
    await expectSessionBody(read);
    const body = read.json as Record<string, unknown>;
    ensure(String(body.id).toLowerCase() === created.id.toLowerCase(), 'the body id should be the id asked for', { expected: created.id, observed: body.id }, read);
    ensure(body.sessionName === payload.sessionName, 'the body should be the session that was created', { expected: payload.sessionName, observed: body.sessionName }, read);
    ensure(body._etag === unquoteEtag(etag), '_etag should equal the ETag header without quotes', { expected: unquoteEtag(etag), observed: body._etag }, read);
    ensure(typeof body._lastModifiedDate === 'string', '_lastModifiedDate should be present', { expected: 'a date-time string', observed: body._lastModifiedDate }, read);
  });

  check('SES-GETBYID-404-UNKNOWN', '02 a well-formed id that names no session answers 404 not-found', async (t) => {
    const ex = await t.step('GET a random id', () => t.api.get(`${SESSIONS}/${unknownId(t.target.profile)}`));
    expectProblem(ex, { status: 404, type: ProblemType.notFound });
  });

  check('SES-GETBYID-404-MALFORMED-ID', '03 a malformed id is refused (ODS 7.3: 404 not-found, the route only matches GUIDs)', async (t) => {
    const ex = await t.step('GET /ed-fi/sessions/not-a-guid', () => t.api.get(`${SESSIONS}/not-a-guid`));
    if (t.target.profile === 'ods-7.3') {
      // ODS 7.3 routes GET by id with {id:guid}: a malformed id never reaches the handler.
      expectProblem(ex, { status: 404, type: ProblemType.notFound });
      return;
    }
    expectStatus(ex, [400, 404]);
    expectProblem(ex, { status: ex.status, type: ex.status === 400 ? ProblemType.dataValidationFailed : ProblemType.notFound });
  });

  check('SES-GETBYID-400-PROFILE-USAGE', '04 a writable profile content type in Accept is refused with 400 invalid-profile-usage', async (t) => {
    const created = await t.step('POST a valid session', () => t.sessions.create(t.gen.build(t.refs)));
    const accept = 'application/vnd.ed-fi.session.conformance-probe.writable+json';
    const ex = await t.step(`GET it by id with Accept: ${accept}`, () =>
      t.api.get(`${SESSIONS}/${created.id}`, { headers: { Accept: accept } }),
    );
    if (t.target.profile === 'guidelines') {
      expectStatus(ex, 400);
      return;
    }
    expectProblem(ex, { status: 400, type: ProblemType.invalidProfileUsage });
  });
});
