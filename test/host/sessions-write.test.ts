// Sessions writes and GET by id over HTTP (CONTRACT.md §1.1, §1.7, §3, §5 snapshots, §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, OTHER_SCHOOL, PRIMARY_SCHOOL, SESSIONS, SPRING, createSession, sessionBody, startTestHost, uniqueName } from './host-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

const COURSE_OFFERINGS = '/data/v3/ed-fi/courseOfferings';

function offeringFor(session: Record<string, any>, localCourseCode = uniqueName('LCC').slice(0, 20)) {
  return {
    localCourseCode,
    courseReference: { courseCode: 'ALG-01', educationOrganizationId: session.schoolReference.schoolId },
    schoolReference: { schoolId: session.schoolReference.schoolId },
    sessionReference: {
      schoolId: session.schoolReference.schoolId,
      schoolYear: session.schoolYearTypeReference.schoolYear,
      sessionName: session.sessionName,
    },
  };
}

describe('POST /ed-fi/sessions', () => {
  it('creates with 201, an empty body, Location with a 32-hex id and a quoted ETag', async () => {
    const reply = await t.api({ method: 'POST', path: SESSIONS, body: sessionBody() });
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('');
    expect(reply.headers.location).toMatch(new RegExp(`^${t.baseUrl}/data/v3/ed-fi/sessions/[0-9a-f]{32}$`));
    expect(reply.headers.etag).toMatch(/^"\d{19}"$/);
  });

  it('answers a re-POST of the same body with 200, the same Location, ETag and _lastModifiedDate', async () => {
    const created = await createSession(t);
    const before = await t.api({ path: created.path });
    const again = await t.api({ method: 'POST', path: SESSIONS, body: created.body });
    expect(again.status).toBe(200);
    expect(again.headers.location).toBe(`${t.baseUrl}${created.path}`);
    expect(again.headers.etag).toBe(created.etag);
    const after = await t.api({ path: created.path });
    expect(after.json._lastModifiedDate).toBe(before.json._lastModifiedDate);
  });

  it('updates an existing natural key with 200 and a new ETag', async () => {
    const created = await createSession(t);
    const changed = await t.api({ method: 'POST', path: SESSIONS, body: { ...created.body, totalInstructionalDays: 81 } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(created.etag);
    expect((await t.api({ path: created.path })).json.totalInstructionalDays).toBe(81);
  });

  it('changes the ETag when only a child collection changes', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'POST', path: SESSIONS, body: { ...created.body, academicWeeks: [] } });
    expect(reply.status).toBe(200);
    expect(reply.headers.etag).not.toBe(created.etag);
    expect((await t.api({ path: created.path })).json.academicWeeks).toEqual([]);
  });

  it('honours If-Match on POST for an existing item (412 on mismatch)', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'POST', path: SESSIONS, body: { ...created.body, totalInstructionalDays: 3 }, headers: { 'If-Match': '"5250374366428622464"' } });
    expect(reply.status).toBe(412);
    expect(reply.json.type).toBe('urn:ed-fi:api:optimistic-lock-failed');
  });

  it('refuses an id in the body with 400 "constructed incorrectly"', async () => {
    const reply = await t.api({ method: 'POST', path: SESSIONS, body: { id: '3a93cdce157d4cfeb6f8d5caa88c986b', ...sessionBody() } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({
      type: 'urn:ed-fi:api:bad-request:data-validation-failed',
      detail: 'The request data was constructed incorrectly.',
      errors: ["Resource identifiers cannot be assigned by the client. The 'id' property should not be included in the request body."],
    });
  });

  it('answers 409 unresolved-reference naming the missing entity', async () => {
    const school = await t.api({ method: 'POST', path: SESSIONS, body: sessionBody({ schoolId: 999999, withChildren: false }) });
    expect(school.status).toBe(409);
    expect(school.json).toMatchObject({ type: 'urn:ed-fi:api:data-conflict:unresolved-reference', detail: "The referenced 'School' item does not exist." });
    const year = await t.api({ method: 'POST', path: SESSIONS, body: sessionBody({ schoolYear: 2019, withChildren: false }) });
    expect(year.json.detail).toBe("The referenced 'SchoolYearType' item does not exist.");
    const week = sessionBody();
    week.academicWeeks[0].academicWeekReference.weekIdentifier = 'No Such Week';
    expect((await t.api({ method: 'POST', path: SESSIONS, body: week })).json.detail).toBe("The referenced 'AcademicWeek' item does not exist.");
    const period = sessionBody();
    period.gradingPeriods[0].gradingPeriodReference.gradingPeriodName = 'No Such Period';
    expect((await t.api({ method: 'POST', path: SESSIONS, body: period })).json.detail).toBe("The referenced 'GradingPeriod' item does not exist.");
  });
});

