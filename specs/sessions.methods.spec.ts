// 405 Method Not Allowed: the documented case (a Use-Snapshot header on any write) and the routes
// that take no such method (POST with an id, PUT/DELETE without one, PATCH/HEAD/OPTIONS on the
// collection). CONTRACT.md §1.1, §2.2, §5; seed PostSession/PutSession/DeleteSessionById 405.
// "Created nothing" is a list by the run-unique name; "changed nothing" compares the
// representation read before and after (no ETags: a host without them is judged all the same).
import { check, Differences, describe, ensure, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';
import { expectNoneNamed } from './support/crud-lists.js';
import { readAfter } from './support/crud-reads.js';
import { expectUnchanged, readItem } from './support/representation.js';

function expectAllowGet(ex: Exchange): void {
  const allow = ex.headers['allow'] ?? '';
  ensure(/^\s*GET\s*$/i.test(allow), 'a snapshot 405 should say which method is allowed', { expected: 'Allow: GET', observed: allow || '(no Allow header)' }, ex);
}

/** These checks expect Use-Snapshot to be honoured on writes (register: use-snapshot). */
function requireSnapshotHonoured(t: CheckContext): void {
  if (t.decide(Differences.useSnapshot) !== 'honoured') t.skip(`this run's profile (${t.target.profile}) expects Use-Snapshot to be ignored (register: use-snapshot)`, `profile:${t.target.profile}`);
}

describe('405: writes that carry Use-Snapshot', () => {
  check('SES-POST-405-USE-SNAPSHOT', 'a POST with Use-Snapshot: true answers 405 with Allow: GET and creates nothing', async (t) => {
    requireSnapshotHonoured(t);
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a valid session with Use-Snapshot: true', () => t.api.post(SESSIONS, payload, { headers: { 'use-snapshot': 'true' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    expectAllowGet(ex);
    await expectNoneNamed(t, payload.sessionName, 'a refused POST should create nothing');
  });

  check('SES-PUT-405-USE-SNAPSHOT', 'a PUT with Use-Snapshot: true answers 405 with Allow: GET and leaves the item unchanged', async (t) => {
    requireSnapshotHonoured(t);
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readItem(t, created.id, 'read the item before the PUT');
    const ex = await t.step('PUT a change with Use-Snapshot: true', () =>
      t.sessions.update(created.id, t.gen.withNonKeyChange(payload), { headers: { 'use-snapshot': 'true' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    expectAllowGet(ex);
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT'), 'a refused PUT should leave the item unchanged');
  });

  check('SES-DELETE-405-USE-SNAPSHOT', 'a DELETE with Use-Snapshot: true answers 405 with Allow: GET and the item remains', async (t) => {
    requireSnapshotHonoured(t);
    const created = await t.sessions.create(t.gen.build(t.refs));
    const before = await readItem(t, created.id, 'read the item before the DELETE');
    const ex = await t.step('DELETE it with Use-Snapshot: true', () => t.sessions.delete(created.id, { headers: { 'use-snapshot': 'true' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    expectAllowGet(ex);
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused DELETE'), 'a refused DELETE should leave the item in place and unchanged');
  });

  check('SES-WRITE-405-SNAPSHOT-ANY-VALUE', 'a POST with Use-Snapshot: false is refused all the same (405)', async (t) => {
    requireSnapshotHonoured(t);
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a valid session with Use-Snapshot: false', () => t.api.post(SESSIONS, payload, { headers: { 'use-snapshot': 'false' } }));
    expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
    await expectNoneNamed(t, payload.sessionName, 'a refused POST should create nothing');
  });
});

describe('405: methods a route does not take', () => {
  check('SES-POST-405-WITH-ID', 'a POST to /ed-fi/sessions/{id} answers 405 method-not-allowed and changes nothing', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const before = await readItem(t, created.id, 'read the item before the POST');
    const ex = await t.step('POST a change to the item URL', () => t.api.post(`${SESSIONS}/${encodeURIComponent(created.id)}`, t.gen.withNonKeyChange(payload)));
    expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused POST'), 'a refused POST should leave the item unchanged');
  });

  check('SES-PUT-405-NO-ID', 'a PUT to the collection answers 405 method-not-allowed', async (t) => {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('PUT a valid session to /ed-fi/sessions', () => t.api.put(SESSIONS, payload));
    expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    await expectNoneNamed(t, payload.sessionName, 'a refused PUT should create nothing');
  });

  check('SES-DELETE-405-NO-ID', 'a DELETE of the collection answers 405 method-not-allowed and deletes nothing', async (t) => {
    const created = await t.sessions.create(t.gen.build(t.refs));
    const before = await readItem(t, created.id, 'read an item before the DELETE');
    const ex = await t.step('DELETE /ed-fi/sessions', () => t.api.request({ method: 'DELETE', path: SESSIONS }));
    expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused DELETE'), 'a refused DELETE should delete nothing');
  });

  for (const method of ['PATCH', 'OPTIONS'] as const) {
    check('SES-COLLECTION-405-METHOD', `${method} on the collection answers 405 method-not-allowed`, async (t) => {
      const ex = await t.step(`${method} /ed-fi/sessions`, () =>
        t.api.request({ method, path: SESSIONS, ...(method === 'PATCH' ? { json: {} } : {}) }));
      expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
    }, { key: method.toLowerCase() });
  }

  check('SES-COLLECTION-405-METHOD', 'HEAD on the collection answers 405 with no body', async (t) => {
    const ex = await t.step('HEAD /ed-fi/sessions', () => t.api.request({ method: 'HEAD', path: SESSIONS }));
    expectStatus(ex, 405);
    ensure(ex.text.length === 0, 'a HEAD answer has no body', { expected: '', observed: ex.text }, ex);
  }, { key: 'head' });
});
