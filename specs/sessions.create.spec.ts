// POST /ed-fi/sessions: create (201), upsert (200), Location, and the conflicts a create can meet.
// CONTRACT.md §1.1, §3, §6; seed PostSession 200, 201, 409.
// Set-up (the create of an item an upsert needs, the read-back, the list by name that shows
// nothing was created) blocks a check when the host breaks it; the POST under test is the act.
import {
  check,
  Differences,
  describe,
  ensure,
  expectEtag,
  expectNoBody,
  expectProblem,
  expectStatus,
  ProblemType,
  SESSIONS,
  type CheckContext,
  type Exchange,
} from '../src/index.js';
import { expectNoneNamed, listByName } from './support/crud-lists.js';
import { expectSessionValues, idInLocation, sameId } from './support/crud-values.js';
import { readItem, unknownId } from './support/representation.js';

/** The documented status of an unresolved reference under this run's profile, then its problem body. */
function expectUnresolved(t: CheckContext, ex: Exchange): void {
  expectStatus(ex, t.decide(Differences.unresolvedReference));
  expectProblem(ex, { status: ex.status, type: ProblemType.unresolvedReference });
}

describe('POST /ed-fi/sessions: create and upsert', () => {
  check('SES-POST-201-CREATED', 'a new session is created with 201, no body, a Location and a quoted ETag', async (t) => {
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
    if (t.decide(Differences.createdIdFormat) === 'hex32') {
      ensure(/^[0-9a-f]{32}$/.test(idInLocation(location)), 'ODS writes ids as 32 lower-case hex digits', { expected: '32 hex digits', observed: idInLocation(location) }, ex);
    }
    expectEtag(ex);
  });

  check('SES-POST-LOCATION-RESOLVES', 'the Location of a created session resolves to that session', async (t) => {
    const payload = t.gen.build(t.refs);
    // The create's own Location checks speak for this requirement (session-helpers.ts).
    const created = await t.sessions.create(payload);
    const read = await t.step('GET the Location', () => t.api.request({ method: 'GET', url: new URL(created.location, created.exchange.request.url).toString() }));
    expectStatus(read, 200);
    const body = read.json as { id?: string } | undefined;
    ensure(sameId(body?.id, created.id), 'the item at the Location should carry the id the Location names', { expected: created.id, observed: body?.id }, read);
    await expectSessionValues(t, read, payload, 'the session at the Location should carry the values that were posted');
  });

  check('SES-POST-200-UPSERT', 'a second POST with the same natural key updates the item: 200, same Location, new values', async (t) => {
    const payload = t.gen.build(t.refs);
    const created = await t.sessions.create(payload);
    const changed = t.gen.withNonKeyChange(payload);
    const again = await t.step('POST the same key with totalInstructionalDays changed', () => t.api.post(SESSIONS, changed));
    expectStatus(again, 200);
    expectNoBody(again);
    expectEtag(again);
    const location = again.headers['location'];
    ensure(location && sameId(idInLocation(location), created.id), 'the upsert should answer the Location of the existing item', {
      expected: created.location,
      observed: location ?? '(no Location)',
    }, again);
    const read = await readItem(t, created.id, 'read the item after the upsert');
    await expectSessionValues(t, read.exchange, changed, 'the upsert should store the new values');
    const listed = await listByName(t, payload.sessionName);
    ensure(listed.length === 1, 'the upsert should not create a second item', { expected: [created.id], observed: listed.map((i) => i.id) });
  });

  check('SES-POST-400-ID-IN-BODY', 'an id in the POST body is refused with 400 and nothing is created', async (t) => {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a session that carries an id', () => t.api.post(SESSIONS, { id: unknownId(t), ...payload }));
    expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed });
    await expectNoneNamed(t, payload.sessionName, 'a refused POST should create nothing');
  });

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
