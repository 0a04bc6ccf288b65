// Family "methods": 405 Method Not Allowed on any resource. The documented case (a Use-Snapshot
// header on any write) and the routes that take no such method (POST with an id, PUT/DELETE
// without one, PATCH/HEAD/OPTIONS on the collection). CONTRACT.md §1.1, §2.2, §5; seed
// PostSession/PutSession/DeleteSessionById 405 (for other resources, their OpenAPI 405s).
// "Created nothing" is a list by the run-unique name; "changed nothing" compares the
// representation read before and after (no ETags: a host without them is judged all the same).
import { check, describe, Differences, ensure, expectProblem, expectStatus, ProblemType, requirementIdOf, type CheckContext, type Exchange, type Family } from '../../src/index.js';
import { expectNoneNamed } from '../support/crud-lists.js';
import { readAfter } from '../support/crud-reads.js';
import { expectUnchanged, readItem } from '../support/representation.js';
import { nameMemberOf, nounOf } from '../support/resources.js';

function expectAllowGet(ex: Exchange): void {
  const allow = ex.headers['allow'] ?? '';
  ensure(/^\s*GET\s*$/i.test(allow), 'a snapshot 405 should say which method is allowed', { expected: 'Allow: GET', observed: allow || '(no Allow header)' }, ex);
}

/** These checks expect Use-Snapshot to be honoured on writes (register: use-snapshot). */
function requireSnapshotHonoured(t: CheckContext): void {
  if (t.decide(Differences.useSnapshot) !== 'honoured') t.skip(`this run's profile (${t.target.profile}) expects Use-Snapshot to be ignored (register: use-snapshot)`, `profile:${t.target.profile}`);
}

export const methods: Family = {
  name: 'methods',
  about: '405 on writes with Use-Snapshot and on methods a route does not take',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const name = nameMemberOf(d);
    const nameOf = (payload: Record<string, unknown>): string => String(payload[name]);

    describe('405: writes that carry Use-Snapshot', () => {
      check(id('POST-405-USE-SNAPSHOT'), 'a POST with Use-Snapshot: true answers 405 with Allow: GET and creates nothing', async (t) => {
        requireSnapshotHonoured(t);
        const payload = await t.resource(d.name).prepare();
        const ex = await t.step(`POST a valid ${noun} with Use-Snapshot: true`, () => t.api.post(d.path, payload, { headers: { 'use-snapshot': 'true' } }));
        expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
        expectAllowGet(ex);
        await expectNoneNamed(t, nameOf(payload), 'a refused POST should create nothing', d);
      });

      check(id('PUT-405-USE-SNAPSHOT'), 'a PUT with Use-Snapshot: true answers 405 with Allow: GET and leaves the item unchanged', async (t) => {
        requireSnapshotHonoured(t);
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const before = await readItem(t, created.id, 'read the item before the PUT', d);
        const ex = await t.step('PUT a change with Use-Snapshot: true', () => r.update(created.id, d.nonKeyChange(payload), { headers: { 'use-snapshot': 'true' } }));
        expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
        expectAllowGet(ex);
        expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT', d), 'a refused PUT should leave the item unchanged');
      });

      check(id('DELETE-405-USE-SNAPSHOT'), 'a DELETE with Use-Snapshot: true answers 405 with Allow: GET and the item remains', async (t) => {
        requireSnapshotHonoured(t);
        const r = t.resource(d.name);
        const created = await r.createNew();
        const before = await readItem(t, created.id, 'read the item before the DELETE', d);
        const ex = await t.step('DELETE it with Use-Snapshot: true', () => r.delete(created.id, { headers: { 'use-snapshot': 'true' } }));
        expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
        expectAllowGet(ex);
        expectUnchanged(before, await readAfter(t, created.id, 'after the refused DELETE', d), 'a refused DELETE should leave the item in place and unchanged');
      });

      check(id('WRITE-405-SNAPSHOT-ANY-VALUE'), 'a POST with Use-Snapshot: false is refused all the same (405)', async (t) => {
        requireSnapshotHonoured(t);
        const payload = await t.resource(d.name).prepare();
        const ex = await t.step(`POST a valid ${noun} with Use-Snapshot: false`, () => t.api.post(d.path, payload, { headers: { 'use-snapshot': 'false' } }));
        expectProblem(ex, { status: 405, type: ProblemType.snapshotMethodNotAllowed });
        await expectNoneNamed(t, nameOf(payload), 'a refused POST should create nothing', d);
      });
    });

    describe('405: methods a route does not take', () => {
      check(id('POST-405-WITH-ID'), `a POST to ${d.path}/{id} answers 405 method-not-allowed and changes nothing`, async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        const created = await r.create(payload);
        const before = await readItem(t, created.id, 'read the item before the POST', d);
        const ex = await t.step('POST a change to the item URL', () => t.api.post(`${d.path}/${encodeURIComponent(created.id)}`, d.nonKeyChange(payload)));
        expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
        expectUnchanged(before, await readAfter(t, created.id, 'after the refused POST', d), 'a refused POST should leave the item unchanged');
      });

      check(id('PUT-405-NO-ID'), 'a PUT to the collection answers 405 method-not-allowed', async (t) => {
        const payload = await t.resource(d.name).prepare();
        const ex = await t.step(`PUT a valid ${noun} to ${d.path}`, () => t.api.put(d.path, payload));
        expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
        await expectNoneNamed(t, nameOf(payload), 'a refused PUT should create nothing', d);
      });

      check(id('DELETE-405-NO-ID'), 'a DELETE of the collection answers 405 method-not-allowed and deletes nothing', async (t) => {
        const created = await t.resource(d.name).createNew();
        const before = await readItem(t, created.id, 'read an item before the DELETE', d);
        const ex = await t.step(`DELETE ${d.path}`, () => t.api.request({ method: 'DELETE', path: d.path }));
        expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
        expectUnchanged(before, await readAfter(t, created.id, 'after the refused DELETE', d), 'a refused DELETE should delete nothing');
      });

      for (const method of ['PATCH', 'OPTIONS'] as const) {
        check(id('COLLECTION-405-METHOD'), `${method} on the collection answers 405 method-not-allowed`, async (t) => {
          const ex = await t.step(`${method} ${d.path}`, () => t.api.request({ method, path: d.path, ...(method === 'PATCH' ? { json: {} } : {}) }));
          expectProblem(ex, { status: 405, type: ProblemType.methodNotAllowed });
        }, { key: method.toLowerCase() });
      }

      check(id('COLLECTION-405-METHOD'), 'HEAD on the collection answers 405 with no body', async (t) => {
        const ex = await t.step(`HEAD ${d.path}`, () => t.api.request({ method: 'HEAD', path: d.path }));
        expectStatus(ex, 405);
        ensure(ex.text.length === 0, 'a HEAD answer has no body', { expected: '', observed: ex.text }, ex);
      }, { key: 'head' });
    });
  },
};
