// Request validation of session writes (CONTRACT.md §1.2, §1.6, §2.3, §6): body transport,
// required members, lengths, integers, dates, descriptors, key unification, duplicates, and the
// lenient cases ODS accepts (unknown members, case-insensitive names, numeric strings).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, OTHER_SCHOOL, SESSIONS, createSession, sessionBody, startTestHost } from './host-fixture.js';

let t: TestHost;
let existingPath: string;
beforeAll(async () => {
  t = await startTestHost();
  existingPath = (await createSession(t)).path;
});
afterAll(async () => t?.stop());

const DVF = 'urn:ed-fi:api:bad-request:data-validation-failed';

type Mutation = (body: Record<string, any>) => void;

/** [label, mutation, JSONPath expected among validationErrors keys, message pattern] */
const invalidBodies: Array<[string, Mutation, string, RegExp]> = [
  ['sessionName missing', (b) => delete b.sessionName, '$.sessionName', /^SessionName is required\.$/],
  ['sessionName null', (b) => (b.sessionName = null), '$.sessionName', /is required/],
  ['sessionName empty', (b) => (b.sessionName = ''), '$.sessionName', /should not be left empty/],
  ['sessionName whitespace', (b) => (b.sessionName = '   '), '$.sessionName', /should not be left empty/],
  ['sessionName 61 chars', (b) => (b.sessionName = 'x'.repeat(61)), '$.sessionName', /at most 60 characters/],
  ['sessionName object', (b) => (b.sessionName = { a: 1 }), '$.sessionName', /string/],
  ['termDescriptor without #', (b) => (b.termDescriptor = 'Fall Semester'), '$.termDescriptor', /a '#' is expected/],
  ['termDescriptor unknown', (b) => (b.termDescriptor = 'uri://ed-fi.org/TermDescriptor#Nope'), '$.termDescriptor', /^TermDescriptor value 'uri:\/\/ed-fi.org\/TermDescriptor#Nope' does not exist\.$/],
  ['termDescriptor 307 chars', (b) => (b.termDescriptor = `uri://x#${'y'.repeat(299)}`), '$.termDescriptor', /at most 306/],
  ['beginDate missing', (b) => delete b.beginDate, '$.beginDate', /BeginDate is required/],
  ['beginDate Feb 30', (b) => (b.beginDate = '2024-02-30'), '$.beginDate', /date/],
  ['endDate month 13', (b) => (b.endDate = '2024-13-01'), '$.endDate', /date/],
  ['endDate compact', (b) => (b.endDate = '20241220'), '$.endDate', /date/],
  ['beginDate with time', (b) => (b.beginDate = '2024-08-19T00:00:00Z'), '$.beginDate', /date/],
  ['beginDate boolean', (b) => (b.beginDate = true), '$.beginDate', /date/],
  ['totalInstructionalDays missing', (b) => delete b.totalInstructionalDays, '$.totalInstructionalDays', /is required/],
  ['totalInstructionalDays negative', (b) => (b.totalInstructionalDays = -1), '$.totalInstructionalDays', /greater than or equal to 0/],
  ['totalInstructionalDays word', (b) => (b.totalInstructionalDays = 'eighty'), '$.totalInstructionalDays', /integer/],
  ['totalInstructionalDays fraction', (b) => (b.totalInstructionalDays = 12.5), '$.totalInstructionalDays', /integer/],
  ['totalInstructionalDays int32 overflow', (b) => (b.totalInstructionalDays = 2147483648), '$.totalInstructionalDays', /between/],
  ['totalInstructionalDays boolean', (b) => (b.totalInstructionalDays = true), '$.totalInstructionalDays', /integer/],
  ['schoolReference missing', (b) => delete b.schoolReference, '$.schoolReference', /SchoolReference is required/],
  ['schoolReference empty', (b) => (b.schoolReference = {}), '$.schoolReference', /missing the following properties: SchoolId/],
  ['schoolReference array', (b) => (b.schoolReference = [b.schoolReference]), '$.schoolReference', /object/],
  ['schoolId word', (b) => (b.schoolReference = { schoolId: 'Lakeside' }), '$.schoolReference.schoolId', /integer/],
  ['schoolYear word', (b) => (b.schoolYearTypeReference = { schoolYear: 'next year' }), '$.schoolYearTypeReference.schoolYear', /integer/],
  ['gradingPeriods object', (b) => (b.gradingPeriods = {}), '$.gradingPeriods', /array/],
  ['gradingPeriodName 61 chars', (b) => (b.gradingPeriods[0].gradingPeriodReference.gradingPeriodName = 'g'.repeat(61)), '$.gradingPeriods[0].gradingPeriodReference.gradingPeriodName', /at most 60/],
  ['gradingPeriodDescriptor unknown', (b) => (b.gradingPeriods[0].gradingPeriodReference.gradingPeriodDescriptor = 'uri://ed-fi.org/GradingPeriodDescriptor#Nope'), '$.gradingPeriods[0].gradingPeriodReference.gradingPeriodDescriptor', /does not exist/],
  ['gradingPeriodReference incomplete', (b) => delete b.gradingPeriods[0].gradingPeriodReference.gradingPeriodName, '$.gradingPeriods[0].gradingPeriodReference', /missing the following properties: GradingPeriodName/],
  ['weekIdentifier 4 chars', (b) => (b.academicWeeks[0].academicWeekReference.weekIdentifier = 'Wk01'), '$.academicWeeks[0].academicWeekReference.weekIdentifier', /between 5 and 80/],
  ['weekIdentifier 81 chars', (b) => (b.academicWeeks[0].academicWeekReference.weekIdentifier = 'w'.repeat(81)), '$.academicWeeks[0].academicWeekReference.weekIdentifier', /between 5 and 80/],
  ['grading period of another school', (b) => (b.gradingPeriods[0].gradingPeriodReference.schoolId = OTHER_SCHOOL), '$.gradingPeriods[0].gradingPeriodReference.schoolId', /^All values supplied for 'schoolId' must match\./],
  ['grading period of another year', (b) => (b.gradingPeriods[0].gradingPeriodReference.schoolYear = 2026), '$.gradingPeriods[0].gradingPeriodReference.schoolYear', /^All values supplied for 'schoolYear' must match\./],
  ['academic week of another school', (b) => (b.academicWeeks[0].academicWeekReference.schoolId = OTHER_SCHOOL), '$.academicWeeks[0].academicWeekReference.schoolId', /'255901001', '255901044'/],
  ['duplicate grading periods', (b) => b.gradingPeriods.push(structuredClone(b.gradingPeriods[0])), '$.gradingPeriods', /^The 2nd item of the SessionGradingPeriods has the same identifying values/],
  ['duplicate academic weeks', (b) => b.academicWeeks.push(structuredClone(b.academicWeeks[0])), '$.academicWeeks', /^The 2nd item of the SessionAcademicWeeks/],
];

