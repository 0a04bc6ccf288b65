// POST /ed-fi/sessions: create (201), upsert (200), Location, and the conflicts a create can meet.
// CONTRACT.md §1.1, §3, §6; seed PostSession 200, 201, 409.
import { randomUUID } from 'node:crypto';
import {
  check,
  describe,
  ensure,
  expectEtag,
  expectNoBody,
  expectProblem,
  expectSessionBody,
  expectStatus,
  ProblemType,
  SESSIONS,
  type CheckContext,
  type Exchange,
  type SessionPayload,
} from '../src/index.js';

/** The members a client sent must come back as sent (links and server members aside). */
function expectSameSession(sent: SessionPayload, read: Exchange): void {
  const body = read.json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const keyOf = (items: unknown[] | undefined, member: string): string[] =>
    (items ?? []).map((i) => {
      const { link: _link, ...ref } = (i as Record<string, Record<string, unknown>>)[member] ?? {};
      return JSON.stringify(Object.keys(ref).sort().map((k) => [k, ref[k]]));
    }).sort();
  const observed = {
    sessionName: body?.sessionName,
    schoolId: body?.schoolReference?.schoolId,
    schoolYear: body?.schoolYearTypeReference?.schoolYear,
    termDescriptor: String(body?.termDescriptor ?? '').toLowerCase(),
    beginDate: body?.beginDate,
    endDate: body?.endDate,
    totalInstructionalDays: body?.totalInstructionalDays,
    gradingPeriods: keyOf(body?.gradingPeriods, 'gradingPeriodReference'),
    academicWeeks: keyOf(body?.academicWeeks, 'academicWeekReference'),
  };
  const expected = {
    sessionName: sent.sessionName,
    schoolId: sent.schoolReference.schoolId,
    schoolYear: sent.schoolYearTypeReference.schoolYear,
    termDescriptor: sent.termDescriptor.toLowerCase(),
    beginDate: sent.beginDate,
    endDate: sent.endDate,
    totalInstructionalDays: sent.totalInstructionalDays,
    gradingPeriods: keyOf(sent.gradingPeriods, 'gradingPeriodReference'),
    academicWeeks: keyOf(sent.academicWeeks, 'academicWeekReference'),
  };
  ensure(JSON.stringify(observed) === JSON.stringify(expected), 'the session read back should carry the values that were written', { expected, observed }, read);
}

/** GET-many by the run-unique name: how a check proves a refused write created nothing. */
async function countByName(t: CheckContext, sent: SessionPayload): Promise<number> {
  const ex = await t.api.get(SESSIONS, {
    query: { sessionName: sent.sessionName, schoolId: sent.schoolReference.schoolId, schoolYear: sent.schoolYearTypeReference.schoolYear },
  });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return (ex.json as unknown[]).length;
}

const idInLocation = (location: string): string => new URL(location, 'http://x.invalid').pathname.split('/').filter(Boolean).pop() ?? '';

describe('POST /ed-fi/sessions: create and upsert', () => {
  check('SES-POST-201-CREATED', '01 a new session is created with 201, no body, a Location and a quoted ETag', async (t) => {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a valid session', () => t.api.post(SESSIONS, payload));
    expectStatus(ex, 201);
    expectNoBody(ex);
    const location = ex.headers['location'];
    ensure(location, 'a 201 should carry a Location header', { expected: 'Location: …/ed-fi/sessions/{id}', observed: ex.headers }, ex);
    ensure(/\/ed-fi\/sessions\/[^/]+$/i.test(new URL(location, ex.request.url).pathname), 'Location should name the new item below /ed-fi/sessions', {
      expected: '…/ed-fi/sessions/{id}',
      observed: location,
    }, ex);
    if (t.target.profile === 'ods-7.3') {
      ensure(/^[0-9a-f]{32}$/.test(idInLocation(location)), 'ODS writes ids as 32 lower-case hex digits', { expected: '32 hex digits', observed: idInLocation(location) }, ex);
    }
    expectEtag(ex);
  });

  check('SES-POST-LOCATION-RESOLVES', '02 the Location of a created session resolves to that session', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const read = await t.step('GET the Location', () => t.api.request({ method: 'GET', url: new URL(created.location, created.exchange.request.url).toString() }));
    expectStatus(read, 200);
    await expectSessionBody(read);
    const body = read.json as { id?: string };
    ensure(body.id?.toLowerCase() === created.id.toLowerCase(), 'the item at the Location should carry the id the Location names', { expected: created.id, observed: body.id }, read);
    expectSameSession(payload, read);
  });

  check('SES-POST-200-UPSERT', '03 a second POST with the same natural key updates the item: 200, same Location, new values', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.step('POST a valid session', () => t.sessions.create(payload));
    const changed = t.gen.withNonKeyChange(payload);
    const again = await t.step('POST the same key with totalInstructionalDays changed', () => t.api.post(SESSIONS, changed));
    expectStatus(again, 200);
    expectNoBody(again);
    expectEtag(again);
    const location = again.headers['location'];
    ensure(location && idInLocation(location).toLowerCase() === created.id.toLowerCase(), 'the upsert should answer the Location of the existing item', {
      expected: created.location,
      observed: location ?? '(no Location)',
    }, again);
    const read = await t.step('GET the item', () => t.sessions.get(created.id));
    expectStatus(read, 200);
    expectSameSession(changed, read);
    const count = await countByName(t, payload);
    ensure(count === 1, 'the upsert should not create a second item', { expected: 1, observed: count });
  });

  check('SES-POST-400-ID-IN-BODY', '04 an id in the POST body is refused with 400 and nothing is created', async (t) => {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a session that carries an id', () => t.api.post(SESSIONS, { id: randomUUID().replace(/-/g, ''), ...payload }));
    expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed });
    const count = await countByName(t, payload);
    ensure(count === 0, 'a refused POST should create nothing', { expected: 0, observed: count });
  });

  check('SES-POST-409-UNRESOLVED', '05 a school year that does not exist is an unresolved reference: 409, nothing created', async (t) => {
    // No children: a grading period would carry the year too and make this a key-unification 400.
    const payload = t.gen.build(t.refs, { schoolYearTypeReference: { schoolYear: 1901 }, gradingPeriods: [], academicWeeks: [] });
    const ex = await t.step('POST a session for school year 1901', () => t.api.post(SESSIONS, payload));
    expectProblem(ex, { status: 409, type: ProblemType.unresolvedReference });
    const count = await countByName(t, payload);
    ensure(count === 0, 'a refused POST should create nothing', { expected: 0, observed: count });
  });

  check('SES-POST-409-UNRESOLVED', '06 an academic week that does not exist is an unresolved reference: 409, nothing created', async (t) => {
    const payload = t.gen.build(t.refs, {
      gradingPeriods: [],
      academicWeeks: [{ academicWeekReference: { schoolId: t.refs.schoolId, weekIdentifier: `NoSuchWeek-${t.target.runTag}-${t.seed % 100000}` } }],
    });
    const ex = await t.step('POST a session with an unknown academic week', () => t.api.post(SESSIONS, payload));
    expectProblem(ex, { status: 409, type: ProblemType.unresolvedReference });
    const count = await countByName(t, payload);
    ensure(count === 0, 'a refused POST should create nothing', { expected: 0, observed: count });
  });
});