describe('405 answers', () => {
  it('POST on an item', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'POST', path: created.path, body: created.body });
    expect(reply.status).toBe(405);
    expect(reply.json.errors[0]).toContain('Resource items can only be updated using PUT.');
  });

  it('PUT and DELETE on the collection', async () => {
    const put = await t.api({ method: 'PUT', path: SESSIONS, body: sessionBody() });
    expect(put.status).toBe(405);
    expect(put.json.errors[0]).toMatch(/^Resource collections cannot be replaced\./);
    const del = await t.api({ method: 'DELETE', path: SESSIONS });
    expect(del.status).toBe(405);
    expect(del.json.errors[0]).toMatch(/^Resource collections cannot be deleted\./);
  });

  it.each(['HEAD', 'OPTIONS', 'PATCH'])('%s on the collection', async (method) => {
    const reply = await t.api({ method, path: SESSIONS });
    expect(reply.status).toBe(405);
    if (method !== 'HEAD') {
      expect(reply.json).toMatchObject({ type: 'urn:ed-fi:api:method-not-allowed', errors: [`The endpoint of the request does not support the '${method}' method.`] });
    }
  });

  it('PATCH on an item', async () => {
    const created = await createSession(t);
    expect((await t.api({ method: 'PATCH', path: created.path, body: created.body })).status).toBe(405);
  });

  it.each(['POST', 'PUT', 'DELETE'])('%s with a Use-Snapshot header: 405 snapshots with Allow: GET', async (method) => {
    const created = await createSession(t);
    const path = method === 'POST' ? SESSIONS : created.path;
    const reply = await t.api({ method, path, body: created.body, headers: { 'Use-Snapshot': 'false' } });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
    expect(reply.json.type).toBe('urn:ed-fi:api:snapshots:method-not-allowed');
  });
});

describe('GET /ed-fi/sessions/{id}', () => {
  it('renders the §1.7 shape with links, equal _etag and ETag header, 7.3 timestamps', async () => {
    const created = await createSession(t);
    const reply = await t.api({ path: created.path });
    expect(reply.status).toBe(200);
    const body = reply.json;
    expect(body.id).toBe(created.id);
    expect(body.schoolReference.link).toEqual({ rel: 'School', href: expect.stringMatching(/^\/ed-fi\/schools\/[0-9a-f]{32}$/) });
    expect(body.schoolYearTypeReference.link.rel).toBe('SchoolYearType');
    expect(body.gradingPeriods[0].gradingPeriodReference.link.rel).toBe('GradingPeriod');
    expect(body.academicWeeks[0].academicWeekReference.link.rel).toBe('AcademicWeek');
    expect(`"${body._etag}"`).toBe(reply.headers.etag);
    expect(body._lastModifiedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6,7}Z$/);
  });

  it('accepts the dashed GUID form in the route', async () => {
    const created = await createSession(t);
    const dashed = created.id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5').toUpperCase();
    expect((await t.api({ path: `${SESSIONS}/${dashed}` })).json.id).toBe(created.id);
  });

  it('answers 404 "could not be found" for an unknown id and the generic 404 for a malformed one', async () => {
    const unknown = await t.api({ path: `${SESSIONS}/${'0'.repeat(32)}` });
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toBe('The specified item could not be found.');
    const malformed = await t.api({ path: `${SESSIONS}/abc` });
    expect(malformed.status).toBe(404);
    expect(malformed.json.detail).toBe('The specified data could not be found.');
  });

  it('answers 404 Snapshot not found for Use-Snapshot: true without a snapshot', async () => {
    const created = await createSession(t);
    const reply = await t.api({ path: created.path, headers: { 'Use-Snapshot': 'true' } });
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ detail: 'Snapshot not found.', errors: ['The snapshot connection for the ODS has not been configured.'] });
  });
});

