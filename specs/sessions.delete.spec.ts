// DELETE of a session that a course offering still references (409 dependent-item-exists): the
// sessions-specific part of DELETE (sessions have dependents). CONTRACT.md §6; seed
// DeleteSessionById 409. Deleted, unknown and malformed ids are the "delete" family:
// specs/families/delete.ts.
import { check, describe, expectProblem, ProblemType } from '../src/index.js';
import { readAfter } from './support/crud-reads.js';
import { expectUnchanged, readItem } from './support/representation.js';

describe('DELETE /ed-fi/sessions/{id}', () => {
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
