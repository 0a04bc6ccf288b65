// ed-fi/courseOfferings reads on the reference host: GET by id (shape, links, ETag, 304), GET-many
// (filters, limit/offset, Total-Count, cursor paging, partitions), change versions, /deletes and
// /keyChanges (a session rename cascades into the offering's own key changes), and authorization
// with the same client roles as sessions (CONTRACT.md §1.3, §3, §4, §5, §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_SCHOOL, PRIMARY_SCHOOL, type TestHost, startTestHost } from './host-fixture.js';
import { COURSE_OFFERINGS, createOffering, newSession, offeringBody } from './course-offering-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

async function newestChangeVersion(): Promise<number> {
  return (await t.api({ path: '/changeQueries/v1/availableChangeVersions' })).json.newestChangeVersion;
}

describe('GET /ed-fi/courseOfferings/{id}', () => {
  it('renders the ODS members in order with links, _etag equal to the ETag header, and 304 on If-None-Match', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session, { localCourseTitle: 'Algebra' }));
    const read = await t.api({ path: created.path });
    expect(read.status).toBe(200);
    expect(Object.keys(read.json)).toEqual([
      'id', 'localCourseCode', 'courseReference', 'schoolReference', 'sessionReference', 'courseLevelCharacteristics',
      'curriculumUseds', 'localCourseTitle', 'offeredGradeLevels', '_etag', '_lastModifiedDate',
    ]);
    expect(read.json.id).toBe(created.id);
    expect(read.json.sessionReference).toMatchObject({ schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: session.sessionName });
    expect(read.json.sessionReference.link).toEqual({ rel: 'Session', href: `/ed-fi/sessions/${session.id}` });
    expect(read.json.courseReference.link.href).toMatch(/^\/ed-fi\/courses\/[0-9a-f]{32}$/);
    expect(read.headers.etag).toBe(`"${read.json._etag}"`);
    expect(read.headers.etag).toBe(created.etag);
    const notModified = await t.api({ path: created.path, headers: { 'If-None-Match': String(read.headers.etag) } });
    expect([notModified.status, notModified.text]).toEqual([304, '']);
  });

  it('answers the generic 404 for a malformed id and "could not be found" for an unknown one', async () => {
    expect((await t.api({ path: `${COURSE_OFFERINGS}/not-a-guid` })).json.detail).toBe('The specified data could not be found.');
    const unknown = await t.api({ path: `${COURSE_OFFERINGS}/${'f'.repeat(32)}` });
    expect([unknown.status, unknown.json.detail]).toEqual([404, 'The specified item could not be found.']);
  });
});

