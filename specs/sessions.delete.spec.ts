// DELETE /ed-fi/sessions/{id}: deleted (204, then 404), unknown id (404), malformed id (400), and a
// session a course offering still references (409). CONTRACT.md §6; seed DeleteSessionById 204,
// 400, 404, 409.
import { randomUUID } from 'node:crypto';
import { check, describe, expectNoBody, expectProblem, expectStatus, ProblemType } from '../src/index.js';
import { readAfter } from './support/crud-reads.js';
import { deleteInSetup } from './support/crud-writes.js';
import { expectUnchanged, readItem, unknownId } from './support/representation.js';

describe('DELETE /ed-fi/sessions/{id}', () => {
  check('SES-DELETE-204-DELETED', 'a session is deleted with 204 and no body, and is gone afterwards', async (t) => {
    const created = await t.sessions.create(t.gen.build(t.refs));
    await readItem(t, created.id, 'read it: it exists');
    const ex = await t.step('DELETE it', () => t.sessions.delete(created.id));
    expectStatus(ex, 204);
    expectNoBody(ex);
    // Only the status: the 404's problem body is SES-GETBYID-404-UNKNOWN's business.
    const after = await t.step('GET it again', () => t.sessions.get(created.id));
    expectStatus(after, 404, 'a deleted session should be gone');
  });

  check('SES-DELETE-404-UNKNOWN-ID', 'a DELETE of an id that names no session answers 404 not-found', async (t) => {
    const ex = await t.step('DELETE a random id', () => t.sessions.delete(unknownId(t)));
    expectProblem(ex, { status: 404, type: ProblemType.notFound });
  });

  check('SES-DELETE-404-UNKNOWN-ID', 'a second DELETE of the same session answers 404', async (t) => {
    const created = await t.sessions.create(t.gen.build(t.refs));
    await deleteInSetup(t, created.id, 'DELETE it');
    const again = await t.step('DELETE it again', () => t.sessions.delete(created.id));
    expectProblem(again, { status: 404, type: ProblemType.notFound });
  });

  check('SES-DELETE-400-MALFORMED-ID', 'a DELETE of a malformed id answers 400 naming $.id', async (t) => {
    // As Ed-Fi's own test does: a GUID-length value with a dash where no dash belongs.
    const hex = randomUUID().replace(/-/g, '');
    const ex = await t.step('DELETE a malformed id', () => t.sessions.delete(`${hex.slice(0, 3)}-${hex.slice(4)}`));
    expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed, paths: ['$.id'] });
  });

  check(
    'SES-DELETE-409-DEPENDENT',
    'a session a course offering references is not deleted: 409 dependent-item-exists, session unchanged',
    async (t) => {
      const payload = t.gen.build(t.refs);
      const created = await t.sessions.create(payload);
      await t.sessions.createCourseOffering(payload);
      const before = await readItem(t, created.id, 'read the session before the DELETE');
      const ex = await t.step('DELETE the session', () => t.sessions.delete(created.id));
      expectProblem(ex, { status: 409, type: ProblemType.dependentItemExists });
      expectUnchanged(before, await readAfter(t, created.id, 'after the refused DELETE'), 'a refused DELETE should leave the session unchanged');
    },
    { requires: ['course'] },
  );
});