describe.each(['POST', 'PUT'])('%s validation', (method) => {
  const path = () => (method === 'POST' ? SESSIONS : existingPath);

  it.each(invalidBodies)('400 for %s', async (_label, mutate, jsonPath, message) => {
    const body = sessionBody();
    mutate(body);
    const reply = await t.api({ method, path: path(), body });
    expect(reply.status).toBe(400);
    expect(reply.json.type).toBe(DVF);
    expect(reply.json.detail).toBe("Data validation failed. See 'validationErrors' for details.");
    expect(Object.keys(reply.json.validationErrors)).toContain(jsonPath);
    expect(reply.json.validationErrors[jsonPath].some((m: string) => message.test(m))).toBe(true);
  });

  it('reports every missing required member of {} at once', async () => {
    const reply = await t.api({ method, path: path(), body: {} });
    expect(Object.keys(reply.json.validationErrors).sort()).toEqual(
      ['$.beginDate', '$.endDate', '$.schoolReference', '$.schoolYearTypeReference', '$.sessionName', '$.termDescriptor', '$.totalInstructionalDays'].sort(),
    );
  });

  it.each([
    ['a JSON array', JSON.stringify([sessionBody()])],
    ['a JSON string', JSON.stringify('session')],
    ['malformed JSON', JSON.stringify(sessionBody()).slice(0, -1)],
  ])('400 data-validation-failed for %s', async (_label, text) => {
    const reply = await t.api({ method, path: path(), body: text, headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.json.type).toBe(DVF);
  });

  it('400 for bytes that are not UTF-8', async () => {
    const bytes = Buffer.from(JSON.stringify(sessionBody({ sessionName: 'Xutf' })));
    bytes[bytes.indexOf('Xutf')] = 0xff;
    const reply = await t.api({ method, path: path(), body: bytes, headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.json.type).toBe(DVF);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['application/xml', 'application/xml'],
  ])('415 for Content-Type %s', async (_label, contentType) => {
    const reply = await t.api({ method, path: path(), body: JSON.stringify(sessionBody()), headers: { 'Content-Type': contentType } });
    expect(reply.status).toBe(415);
    expect(reply.json.type).toBe('urn:ed-fi:api:unsupported-media-type');
  });

  it('415 when Content-Type is missing', async () => {
    const reply = await t.api({ method, path: path(), body: Buffer.from(JSON.stringify(sessionBody())) });
    expect(reply.status).toBe(415);
  });

  it('accepts unknown members, PascalCase names, read-only members, links and numeric strings', async () => {
    const body = sessionBody();
    const lenient: Record<string, any> = {
      ...body,
      SessionName: body.sessionName,
      BeginDate: '8/19/2024',
      totalInstructionalDays: '81',
      conformanceNote: 'ignored',
      _etag: '5250374366428622464',
      _lastModifiedDate: '2024-12-03T15:00:00.123456Z',
      schoolReference: { ...body.schoolReference, link: { rel: 'School', href: '/ed-fi/schools/0' }, nickname: 'x' },
    };
    delete lenient.sessionName;
    delete lenient.beginDate;
    lenient.gradingPeriods[0].gradingPeriodReference.periodSequence = 1;
    if (method === 'PUT') lenient.id = '00000000000040008000000000000001';
    const reply = await t.api({ method, path: method === 'POST' ? SESSIONS : (await createSession(t)).path, body: lenient });
    expect(reply.status).toBe(method === 'POST' ? 201 : 204);
  });
});

describe('empty bodies', () => {
  it('POST: 400 bad-request "A non-empty request body is required."', async () => {
    const reply = await t.api({ method: 'POST', path: SESSIONS, headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ type: 'urn:ed-fi:api:bad-request', errors: ['A non-empty request body is required.'] });
  });

  it('PUT: 400 data-validation-failed keyed $', async () => {
    const reply = await t.api({ method: 'PUT', path: existingPath, headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.json.validationErrors).toEqual({ $: ['A non-empty request body is required.'] });
  });
});

describe('stored values after lenient input', () => {
  it('stores a US-style date as yyyy-MM-dd and a numeric string as a number', async () => {
    const body = { ...sessionBody(), beginDate: '8/7/2024', totalInstructionalDays: '81' };
    const reply = await t.api({ method: 'POST', path: SESSIONS, body });
    const read = await t.api({ path: String(reply.headers.location) });
    expect(read.json.beginDate).toBe('2024-08-07');
    expect(read.json.totalInstructionalDays).toBe(81);
  });
});
