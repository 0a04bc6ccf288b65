// Key changes through PUT (sessionName is part of the natural key and Session allows key updates):
// the id stays, the old key is gone, a collision is refused, dependents follow by cascade.
// CONTRACT.md §6; seed PutSession 409.
// A set-up read before the rename shows GET by id works, so a read after it that fails is this
// requirement's failure; the lists by name are set-up (SES-GET-200-LIST) and what they contain is
// the assertion.
import { check, COURSE_OFFERINGS, describe, ensure, expectProblem, expectStatus, ProblemType } from '../src/index.js';
import { listByName } from './support/crud-lists.js';
import { readAfter } from './support/crud-reads.js';
import { sameId } from './support/crud-values.js';
import { expectUnchanged, readItem } from './support/representation.js';

describe('PUT /ed-fi/sessions/{id}: key changes', () => {
  check('SES-PUT-KEY-CHANGE-KEEPS-ID', 'renaming a session keeps its id and the old name is gone', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    await readItem(t, created.id, 'read it before the rename');
    const renamed = t.gen.withKeyChange(payload);
    const ex = await t.step('PUT it with a new sessionName', () => t.sessions.update(created.id, renamed));
    expectStatus(ex, 204);
    const read = await readAfter(t, created.id, 'after the rename');
    ensure(read.body.sessionName === renamed.sessionName, 'the item should carry the new name under the same id', { expected: renamed.sessionName, observed: read.body.sessionName }, read.exchange);
    const underNew = await listByName(t, renamed.sessionName);
    ensure(underNew.length === 1 && sameId(underNew[0]!.id, created.id), 'the new name should list the same id', {
      expected: [created.id],
      observed: underNew.map((i) => i.id),
    });
    const underOld = await listByName(t, payload.sessionName);
    ensure(underOld.length === 0, 'the old name should no longer be listed', { expected: [], observed: underOld.map((i) => i.id) });
  });

  check('SES-PUT-409-KEY-COLLISION', 'renaming a session to the key of another answers 409 and changes neither', async (t) => {
    const first = t.gen.build(t.refs);
    const second = t.gen.build(t.refs);
    const a = await t.sessions.create(first);
    const b = await t.sessions.create(second);
    const before = await readItem(t, a.id, 'read A before the rename');
    const ex = await t.step("PUT A with B's sessionName", () => t.sessions.update(a.id, { ...first, sessionName: second.sessionName }));
    expectProblem(ex, { status: 409, type: ProblemType.nonUniqueIdentity });
    expectUnchanged(before, await readAfter(t, a.id, 'after the refused rename'), 'A should be unchanged');
    const listed = await listByName(t, second.sessionName);
    ensure(listed.length === 1 && sameId(listed[0]!.id, b.id), "B's name should still list only B", {
      expected: [b.id],
      observed: listed.map((i) => i.id),
    });
  });

  check(
    'SES-PUT-KEY-CHANGE-CASCADES',
    "renaming a session carries the new name into a course offering's sessionReference",
    async (t) => {
      const payload = t.gen.build(t.refs);
      const created = await t.sessions.create(payload);
      const offering = await t.sessions.createCourseOffering(payload);
      const renamed = t.gen.withKeyChange(payload);
      // A host that refuses the rename itself breaks SES-PUT-KEY-CHANGE-KEEPS-ID: nothing to cascade then.
      await t.arrange('PUT the session with a new sessionName', async () => {
        expectStatus(await t.sessions.update(created.id, renamed), 204);
      }, 'SES-PUT-KEY-CHANGE-KEEPS-ID');
      const read = await t.step('GET the course offering', () => t.api.get(`${COURSE_OFFERINGS}/${encodeURIComponent(offering.id)}`));
      expectStatus(read, 200, 'the course offering should survive the rename');
      const ref = (read.json as { sessionReference?: Record<string, unknown> }).sessionReference;
      ensure(ref?.sessionName === renamed.sessionName, "the offering's sessionReference should show the new name", {
        expected: renamed.sessionName,
        observed: ref?.sessionName,
      }, read);
    },
    { requires: ['course'] },
  );
});