describe('GET /ed-fi/courseOfferings', () => {
  it('filters by every key member and by course, answers Total-Count, refuses a non-integer schoolId', async () => {
    const session = await newSession(t);
    const a = await createOffering(t, offeringBody(session));
    await createOffering(t, offeringBody(session, { courseReference: { courseCode: 'BIO-02', educationOrganizationId: PRIMARY_SCHOOL } }));
    const bySession = await t.api({ path: `${COURSE_OFFERINGS}?sessionName=${encodeURIComponent(session.sessionName)}&totalCount=true` });
    expect(bySession.json).toHaveLength(2);
    expect(bySession.headers['total-count']).toBe('2');
    const byCode = await t.api({ path: `${COURSE_OFFERINGS}?localCourseCode=${encodeURIComponent(a.body.localCourseCode)}&schoolId=${PRIMARY_SCHOOL}&schoolYear=2025` });
    expect(byCode.json.map((o: any) => o.id)).toEqual([a.id]);
    const byCourse = await t.api({ path: `${COURSE_OFFERINGS}?sessionName=${encodeURIComponent(session.sessionName)}&courseCode=BIO-02` });
    expect(byCourse.json).toHaveLength(1);
    const byId = await t.api({ path: `${COURSE_OFFERINGS}?id=${a.id}` });
    expect(byId.json.map((o: any) => o.id)).toEqual([a.id]);
    const bad = await t.api({ path: `${COURSE_OFFERINGS}?schoolId=abc` });
    expect([bad.status, bad.json.validationErrors]).toEqual([400, { '$.schoolId': ["The value 'abc' is not valid for SchoolId."] }]);
  });

  it('answers 304 to a list ETag still current, and 404 "Snapshot not found." to Use-Snapshot: true without a snapshot', async () => {
    const session = await newSession(t);
    await createOffering(t, offeringBody(session));
    const path = `${COURSE_OFFERINGS}?sessionName=${encodeURIComponent(session.sessionName)}`;
    const first = await t.api({ path });
    expect(first.headers.etag).toBeTruthy();
    expect((await t.api({ path, headers: { 'If-None-Match': String(first.headers.etag) } })).status).toBe(304);
    for (const target of [path, `${COURSE_OFFERINGS}/deletes`, `${COURSE_OFFERINGS}/keyChanges`, `${COURSE_OFFERINGS}/partitions`]) {
      const reply = await t.api({ path: target, headers: { 'Use-Snapshot': 'true' } });
      expect([reply.status, reply.json.detail], target).toEqual([404, 'Snapshot not found.']);
    }
  });

  it('pages by limit/offset and by cursor over the same items in the same order', async () => {
    const session = await newSession(t);
    for (let i = 0; i < 5; i++) await createOffering(t, offeringBody(session));
    const filter = `sessionName=${encodeURIComponent(session.sessionName)}`;
    const all = (await t.api({ path: `${COURSE_OFFERINGS}?${filter}` })).json.map((o: any) => o.id);
    expect(all).toHaveLength(5);
    const second = await t.api({ path: `${COURSE_OFFERINGS}?${filter}&limit=2&offset=2` });
    expect(second.json.map((o: any) => o.id)).toEqual(all.slice(2, 4));
    const walked: string[] = [];
    const first = await t.api({ path: `${COURSE_OFFERINGS}?${filter}&limit=2` });
    walked.push(...first.json.map((o: any) => o.id));
    let token = first.headers['next-page-token'];
    for (let guard = 0; token && guard < 10; guard++) {
      const page = await t.api({ path: `${COURSE_OFFERINGS}?${filter}&pageToken=${token}&pageSize=2` });
      expect(page.status).toBe(200);
      walked.push(...page.json.map((o: any) => o.id));
      token = page.json.length > 0 ? page.headers['next-page-token'] : undefined;
    }
    expect(walked).toEqual(all);
    const mixed = await t.api({ path: `${COURSE_OFFERINGS}?pageToken=${first.headers['next-page-token']}&offset=1` });
    expect(mixed.status).toBe(400);
    expect(mixed.json.type).toBe('urn:ed-fi:api:bad-request:parameter-validation-failed');
    const tooMany = await t.api({ path: `${COURSE_OFFERINGS}?limit=501` });
    expect([tooMany.status, tooMany.json.errors]).toEqual([400, ['Limit must be a value between 0 and 500.']]);
  });

  it('splits the matching items into partitions whose cursor walks cover them all once', async () => {
    const session = await newSession(t);
    for (let i = 0; i < 4; i++) await createOffering(t, offeringBody(session));
    const filter = `sessionName=${encodeURIComponent(session.sessionName)}`;
    const all = (await t.api({ path: `${COURSE_OFFERINGS}?${filter}` })).json.map((o: any) => o.id);
    const partitions = await t.api({ path: `${COURSE_OFFERINGS}/partitions?${filter}&number=2&allowSmallPartitions=true` });
    expect(partitions.status).toBe(200);
    expect(partitions.json.pageTokens).toHaveLength(2);
    const seen: string[] = [];
    for (const token of partitions.json.pageTokens) {
      seen.push(...(await t.api({ path: `${COURSE_OFFERINGS}?${filter}&pageToken=${token}&pageSize=500` })).json.map((o: any) => o.id));
    }
    expect(seen).toEqual(all);
    expect((await t.api({ path: `${COURSE_OFFERINGS}/partitions?number=0` })).status).toBe(400);
  });

  it('filters by minChangeVersion/maxChangeVersion (inclusive) and moves an item on update', async () => {
    const session = await newSession(t);
    const before = await newestChangeVersion();
    const created = await createOffering(t, offeringBody(session));
    const afterCreate = await newestChangeVersion();
    const window = (min: number, max: number) =>
      t.api({ path: `${COURSE_OFFERINGS}?sessionName=${encodeURIComponent(session.sessionName)}&minChangeVersion=${min}&maxChangeVersion=${max}` });
    expect((await window(before + 1, afterCreate)).json.map((o: any) => o.id)).toEqual([created.id]);
    await t.api({ method: 'PUT', path: created.path, body: { ...created.body, localCourseTitle: 'moved' } });
    expect((await window(before + 1, afterCreate)).json).toEqual([]);
    expect((await window(afterCreate + 1, await newestChangeVersion())).json.map((o: any) => o.id)).toEqual([created.id]);
  });
});

