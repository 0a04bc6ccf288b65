// POST and PUT /ed-fi/courseOfferings: the refusal only a course offering's writes meet, a reference
// that names nothing (a course, a session that does not exist: 409 unresolved-reference, or the
// status the profile register gives). CONTRACT.md §6; openapi PostCourseOffering 409,
// PutCourseOffering 409. A PUT can only meet it through the course: the session is part of the
// offering's natural key, which a PUT may not change (400 key-change-not-supported).
// Arrange vs assert: the session the offering is in and the offering a PUT goes to are created in
// set-up, the list by code and the read-back are set-up reads; the 409 and what it left are the check.
import { check, COURSE_OFFERINGS, describe, Differences, expectProblem, expectStatus, ProblemType, RESOURCES, type CheckContext, type Exchange } from '../src/index.js';
import { expectNoneNamed } from './support/crud-lists.js';
import { expectStoredValues } from './support/crud-values.js';
import { readItem } from './support/representation.js';

const CO = RESOURCES.find((r) => r.name === 'courseOfferings')!;
type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The documented status of an unresolved reference under this run's profile, then its problem body. */
function expectUnresolved(t: CheckContext, ex: Exchange): void {
  expectStatus(ex, t.decide(Differences.unresolvedReference));
  expectProblem(ex, { status: ex.status, type: ProblemType.unresolvedReference });
}

/** A course code no target has: run tag and check seed, within the 60 characters of courseCode. */
const noSuchCourse = (t: CheckContext): string => `NoSuchCourse-${t.target.runTag}-${t.seed % 100000}`;

describe('POST /ed-fi/courseOfferings: unresolved references', () => {
  check('CO-POST-409-UNRESOLVED', 'a course that does not exist is an unresolved reference: 409, nothing created', async (t) => {
    const payload = (await t.resource('courseOfferings').prepare()) as Body;
    const broken = { ...payload, courseReference: { ...payload.courseReference, courseCode: noSuchCourse(t) } };
    const ex = await t.step('POST a course offering of an unknown course', () => t.api.post(COURSE_OFFERINGS, broken));
    expectUnresolved(t, ex);
    await expectNoneNamed(t, payload.localCourseCode, 'a refused POST should create nothing', CO);
  });

  check('CO-POST-409-UNRESOLVED', 'a session that does not exist is an unresolved reference: 409, nothing created', async (t) => {
    const payload = (await t.resource('courseOfferings').prepare()) as Body;
    // The created session's name with a suffix: same school and year, so only the session is unknown.
    const sessionName = `${String(payload.sessionReference.sessionName).slice(0, 50)}-NoSuch`;
    const broken = { ...payload, sessionReference: { ...payload.sessionReference, sessionName } };
    const ex = await t.step('POST a course offering in an unknown session', () => t.api.post(COURSE_OFFERINGS, broken));
    expectUnresolved(t, ex);
    await expectNoneNamed(t, payload.localCourseCode, 'a refused POST should create nothing', CO);
  });
});

describe('PUT /ed-fi/courseOfferings/{id}: unresolved references', () => {
  check('CO-PUT-409-UNRESOLVED', 'a PUT naming a course that does not exist answers 409, item unchanged', async (t) => {
    const r = t.resource('courseOfferings');
    const payload = (await r.prepare()) as Body;
    const created = await r.create(payload);
    const broken = { ...payload, courseReference: { ...payload.courseReference, courseCode: noSuchCourse(t) } };
    const ex = await t.step('PUT it with an unknown course', () => r.update(created.id, broken));
    expectUnresolved(t, ex);
    const after = await readItem(t, created.id, 'read the item after the PUT', CO);
    await expectStoredValues(t, after.exchange, payload, 'a refused PUT should leave the item unchanged', CO);
  });
});
