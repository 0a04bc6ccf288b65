// PUT /ed-fi/sessions/{id}: the refusal only a session's update can meet, an unresolved reference
// (an academic week that does not exist: 409). CONTRACT.md §6; seed PutSession 409. Update,
// unknown and malformed ids and the body id hold for every resource: the "update" family,
// specs/families/update.ts. "Did a refused PUT leave the item alone?" is answered from the
// representation read back, never from ETags.
import { check, Differences, describe, expectProblem, expectStatus, ProblemType } from '../src/index.js';
import { readAfter } from './support/crud-reads.js';
import { expectUnchanged, readItem } from './support/representation.js';

describe('PUT /ed-fi/sessions/{id}', () => {
  check('SES-PUT-409-UNRESOLVED', 'a PUT adding an academic week that does not exist answers 409, item unchanged', async (t) => {
    const payload = t.gen.build(t.refs, { gradingPeriods: [], academicWeeks: [] });
    const created = await t.sessions.create(payload);
    const before = await readItem(t, created.id, 'read the item before the PUT');
    const broken = {
      ...payload,
      academicWeeks: [{ academicWeekReference: { schoolId: t.refs.schoolId, weekIdentifier: `NoSuchWeek-${t.target.runTag}-${t.seed % 100000}` } }],
    };
    const ex = await t.step('PUT it with an unknown academic week', () => t.sessions.update(created.id, broken));
    expectStatus(ex, t.decide(Differences.unresolvedReference));
    expectProblem(ex, { status: ex.status, type: ProblemType.unresolvedReference });
    expectUnchanged(before, await readAfter(t, created.id, 'after the refused PUT'), 'a refused PUT should leave the item as it was (no child added)');
  });
});