describe('PUT /ed-fi/sessions/{id}', () => {
  it('updates with 204, a new ETag and Location; the body id is ignored', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, id: '0'.repeat(32), termDescriptor: SPRING } });
    expect(reply.status).toBe(204);
    expect(reply.headers.etag).toMatch(/^"\d{19}"$/);
    expect(reply.headers.etag).not.toBe(created.etag);
    expect(reply.headers.location).toBe(`${t.baseUrl}${created.path}`);
    const read = await t.api({ path: created.path });
    expect(read.json.termDescriptor).toBe(SPRING);
    expect(`"${read.json._etag}"`).toBe(reply.headers.etag);
  });

  it('answers 404 for an unknown id and 400 $.id for a malformed one', async () => {
    const unknown = await t.api({ method: 'PUT', path: `${SESSIONS}/${'1'.repeat(32)}`, body: sessionBody() });
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toBe('Resource to update was not found.');
    const malformed = await t.api({ method: 'PUT', path: `${SESSIONS}/not-a-guid`, body: sessionBody() });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.json.validationErrors)).toEqual(['$.id']);
  });

  it('changes the natural key, keeps the id and cascades into a course offering', async () => {
    const created = await createSession(t);
    const offering = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: offeringFor(created.body) });
    expect(offering.status).toBe(201);
    const renamed = uniqueName('Renamed');
    const put = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, sessionName: renamed } });
    expect(put.status).toBe(204);
    expect((await t.api({ path: created.path })).json.sessionName).toBe(renamed);
    const offeringPath = `${COURSE_OFFERINGS}/${String(offering.headers.location).split('/').pop()}`;
    const cascaded = await t.api({ path: offeringPath });
    expect(cascaded.json.sessionReference.sessionName).toBe(renamed);
    const keyChanges = await t.api({ path: `${SESSIONS}/keyChanges` });
    expect(keyChanges.json.some((k: any) => k.id === created.id && k.newKeyValues.sessionName === renamed)).toBe(true);
  });

  it('answers 409 non-unique-identity when the new key belongs to another session', async () => {
    const first = await createSession(t);
    const second = await createSession(t);
    const reply = await t.api({ method: 'PUT', path: second.path, body: { ...second.body, sessionName: first.body.sessionName } });
    expect(reply.status).toBe(409);
    expect(reply.json.type).toBe('urn:ed-fi:api:data-conflict:non-unique-identity');
  });

  it('moves a session to another school and year with matching children', async () => {
    const created = await createSession(t);
    const moved = sessionBody({ sessionName: created.body.sessionName, schoolId: OTHER_SCHOOL, schoolYear: 2026 });
    const reply = await t.api({ method: 'PUT', path: created.path, body: moved });
    expect(reply.status).toBe(204);
    const read = await t.api({ path: created.path });
    expect(read.json.schoolReference.schoolId).toBe(OTHER_SCHOOL);
    expect(read.json.gradingPeriods[0].gradingPeriodReference.schoolYear).toBe(2026);
  });
});

describe('DELETE /ed-fi/sessions/{id}', () => {
  it('deletes with 204 and no ETag; a second DELETE is 404', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'DELETE', path: created.path });
    expect(reply.status).toBe(204);
    expect(reply.headers.etag).toBeUndefined();
    const again = await t.api({ method: 'DELETE', path: created.path });
    expect(again.status).toBe(404);
    expect(again.json.detail).toBe('Resource to delete was not found.');
    expect((await t.api({ path: created.path })).status).toBe(404);
  });

  it('answers 409 dependent-item-exists while a course offering references the session', async () => {
    const created = await createSession(t);
    const offering = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: offeringFor(created.body) });
    const reply = await t.api({ method: 'DELETE', path: created.path });
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({
      type: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
      detail: "The requested action cannot be performed because this item is referenced by an existing 'CourseOffering' item.",
    });
    const offeringPath = `${COURSE_OFFERINGS}/${String(offering.headers.location).split('/').pop()}`;
    expect((await t.api({ method: 'DELETE', path: offeringPath })).status).toBe(204);
    expect((await t.api({ method: 'DELETE', path: created.path })).status).toBe(204);
  });

  it('answers 400 $.id for a malformed id', async () => {
    const reply = await t.api({ method: 'DELETE', path: `${SESSIONS}/xyz` });
    expect(reply.status).toBe(400);
    expect(reply.json.validationErrors['$.id']).toEqual(["The value 'xyz' is not valid."]);
  });

  it('records the delete in /deletes with the old key values', async () => {
    const created = await createSession(t, sessionBody({ schoolId: PRIMARY_SCHOOL }));
    await t.api({ method: 'DELETE', path: created.path });
    const deletes = await t.api({ path: `${SESSIONS}/deletes` });
    expect(deletes.json).toContainEqual(expect.objectContaining({ id: created.id, keyValues: expect.objectContaining({ sessionName: created.body.sessionName }) }));
  });
});
