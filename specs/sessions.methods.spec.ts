// 405 Method Not Allowed: the documented case (a Use-Snapshot header on any write) and the routes
// that take no such method (POST with an id, PUT/DELETE without one, PATCH/HEAD/OPTIONS on the
// collection). CONTRACT.md §1.1, §2.2, §5; seed PostSession/PutSession/DeleteSessionById 405.
import { check, describe, ensure, expectEtag, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';

function expectAllowGet(ex: Exchange): void {
  const allow = ex.headers['allow'] ?? '';
  ensure(/^\s*GET\s*$/i.test(allow), 'a snapshot 405 should say which method is allowed', { expected: 'Allow: GET', observed: allow || '(no Allow header)' }, ex);
}

async function countByName(t: CheckContext, sessionName: string): Promise<number> {
  const ex = await t.step('GET-many by the sent name', () => t.api.get(SESSIONS, { query: { sessionName } }));
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return (ex.json as unknown[]).length;
}

async function etagOf(t: CheckContext, id: string): Promise<string> {
  const ex = await t.step('GET the item', () => t.sessions.get(id));
  expectStatus(ex, 200);
  return expectEtag(ex);
}

describe('405: writes that carry Use-Snapshot', () => {
  check('SES-POST-405-USE-SNAPSHOT', '01 a POST with Use-Snapshot: true answers 405 with Allow: GET and creates nothing', async (t) => {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a valid session with Use-Snapshot: true', () => t.api.post(SESSIONS, payload, { headers: { 'use-snapshot': 'true' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    expectAllowGet(ex);
    const count = await countByName(t, payload.sessionName);
    ensure(count === 0, 'a refused POST should create nothing', { expected: 0, observed: count });
  });

  check('SES-PUT-405-USE-SNAPSHOT', '02 a PUT with Use-Snapshot: true answers 405 with Allow: GET and leaves the item unchanged', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const before = await etagOf(t, created.id);
    const ex = await t.step('PUT a change with Use-Snapshot: true', () =>
      t.sessions.update(created.id, t.gen.withNonKeyChange(payload), { headers: { 'use-snapshot': 'true' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    expectAllowGet(ex);
    const after = await etagOf(t, created.id);
    ensure(after === before, 'a refused PUT should leave the item unchanged', { expected: before, observed: after });
  });

  check('SES-DELETE-405-USE-SNAPSHOT', '03 a DELETE with Use-Snapshot: true answers 405 with Allow: GET and the item remains', async (t) => {
    const created = await t.step('POST a valid session', () => t.sessions.create(t.gen.build(t.refs)));
    const before = await etagOf(t, created.id);
    const ex = await t.step('DELETE it with Use-Snapshot: true', () => t.sessions.delete(created.id, { headers: { 'use-snapshot': 'true' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    expectAllowGet(ex);
    const after = await etagOf(t, created.id);
    ensure(after === before, 'a refused DELETE should leave the item in place and unchanged', { expected: before, observed: after });
  });

  check('SES-WRITE-405-SNAPSHOT-ANY-VALUE', '04 a POST with Use-Snapshot: false is refused all the same (405)', async (t) => {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a valid session with Use-Snapshot: false', () => t.api.post(SESSIONS, payload, { headers: { 'use-snapshot': 'false' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    const count = await countByName(t, payload.sessionName);
    ensure(count === 0, 'a refused POST should create nothing', { expected: 0, observed: count });
  });
});

describe('405: methods a route does not take', () => {
  check('SES-POST-405-WITH-ID', '05 a POST to /ed-fi/sessions/{id} answers 405 method-not-allowed and changes nothing', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const before = await etagOf(t, created.id);
    const ex = await t.step('POST a change to the item URL', () => t.api.post(`${SESSIONS}/${created.id}`, t.gen.withNonKeyChange(payload)));
    expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    const after = await etagOf(t, created.id);
    ensure(after === before, 'a refused POST should leave the item unchanged', { expected: before, observed: after });
  });

  check('SES-PUT-405-NO-ID', '06 a PUT to the collection answers 405 method-not-allowed', async (t) => {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('PUT a valid session to /ed-fi/sessions', () => t.api.put(SESSIONS, payload));
    expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    const count = await countByName(t, payload.sessionName);
    ensure(count === 0, 'a refused PUT should create nothing', { expected: 0, observed: count });
  });

  check('SES-DELETE-405-NO-ID', '07 a DELETE of the collection answers 405 method-not-allowed and deletes nothing', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const ex = await t.step('DELETE /ed-fi/sessions', () => t.api.request({ method: 'DELETE', path: SESSIONS }));
    expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    await etagOf(t, created.id);
  });

  for (const [n, method] of [['08', 'PATCH'], ['09', 'OPTIONS']] as const) {
    check('SES-COLLECTION-405-METHOD', `${n} ${method} on the collection answers 405 method-not-allowed`, async (t) => {
      const ex = await t.step(`${method} /ed-fi/sessions`, () =>
        t.api.request({ method, path: SESSIONS, ...(method === 'PATCH' ? { json: {} } : {}) }));
      expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    });
  }

  check('SES-COLLECTION-405-METHOD', '10 HEAD on the collection answers 405 with no body', async (t) => {
    const ex = await t.step('HEAD /ed-fi/sessions', () => t.api.request({ method: 'HEAD', path: SESSIONS }));
    expectStatus(ex, 405);
    ensure(ex.text.length === 0, 'a HEAD answer has no body', { expected: '', observed: ex.text }, ex);
  });
});
