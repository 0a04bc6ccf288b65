// ed-fi/courseOfferings writes on the reference host: POST upsert by natural key, PUT (no key
// change: key-change-not-supported), DELETE, If-Match, validation problem bodies in the ODS shape,
// unresolved references and the 405s (CONTRACT.md §2, §3, §6; ODS 7.2 OpenAPI courseOfferings).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_SCHOOL, type TestHost, startTestHost } from './host-fixture.js';
import { COURSE_OFFERINGS, createOffering, idOf, newSession, offeringBody } from './course-offering-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

const post = (body: unknown) => t.api({ method: 'POST', path: COURSE_OFFERINGS, body: body as object });

describe('POST /ed-fi/courseOfferings', () => {
  it('creates (201, Location, quoted ETag), then upserts the same natural key (200, same Location)', async () => {
    const session = await newSession(t);
    const body = offeringBody(session);
    const created = await post(body);
    expect(created.status).toBe(201);
    expect(created.text).toBe('');
    expect(String(created.headers.location)).toMatch(new RegExp(`${COURSE_OFFERINGS}/[0-9a-f]{32}$`));
    expect(String(created.headers.etag)).toMatch(/^"\d+"$/);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.headers.location).toBe(created.headers.location);
    expect(again.headers.etag, 'an identical re-POST changes nothing').toBe(created.headers.etag);
    const changed = await post({ ...body, localCourseTitle: 'Changed title' });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(created.headers.etag);
    const read = await t.api({ path: `${COURSE_OFFERINGS}/${idOf(created.headers.location)}` });
    expect(read.json.localCourseTitle).toBe('Changed title');
  });

  it('answers a missing reference with the ODS message, PascalCase ("CourseReference is required.")', async () => {
    const session = await newSession(t);
    const { courseReference: _omit, ...body } = offeringBody(session);
    const reply = await post(body);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({
      type: 'urn:ed-fi:api:bad-request:data-validation-failed',
      detail: "Data validation failed. See 'validationErrors' for details.",
      status: 400,
    });
    expect(reply.json.validationErrors).toEqual({ '$.courseReference': ['CourseReference is required.'] });
  });

  it('collects every member error keyed by JSONPath', async () => {
    const reply = await post({
      localCourseCode: 'x'.repeat(61),
      courseReference: { courseCode: 'ALG-01' },
      schoolReference: { schoolId: 255901001 },
      sessionReference: { schoolId: 255901001, sessionName: 'S' },
      instructionalTimePlanned: 0,
      localCourseTitle: 't'.repeat(61),
    });
    expect(reply.status).toBe(400);
    expect(reply.json.validationErrors).toEqual({
      '$.localCourseCode': ['LocalCourseCode must be at most 60 characters in length.'],
      '$.courseReference': ['CourseReference is missing the following properties: EducationOrganizationId'],
      '$.sessionReference': ['SessionReference is missing the following properties: SchoolYear'],
      '$.instructionalTimePlanned': ['InstructionalTimePlanned must be greater than or equal to 1.'],
      '$.localCourseTitle': ['LocalCourseTitle must be at most 60 characters in length.'],
    });
  });

  it('refuses a school that differs from the session school (key unification)', async () => {
    const session = await newSession(t);
    const reply = await post(offeringBody(session, { schoolReference: { schoolId: OTHER_SCHOOL } }));
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json.validationErrors)).toEqual(['$.sessionReference.schoolId']);
    expect(reply.json.validationErrors['$.sessionReference.schoolId'][0]).toContain("All values supplied for 'schoolId' must match.");
  });

  it('accepts empty child collections and refuses a descriptor the host does not know (400)', async () => {
    const session = await newSession(t);
    const empty = await post(offeringBody(session, { courseLevelCharacteristics: [], curriculumUseds: [], offeredGradeLevels: [] }));
    expect(empty.status).toBe(201);
    const unknown = await post(offeringBody(session, { offeredGradeLevels: [{ gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' }] }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.validationErrors).toEqual({
      '$.offeredGradeLevels[0].gradeLevelDescriptor': ["GradeLevelDescriptor value 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade' does not exist."],
    });
  });

  it('refuses an id in the body, an empty body and a non-object body', async () => {
    const session = await newSession(t);
    const withId = await post({ id: 'abc', ...offeringBody(session) });
    expect(withId.status).toBe(400);
    expect(withId.json.detail).toBe('The request data was constructed incorrectly.');
    const empty = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: '', headers: { 'Content-Type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(empty.json.type).toBe('urn:ed-fi:api:bad-request');
    const array = await post([1]);
    expect(array.status).toBe(400);
    expect(Object.keys(array.json.validationErrors)).toEqual(['$']);
  });

  it('answers 409 unresolved-reference naming the Session, the Course or the School', async () => {
    const session = await newSession(t);
    const noSession = await post(offeringBody({ ...session, sessionName: 'No Such Session' }));
    expect([noSession.status, noSession.json.detail]).toEqual([409, "The referenced 'Session' item does not exist."]);
    const noCourse = await post(offeringBody(session, { courseReference: { courseCode: 'NOPE-99', educationOrganizationId: 255901001 } }));
    expect([noCourse.status, noCourse.json.detail]).toEqual([409, "The referenced 'Course' item does not exist."]);
    const noSchool = await post(offeringBody({ ...session, schoolId: 999999 }));
    expect([noSchool.status, noSchool.json.detail]).toEqual([409, "The referenced 'School' item does not exist."]);
  });

  it('honours If-Match on an upsert of an existing item (412 when stale)', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    const stale = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: { ...created.body, localCourseTitle: 'A' }, headers: { 'If-Match': '"123"' } });
    expect(stale.status).toBe(412);
    expect(stale.json.type).toBe('urn:ed-fi:api:optimistic-lock-failed');
    const current = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: { ...created.body, localCourseTitle: 'A' }, headers: { 'If-Match': created.etag } });
    expect(current.status).toBe(200);
  });
});