describe('tracked changes of course offerings', () => {
  it('lists a delete under /deletes with the four key values, and not once the key exists again', async () => {
    const session = await newSession(t);
    const start = (await newestChangeVersion()) + 1;
    const created = await createOffering(t, offeringBody(session));
    await t.api({ method: 'DELETE', path: created.path });
    const deletes = await t.api({ path: `${COURSE_OFFERINGS}/deletes?minChangeVersion=${start}` });
    expect(deletes.status).toBe(200);
    expect(deletes.json).toEqual([
      {
        id: created.id,
        changeVersion: expect.any(Number),
        keyValues: { localCourseCode: created.body.localCourseCode, schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: session.sessionName },
      },
    ]);
    await createOffering(t, created.body);
    expect((await t.api({ path: `${COURSE_OFFERINGS}/deletes?minChangeVersion=${start}` })).json).toEqual([]);
  });

  it("shows a session rename in the offering's own /keyChanges, _lastModifiedDate and change-version window", async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    const before = (await t.api({ path: created.path })).json;
    const start = (await newestChangeVersion()) + 1;
    const renamed = `${session.sessionName} R`;
    const put = await t.api({ method: 'PUT', path: `/data/v3/ed-fi/sessions/${session.id}`, body: { ...session.body, sessionName: renamed } });
    expect(put.status).toBe(204);
    const keyChanges = await t.api({ path: `${COURSE_OFFERINGS}/keyChanges?minChangeVersion=${start}` });
    expect(keyChanges.json).toEqual([
      {
        id: created.id,
        changeVersion: expect.any(Number),
        oldKeyValues: { localCourseCode: created.body.localCourseCode, schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: session.sessionName },
        newKeyValues: { localCourseCode: created.body.localCourseCode, schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: renamed },
      },
    ]);
    const after = (await t.api({ path: created.path })).json;
    expect(after.sessionReference.sessionName).toBe(renamed);
    expect(after._lastModifiedDate).not.toBe(before._lastModifiedDate);
    const windowed = await t.api({ path: `${COURSE_OFFERINGS}?minChangeVersion=${start}&id=${created.id}` });
    expect(windowed.json.map((o: any) => o.id)).toEqual([created.id]);
  });

  it('answers 404 feature-disabled when change queries are off', async () => {
    const off = await startTestHost({ changeQueries: false });
    try {
      for (const path of [`${COURSE_OFFERINGS}/deletes`, `${COURSE_OFFERINGS}/keyChanges`]) {
        const reply = await off.api({ path });
        expect([reply.status, reply.json.type], path).toEqual([404, 'urn:ed-fi:api:system:configuration:feature-disabled']);
      }
    } finally {
      await off.stop();
    }
  });
});

describe('authorization (the client roles of sessions)', () => {
  it('lets readOnly read and refuses its writes with the courseOffering claim named', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    expect((await t.api({ path: created.path }, 'readOnly')).status).toBe(200);
    expect((await t.api({ path: COURSE_OFFERINGS }, 'readOnly')).status).toBe(200);
    for (const [method, path] of [['POST', COURSE_OFFERINGS], ['PUT', created.path], ['DELETE', created.path]] as const) {
      const reply = await t.api({ method, path, body: method === 'DELETE' ? undefined : created.body }, 'readOnly');
      expect(reply.status, method).toBe(403);
      expect(reply.json.errors[0], method).toContain("action on the 'http://ed-fi.org/identity/claims/ed-fi/courseOffering' resource");
    }
  });

  it('refuses every operation to a client without the claim (noSessionsClaim)', async () => {
    const session = await newSession(t);
    const created = await createOffering(t, offeringBody(session));
    for (const path of [COURSE_OFFERINGS, created.path, `${COURSE_OFFERINGS}/deletes`, `${COURSE_OFFERINGS}/keyChanges`, `${COURSE_OFFERINGS}/partitions`]) {
      const reply = await t.api({ path }, 'noSessionsClaim');
      expect([reply.status, reply.json.type], path).toEqual([403, 'urn:ed-fi:api:security:authorization']);
    }
    expect((await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: offeringBody(session) }, 'noSessionsClaim')).status).toBe(403);
  });

  it("scopes otherSchool to its school: lists only its offerings, 403 on the primary school's", async () => {
    const primary = await createOffering(t, offeringBody(await newSession(t)));
    const otherSession = await newSession(t, OTHER_SCHOOL);
    const own = await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: offeringBody(otherSession) }, 'otherSchool');
    expect(own.status).toBe(201);
    const listed = (await t.api({ path: `${COURSE_OFFERINGS}?limit=500` }, 'otherSchool')).json;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((o: any) => o.schoolReference.schoolId === OTHER_SCHOOL)).toBe(true);
    expect((await t.api({ path: primary.path }, 'otherSchool')).status).toBe(403);
    expect((await t.api({ method: 'PUT', path: primary.path, body: primary.body }, 'otherSchool')).status).toBe(403);
    expect((await t.api({ method: 'DELETE', path: primary.path }, 'otherSchool')).status).toBe(403);
    expect((await t.api({ method: 'POST', path: COURSE_OFFERINGS, body: primary.body }, 'otherSchool')).status).toBe(403);
  });
});
