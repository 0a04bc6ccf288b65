// Key changes through PUT (sessionName is part of the natural key and Session allows key updates):
// the id stays, the old key is gone, a collision is refused, dependents follow by cascade.
// CONTRACT.md §6; seed PutSession 409.
import { check, COURSE_OFFERINGS, describe, ensure, expectEtag, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext } from '../src/index.js';

async function listByName(t: CheckContext, sessionName: string): Promise<Array<Record<string, unknown>>> {
  const ex = await t.step(`GET-many by sessionName ${sessionName}`, () => t.api.get(SESSIONS, { query: { sessionName } }));
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return ex.json as Array<Record<string, unknown>>;
}

describe('PUT /ed-fi/sessions/{id}: key changes', () => {
  check('SES-PUT-KEY-CHANGE-KEEPS-ID', '01 renaming a session keeps its id and the old name is gone', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const renamed = t.gen.withKeyChange(payload);
    const ex = await t.step('PUT it with a new sessionName', () => t.sessions.update(created.id, renamed));
    expectStatus(ex, 204);
    const read = await t.step('GET it by id', () => t.sessions.get(created.id));
    expectStatus(read, 200);
    const body = read.json as Record<string, unknown>;
    ensure(body.sessionName === renamed.sessionName, 'the item should carry the new name under the same id', { expected: renamed.sessionName, observed: body.sessionName }, read);
    const underNew = await listByName(t, renamed.sessionName);
    ensure(underNew.length === 1 && String(underNew[0]!.id).toLowerCase() === created.id.toLowerCase(), 'the new name should list the same id', {
      expected: [created.id],
      observed: underNew.map((i) => i.id),
    });
    const underOld = await listByName(t, payload.sessionName);
    ensure(underOld.length === 0, 'the old name should no longer be listed', { expected: [], observed: underOld.map((i) => i.sessionName) });
  });

  check('SES-PUT-409-KEY-COLLISION', '02 renaming a session to the key of another answers 409 and changes neither', async (t) => {
    const first = t.gen.build(t.refs);
    const second = t.gen.build(t.refs);
    const a = await t.step('POST session A', () => t.sessions.create(first));
    const b = await t.step('POST session B', () => t.sessions.create(second));
    const readA = await t.step('GET A', () => t.sessions.get(a.id));
    expectStatus(readA, 200);
    const etagA = expectEtag(readA);
    const ex = await t.step("PUT A with B's sessionName", () => t.sessions.update(a.id, { ...first, sessionName: second.sessionName }));
    expectProblem(ex, { status: 409, type: ProblemType.nonUniqueIdentity });
    const afterA = await t.step('GET A again', () => t.sessions.get(a.id));
    expectStatus(afterA, 200);
    ensure((afterA.json as Record<string, unknown>).sessionName === first.sessionName && afterA.headers['etag'] === etagA, 'A should be unchanged', {
      expected: { sessionName: first.sessionName, etag: etagA },
      observed: { sessionName: (afterA.json as Record<string, unknown>).sessionName, etag: afterA.headers['etag'] },
    }, afterA);
    const listed = await listByName(t, second.sessionName);
    ensure(listed.length === 1 && String(listed[0]!.id).toLowerCase() === b.id.toLowerCase(), "B's name should still list only B", {
      expected: [b.id],
      observed: listed.map((i) => i.id),
    });
  });

  check(
    'SES-PUT-KEY-CHANGE-CASCADES',
    "03 renaming a session carries the new name into a course offering's sessionReference",
    async (t) => {
      const payload = t.gen.build(t.refs);
      const created = await t.step('POST a valid session', () => t.sessions.create(payload));
      const offering = await t.step('POST a course offering in that session', () => t.sessions.createCourseOffering(payload));
      const renamed = t.gen.withKeyChange(payload);
      expectStatus(await t.step('PUT the session with a new sessionName', () => t.sessions.update(created.id, renamed)), 204);
      const read = await t.step('GET the course offering', () => t.api.get(`${COURSE_OFFERINGS}/${encodeURIComponent(offering.id)}`));
      expectStatus(read, 200);
      const ref = (read.json as { sessionReference?: Record<string, unknown> }).sessionReference;
      ensure(ref?.sessionName === renamed.sessionName, "the offering's sessionReference should show the new name", {
        expected: renamed.sessionName,
        observed: ref?.sessionName,
      }, read);
    },
    { requires: ['course'] },
  );
});