describe('PUT /ed-fi/courseOfferings/{id}', () => {
  it('updates non-key members (204, new ETag, Location), keeps the ETag when nothing changes, ignores a body id', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    const put = await t.api({ method: 'PUT', path: created.path, body: { id: 'ignored', ...created.body, instructionalTimePlanned: 90 } });
    expect(put.status).toBe(204);
    expect(put.headers.etag).not.toBe(created.etag);
    expect(String(put.headers.location)).toContain(created.path);
    const same = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, instructionalTimePlanned: 90 } });
    expect(same.status).toBe(204);
    expect(same.headers.etag).toBe(put.headers.etag);
    expect((await t.api({ path: created.path })).json.instructionalTimePlanned).toBe(90);
  });

  it('refuses a natural-key change with 400 key-change-not-supported and keeps the item', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    const other = await newSession(t);
    for (const changed of [
      { ...created.body, localCourseCode: 'RENAMED' },
      { ...created.body, sessionReference: { ...created.body.sessionReference, sessionName: other.sessionName } },
    ]) {
      const reply = await t.api({ method: 'PUT', path: created.path, body: changed });
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({
        type: 'urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported',
        title: 'Key Change Not Supported',
        detail: 'Identifying values for the CourseOffering data cannot be changed. Delete and recreate the item instead.',
      });
    }
    expect((await t.api({ path: created.path })).json.localCourseCode).toBe(created.body.localCourseCode);
  });

  it('answers 412 on a stale If-Match, 404 for an unknown id, 400 for a malformed id, 409 for an unknown course', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    const stale = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, localCourseTitle: 'B' }, headers: { 'If-Match': '"42"' } });
    expect(stale.status).toBe(412);
    const unknown = await t.api({ method: 'PUT', path: `${COURSE_OFFERINGS}/${'0'.repeat(31)}1`, body: created.body });
    expect([unknown.status, unknown.json.detail]).toEqual([404, 'Resource to update was not found.']);
    const malformed = await t.api({ method: 'PUT', path: `${COURSE_OFFERINGS}/abc`, body: created.body });
    expect([malformed.status, Object.keys(malformed.json.validationErrors)]).toEqual([400, ['$.id']]);
    const noCourse = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, courseReference: { courseCode: 'NOPE', educationOrganizationId: 255901001 } } });
    expect([noCourse.status, noCourse.json.detail]).toEqual([409, "The referenced 'Course' item does not exist."]);
    const empty = await t.api({ method: 'PUT', path: created.path, body: '', headers: { 'Content-Type': 'application/json' } });
    expect([empty.status, empty.json.validationErrors]).toEqual([400, { $: ['A non-empty request body is required.'] }]);
  });
});

describe('DELETE /ed-fi/courseOfferings/{id}', () => {
  it('answers 412 on a stale If-Match, 204 on the current one, then 404', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    expect((await t.api({ method: 'DELETE', path: created.path, headers: { 'If-Match': '"1"' } })).status).toBe(412);
    expect((await t.api({ method: 'DELETE', path: created.path, headers: { 'If-Match': created.etag } })).status).toBe(204);
    const again = await t.api({ method: 'DELETE', path: created.path });
    expect([again.status, again.json.detail]).toEqual([404, 'Resource to delete was not found.']);
    expect((await t.api({ method: 'DELETE', path: `${COURSE_OFFERINGS}/xyz` })).status).toBe(400);
  });

  it('frees the session for its own DELETE', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    expect((await t.api({ method: 'DELETE', path: `/data/v3/ed-fi/sessions/${session.id}` })).status).toBe(409);
    expect((await t.api({ method: 'DELETE', path: created.path })).status).toBe(204);
    expect((await t.api({ method: 'DELETE', path: `/data/v3/ed-fi/sessions/${session.id}` })).status).toBe(204);
  });
});

describe('methods and snapshots', () => {
  it('answers 405 with the ODS messages for PUT/DELETE on the collection, POST on an item, PATCH anywhere', async () => {
    const put = await t.api({ method: 'PUT', path: COURSE_OFFERINGS, body: {} });
    expect([put.status, put.json.errors?.[0]]).toEqual([405, expect.stringContaining('Resource collections cannot be replaced.')]);
    const del = await t.api({ method: 'DELETE', path: COURSE_OFFERINGS });
    expect([del.status, del.json.errors?.[0]]).toEqual([405, expect.stringContaining('Resource collections cannot be deleted.')]);
    const postItem = await t.api({ method: 'POST', path: `${COURSE_OFFERINGS}/${'a'.repeat(32)}`, body: {} });
    expect([postItem.status, postItem.json.errors?.[0]]).toEqual([405, expect.stringContaining('Resource items can only be updated using PUT.')]);
    const patch = await t.api({ method: 'PATCH', path: COURSE_OFFERINGS, body: {} });
    expect([patch.status, patch.json.errors?.[0]]).toEqual([405, "The endpoint of the request does not support the 'PATCH' method."]);
  });

  it('refuses a write carrying Use-Snapshot (405 snapshots:method-not-allowed)', async () => {
    const session = await newSession(t);
    const reply = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: offeringBody(session), headers: { 'Use-Snapshot': 'false' } });
    expect([reply.status, reply.json.type]).toEqual([405, 'urn:ed-fi:api:snapshots:method-not-allowed']);
  });
});
