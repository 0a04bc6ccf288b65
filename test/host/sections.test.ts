// ed-fi/sections on the reference host, served only as a course offering's dependent: POST upsert
// by natural key (201 then 200), GET by id, GET-many filtered by identifier, DELETE by id, the required members, an unresolved
// course offering, the claims; and what it is there for: a referenced course offering's DELETE
// answers 409 dependent-item-exists and leaves the offering, and a session rename reaches the
// section through the offering (ON UPDATE CASCADE, as in ODS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, startTestHost, uniqueName } from './host-fixture.js';
import { COURSE_OFFERINGS, createOffering, idOf, newSession, offeringBody } from './course-offering-fixture.js';

const SECTIONS = '/data/v3/ed-fi/sections';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

function sectionBody(offering: Record<string, any>, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    sectionIdentifier: uniqueName('SEC'),
    courseOfferingReference: {
      localCourseCode: offering.localCourseCode,
      schoolId: offering.schoolReference.schoolId,
      schoolYear: offering.sessionReference.schoolYear,
      sessionName: offering.sessionReference.sessionName,
    },
    ...overrides,
  };
}

async function newOffering() {
  const session = await newSession(t);
  return { session, offering: await createOffering(t, offeringBody(session)) };
}

describe('ed-fi/sections', () => {
  it('creates (201, Location, ETag), upserts the same key (200, same Location), reads it back, deletes it (204, then 404)', async () => {
    const { offering } = await newOffering();
    const body = sectionBody(offering.body, { sectionName: 'Period 1' });
    const created = await t.api({ method: 'POST', path: SECTIONS, body });
    expect(created.status).toBe(201);
    expect(String(created.headers.location)).toMatch(new RegExp(`${SECTIONS}/[0-9a-f]{32}$`));
    expect(String(created.headers.etag)).toMatch(/^"\d+"$/);
    const again = await t.api({ method: 'POST', path: SECTIONS, body: { ...body, sectionName: 'Period 2' } });
    expect([again.status, again.headers.location]).toEqual([200, created.headers.location]);
    const path = `${SECTIONS}/${idOf(created.headers.location)}`;
    const read = await t.api({ path });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      id: idOf(created.headers.location),
      sectionIdentifier: body.sectionIdentifier,
      courseOfferingReference: { ...body.courseOfferingReference, link: { rel: 'CourseOffering', href: `/ed-fi/courseOfferings/${offering.id}` } },
      sectionName: 'Period 2',
    });
    expect(read.headers.etag).toBe(again.headers.etag);
    expect((await t.api({ method: 'DELETE', path })).status).toBe(204);
    expect((await t.api({ path })).status).toBe(404);
  });

  it('lists sections filtered by their identifier (what a sweep looks a lost POST up by), and refuses PUT on the collection', async () => {
    const { offering } = await newOffering();
    const body = sectionBody(offering.body);
    const created = await t.api({ method: 'POST', path: SECTIONS, body });
    const listed = await t.api({ path: `${SECTIONS}?sectionIdentifier=${encodeURIComponent(body.sectionIdentifier)}&schoolId=${body.courseOfferingReference.schoolId}` });
    expect(listed.status).toBe(200);
    expect(listed.json.map((s: { id: string }) => s.id)).toEqual([idOf(created.headers.location)]);
    expect((await t.api({ path: `${SECTIONS}?sectionIdentifier=no-such-section` })).json).toEqual([]);
    expect((await t.api({ method: 'PUT', path: SECTIONS, body: {} })).status).toBe(405);
  });

  it('requires sectionIdentifier and courseOfferingReference, and answers an unknown offering with 409 unresolved-reference', async () => {
    const missing = await t.api({ method: 'POST', path: SECTIONS, body: { sectionName: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.json.validationErrors).toEqual({
      '$.sectionIdentifier': ['SectionIdentifier is required.'],
      '$.courseOfferingReference': ['CourseOfferingReference is required.'],
    });
    const { offering } = await newOffering();
    const unknown = await t.api({ method: 'POST', path: SECTIONS, body: sectionBody({ ...offering.body, localCourseCode: 'NO-SUCH-CODE' }) });
    expect([unknown.status, unknown.json.detail]).toEqual([409, "The referenced 'CourseOffering' item does not exist."]);
  });

  it('asks the client for its claim: a client without one gets 403, a read-only client may read but not write', async () => {
    const { offering } = await newOffering();
    expect((await t.api({ method: 'POST', path: SECTIONS, body: sectionBody(offering.body) }, 'noSessionsClaim')).status).toBe(403);
    expect((await t.api({ method: 'POST', path: SECTIONS, body: sectionBody(offering.body) }, 'readOnly')).status).toBe(403);
  });

  it('blocks the DELETE of the course offering it references (409 dependent-item-exists, offering kept) until it is deleted', async () => {
    const { offering } = await newOffering();
    const created = await t.api({ method: 'POST', path: SECTIONS, body: sectionBody(offering.body) });
    expect(created.status).toBe(201);
    const refused = await t.api({ method: 'DELETE', path: offering.path });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      type: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
      detail: "The requested action cannot be performed because this item is referenced by an existing 'Section' item.",
    });
    expect((await t.api({ path: offering.path })).status).toBe(200);
    expect((await t.api({ method: 'DELETE', path: `${SECTIONS}/${idOf(created.headers.location)}` })).status).toBe(204);
    expect((await t.api({ method: 'DELETE', path: offering.path })).status).toBe(204);
  });

  it('follows a session rename through its course offering (ON UPDATE CASCADE)', async () => {
    const { session, offering } = await newOffering();
    const created = await t.api({ method: 'POST', path: SECTIONS, body: sectionBody(offering.body) });
    const renamed = uniqueName('Renamed');
    const put = await t.api({ method: 'PUT', path: `/data/v3/ed-fi/sessions/${session.id}`, body: { ...session.body, sessionName: renamed } });
    expect(put.status).toBe(204);
    const read = await t.api({ path: `${SECTIONS}/${idOf(created.headers.location)}` });
    expect(read.json.courseOfferingReference.sessionName).toBe(renamed);
    expect((await t.api({ path: `${COURSE_OFFERINGS}/${offering.id}` })).json.sessionReference.sessionName).toBe(renamed);
  });
});
