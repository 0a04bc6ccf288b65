// DELETE /ed-fi/sessions/{id}: deleted (204, then 404), unknown id (404), malformed id (400), and a
// session a course offering still references (409). CONTRACT.md §6; seed DeleteSessionById 204,
// 400, 404, 409.
import { randomUUID } from 'node:crypto';
import { check, describe, ensure, expectEtag, expectNoBody, expectProblem, expectStatus, ProblemType, SESSIONS } from '../src/index.js';

const unknownId = (profile: string): string => (profile === 'ods-7.3' ? randomUUID().replace(/-/g, '') : randomUUID());

describe('DELETE /ed-fi/sessions/{id}', () => {
  check('SES-DELETE-204-DELETED', '01 a session is deleted with 204 and no body, and is gone afterwards', async (t) => {
    const created = await t.step('POST a valid session', () => t.sessions.create(t.gen.build(t.refs)));
    expectStatus(await t.step('GET it: it exists', () => t.sessions.get(created.id)), 200);
    const ex = await t.step('DELETE it', () => t.sessions.delete(created.id));
    expectStatus(ex, 204);
    expectNoBody(ex);
    const after = await t.step('GET it again', () => t.sessions.get(created.id));
    expectProblem(after, { status: 404, type: ProblemType.notFound });
  });

  check('SES-DELETE-404-UNKNOWN-ID', '02 a DELETE of an id that names no session answers 404 not-found', async (t) => {
    const ex = await t.step('DELETE a random id', () => t.sessions.delete(unknownId(t.target.profile)));
    expectProblem(ex, { status: 404, type: ProblemType.notFound });
  });

  check('SES-DELETE-404-UNKNOWN-ID', '03 a second DELETE of the same session answers 404', async (t) => {
    const created = await t.step('POST a valid session', () => t.sessions.create(t.gen.build(t.refs)));
    expectStatus(await t.step('DELETE it', () => t.sessions.delete(created.id)), 204);
    const again = await t.step('DELETE it again', () => t.sessions.delete(created.id));
    expectProblem(again, { status: 404, type: ProblemType.notFound });
  });

  check('SES-DELETE-400-MALFORMED-ID', '04 a DELETE of a malformed id answers 400 naming $.id', async (t) => {
    // As Ed-Fi's own test does: a GUID-length value with a dash where no dash belongs.
    const hex = randomUUID().replace(/-/g, '');
    const ex = await t.step('DELETE a malformed id', () => t.sessions.delete(`${hex.slice(0, 3)}-${hex.slice(4)}`));
    expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed, paths: ['$.id'] });
  });

  check(
    'SES-DELETE-409-DEPENDENT',
    '05 a session a course offering references is not deleted: 409 dependent-item-exists, session unchanged',
    async (t) => {
      const payload = t.gen.build(t.refs);
      const created = await t.step('POST a valid session', () => t.sessions.create(payload));
      await t.step('POST a course offering in that session', () => t.sessions.createCourseOffering(payload));
      const before = await t.step('GET the session', () => t.sessions.get(created.id));
      expectStatus(before, 200);
      const etagBefore = expectEtag(before);
      const ex = await t.step('DELETE the session', () => t.sessions.delete(created.id));
      expectProblem(ex, { status: 409, type: ProblemType.dependentItemExists });
      const after = await t.step('GET the session again', () => t.sessions.get(created.id));
      expectStatus(after, 200);
      ensure(expectEtag(after) === etagBefore, 'a refused DELETE should leave the session unchanged', { expected: etagBefore, observed: after.headers['etag'] }, after);
      const list = await t.step('GET-many by its name', () => t.api.get(SESSIONS, { query: { sessionName: payload.sessionName } }));
      expectStatus(list, 200);
      ensure(Array.isArray(list.json) && list.json.length === 1, 'the session should still be listed', { expected: 1, observed: list.json }, list);
    },
    { requires: ['course'] },
  );
});
