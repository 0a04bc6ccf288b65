// The seeded dependency resources (read-only) and course offerings (CONTRACT.md §6, DESIGN.md
// "Seeded data"): shapes, filters, paging bounds, GET by id, and who may write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, OTHER_SCHOOL, PRIMARY_SCHOOL, createSession, startTestHost, uniqueName } from './host-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

const ED_FI = '/data/v3/ed-fi';

describe('seeded read-only resources', () => {
  it('lists the three schools', async () => {
    const reply = await t.api({ path: `${ED_FI}/schools` });
    expect(reply.status).toBe(200);
    expect(reply.json.map((s: any) => s.schoolId)).toEqual([255901001, 255901044, 255901107]);
    expect(reply.json[0].id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lists schoolYearTypes 2020..2030 with 2025 current', async () => {
    const reply = await t.api({ path: `${ED_FI}/schoolYearTypes` });
    expect(reply.json.map((y: any) => y.schoolYear)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(reply.json.filter((y: any) => y.currentSchoolYear).map((y: any) => y.schoolYear)).toEqual([2025]);
  });

  it('lists the four term descriptors and filters by codeValue', async () => {
    const all = await t.api({ path: `${ED_FI}/termDescriptors` });
    expect(all.json.map((d: any) => `${d.namespace}#${d.codeValue}`)).toEqual([
      'uri://ed-fi.org/TermDescriptor#Fall Semester',
      'uri://ed-fi.org/TermDescriptor#Spring Semester',
      'uri://ed-fi.org/TermDescriptor#Summer Semester',
      'uri://ed-fi.org/TermDescriptor#Year Round',
    ]);
    const one = await t.api({ path: `${ED_FI}/termDescriptors?codeValue=Year%20Round` });
    expect(one.json).toHaveLength(1);
    expect(one.json[0].shortDescription).toBe('Year Round');
  });

  it('lists grading period descriptors', async () => {
    const reply = await t.api({ path: `${ED_FI}/gradingPeriodDescriptors` });
    expect(reply.json.length).toBeGreaterThanOrEqual(2);
    expect(reply.json[0].namespace).toBe('uri://ed-fi.org/GradingPeriodDescriptor');
  });

  it('filters grading periods by schoolId and schoolYear', async () => {
    const reply = await t.api({ path: `${ED_FI}/gradingPeriods?schoolId=${OTHER_SCHOOL}&schoolYear=2026` });
    expect(reply.json.length).toBeGreaterThan(0);
    expect(reply.json.every((g: any) => g.schoolReference.schoolId === OTHER_SCHOOL && g.schoolYearTypeReference.schoolYear === 2026)).toBe(true);
    expect(reply.json[0].gradingPeriodDescriptor).toMatch(/^uri:\/\/ed-fi.org\/GradingPeriodDescriptor#/);
  });

  it('has at least four academic weeks per school with identifiers of 5+ characters', async () => {
    for (const schoolId of [255901001, 255901044, 255901107]) {
      const reply = await t.api({ path: `${ED_FI}/academicWeeks?schoolId=${schoolId}` });
      expect(reply.json.length).toBeGreaterThanOrEqual(4);
      expect(reply.json.every((w: any) => w.weekIdentifier.length >= 5 && w.schoolReference.schoolId === schoolId)).toBe(true);
    }
  });

  it('has at least two courses per school, filtered by educationOrganizationId', async () => {
    const reply = await t.api({ path: `${ED_FI}/courses?educationOrganizationId=${PRIMARY_SCHOOL}` });
    expect(reply.json.length).toBeGreaterThanOrEqual(2);
    expect(reply.json[0].educationOrganizationReference.educationOrganizationId).toBe(PRIMARY_SCHOOL);
  });

  it('pages with limit/offset, counts with totalCount, and refuses bad bounds', async () => {
    const page = await t.api({ path: `${ED_FI}/gradingPeriods?limit=2&offset=1&totalCount=true` });
    expect(page.json).toHaveLength(2);
    expect(Number(page.headers['total-count'])).toBe(54);
    const tooMany = await t.api({ path: `${ED_FI}/schools?limit=501` });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.errors).toEqual(['Limit must be a value between 0 and 500.']);
    const negative = await t.api({ path: `${ED_FI}/schools?offset=-1` });
    expect(negative.json.errors).toEqual(['Offset cannot be a negative value.']);
  });

  it('reads an item by id and answers 404 for unknown ids; writes are 405', async () => {
    const list = await t.api({ path: `${ED_FI}/schools?limit=1` });
    const item = await t.api({ path: `${ED_FI}/schools/${list.json[0].id}` });
    expect(item.json).toEqual(list.json[0]);
    expect(item.headers.etag).toBe(`"${list.json[0]._etag}"`);
    expect((await t.api({ path: `${ED_FI}/schools/${'3'.repeat(32)}` })).status).toBe(404);
    expect((await t.api({ method: 'POST', path: `${ED_FI}/schools`, body: {} })).status).toBe(405);
  });

  it('lets any client with a token read them', async () => {
    expect((await t.api({ path: `${ED_FI}/academicWeeks` }, 'readOnly')).status).toBe(200);
    expect((await t.api({ path: `${ED_FI}/courses` }, 'otherSchool')).status).toBe(200);
  });
});

describe('/ed-fi/courseOfferings', () => {
  function offering(session: Record<string, any>, localCourseCode: string) {
    return {
      localCourseCode,
      courseReference: { courseCode: 'BIO-02', educationOrganizationId: PRIMARY_SCHOOL },
      schoolReference: { schoolId: PRIMARY_SCHOOL },
      sessionReference: { schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: session.sessionName },
    };
  }

  it('upserts (201 then 200), lists by sessionName, reads by id and deletes', async () => {
    const session = await createSession(t);
    const code = uniqueName('C').slice(0, 12);
    const created = await t.api({ method: 'POST', path: `${ED_FI}/courseOfferings`, body: offering(session.body, code) });
    expect(created.status).toBe(201);
    const again = await t.api({ method: 'POST', path: `${ED_FI}/courseOfferings`, body: offering(session.body, code) });
    expect(again.status).toBe(200);
    expect(again.headers.location).toBe(created.headers.location);
    const list = await t.api({ path: `${ED_FI}/courseOfferings?sessionName=${encodeURIComponent(session.body.sessionName)}` });
    expect(list.json).toHaveLength(1);
    expect(list.json[0].sessionReference).toMatchObject({ schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: session.body.sessionName });
    const id = String(created.headers.location).split('/').pop();
    expect((await t.api({ path: `${ED_FI}/courseOfferings/${id}` })).json.localCourseCode).toBe(code);
    expect((await t.api({ method: 'DELETE', path: `${ED_FI}/courseOfferings/${id}` })).status).toBe(204);
    expect((await t.api({ path: `${ED_FI}/courseOfferings/${id}` })).status).toBe(404);
  });

  it('answers 409 when the session does not exist', async () => {
    const reply = await t.api({ method: 'POST', path: `${ED_FI}/courseOfferings`, body: offering({ sessionName: 'No Such Session' }, 'X1') });
    expect(reply.status).toBe(409);
    expect(reply.json.detail).toBe("The referenced 'Session' item does not exist.");
  });

  it('refuses writes from readOnly and otherSchool (403)', async () => {
    const session = await createSession(t);
    for (const role of ['readOnly', 'otherSchool'] as const) {
      const reply = await t.api({ method: 'POST', path: `${ED_FI}/courseOfferings`, body: offering(session.body, 'RO1') }, role);
      expect(reply.status, role).toBe(403);
    }
  });
});
