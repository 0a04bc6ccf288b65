// POST /ed-fi/sessions: the conflicts only a session's create can meet, its unresolved references
// (a school year, an academic week that does not exist: 409). CONTRACT.md §6; seed PostSession 409.
// Create, Location, upsert and an id in the body hold for every resource: the "create" family,
// specs/families/create.ts. The list by name that shows nothing was created is set-up.
import { check, Differences, describe, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';
import { expectNoneNamed } from './support/crud-lists.js';

/** The documented status of an unresolved reference under this run's profile, then its problem body. */
function expectUnresolved(t: CheckContext, ex: Exchange): void {
  expectStatus(ex, t.decide(Differences.unresolvedReference));
  expectProblem(ex, { status: ex.status, type: ProblemType.unresolvedReference });
}

describe('POST /ed-fi/sessions: create and upsert', () => {
  check('SES-POST-409-UNRESOLVED', 'a school year that does not exist is an unresolved reference: 409, nothing created', async (t) => {
    // No children: a grading period would carry the year too and make this a key-unification 400.
    const payload = t.gen.build(t.refs, { schoolYearTypeReference: { schoolYear: 1901 }, gradingPeriods: [], academicWeeks: [] });
    const ex = await t.step('POST a session for school year 1901', () => t.api.post(SESSIONS, payload));
    expectUnresolved(t, ex);
    await expectNoneNamed(t, payload.sessionName, 'a refused POST should create nothing');
  });

  check('SES-POST-409-UNRESOLVED', 'an academic week that does not exist is an unresolved reference: 409, nothing created', async (t) => {
    const payload = t.gen.build(t.refs, {
      gradingPeriods: [],
      academicWeeks: [{ academicWeekReference: { schoolId: t.refs.schoolId, weekIdentifier: `NoSuchWeek-${t.target.runTag}-${t.seed % 100000}` } }],
    });
    const ex = await t.step('POST a session with an unknown academic week', () => t.api.post(SESSIONS, payload));
    expectUnresolved(t, ex);
    await expectNoneNamed(t, payload.sessionName, 'a refused POST should create nothing');
  });
});
