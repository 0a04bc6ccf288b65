// GET-many handler against a real (PGlite) database: rendering, filters, limit/offset, cursor
// paging and every paging error of CONTRACT.md §4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../host/db/db.js';
import { listSessions } from '../../host/queries/index.js';
import { decodePageToken, encodePageToken } from '../../host/queries/page-token.js';
import { PAGING_MESSAGES } from '../../host/queries/paging.js';
import type { SessionResource } from '../../host/queries/render-session.js';
import { FALL, OTHER_SCHOOL, PRIMARY_SCHOOL, SPRING, context, insertSession, openTestDb, problemOf, request } from './queries-fixture.js';

const PATH = '/data/v3/ed-fi/sessions';
let db: Db;
const walkNames: string[] = [];

beforeAll(async () => {
  db = await openTestDb();
  // An isolated set for the walks: 7 sessions of one school year nobody else uses.
  for (let i = 0; i < 7; i++) {
    const name = `Walk ${i}`;
    walkNames.push(name);
    await insertSession(db, { sessionName: name, schoolYear: 2021, term: i % 2 === 0 ? FALL : SPRING, totalInstructionalDays: 70 + i });
  }
  await insertSession(db, { sessionName: 'Other school', schoolId: OTHER_SCHOOL, schoolYear: 2022 });
});

afterAll(async () => {
  await db?.close();
});

async function get(query: Record<string, string> | string, headers: Record<string, string> = {}) {
  return listSessions(request(PATH, query, headers), context(db));
}

function names(body: unknown): string[] {
  return (body as SessionResource[]).map((item) => item.sessionName);
}

describe('listSessions rendering', () => {
  it('should render items with 32-hex ids, linked references, arrays, _etag and microsecond _lastModifiedDate', async () => {
    const [{ id }] = [await insertSession(db, { sessionName: 'Render me', schoolYear: 2023 })];
    await db.exec(`INSERT INTO edfi.sessionacademicweek (schoolid, schoolyear, sessionname, weekidentifier)
      VALUES (${PRIMARY_SCHOOL}, 2023, 'Render me', 'Week 01 of 2024-2025')`);
    await db.exec(`UPDATE edfi.session SET lastmodifieddate = '2024-12-03 15:00:00.123456' WHERE sessionname = 'Render me'`);
    const res = await get({ schoolYear: '2023' });
    expect(res.status).toBe(200);
    const [item] = res.body as SessionResource[];
    expect(item.id).toBe(id);
    expect(item.id).toMatch(/^[0-9a-f]{32}$/);
    expect(item.schoolReference.schoolId).toBe(PRIMARY_SCHOOL);
    expect(item.schoolReference.link.rel).toBe('School');
    expect(item.schoolReference.link.href).toMatch(/^\/ed-fi\/schools\/[0-9a-f]{32}$/);
    expect(item.schoolYearTypeReference).toMatchObject({ schoolYear: 2023, link: { rel: 'SchoolYearType' } });
    expect(item.termDescriptor).toBe(FALL);
    expect(item.beginDate).toBe('2024-08-19');
    expect(item.academicWeeks).toHaveLength(1);
    expect(item.academicWeeks[0].academicWeekReference).toMatchObject({ schoolId: PRIMARY_SCHOOL, weekIdentifier: 'Week 01 of 2024-2025' });
    expect(item.academicWeeks[0].academicWeekReference.link.href).toMatch(/^\/ed-fi\/academicWeeks\/[0-9a-f]{32}$/);
    expect(item.gradingPeriods).toEqual([]);
    expect(item._lastModifiedDate).toBe('2024-12-03T15:00:00.123456Z');
    expect(item._etag).toBe('5250374366428622464');
    expect(Object.keys(item)).toEqual([
      'id', 'schoolReference', 'schoolYearTypeReference', 'sessionName', 'beginDate', 'endDate',
      'termDescriptor', 'totalInstructionalDays', 'academicWeeks', 'gradingPeriods', '_etag', '_lastModifiedDate',
    ]);
  });
});

describe('listSessions filters', () => {
  it('should filter by each property with equality', async () => {
    expect(names((await get({ schoolYear: '2021', termDescriptor: SPRING })).body)).toEqual(['Walk 1', 'Walk 3', 'Walk 5']);
    expect(names((await get({ schoolYear: '2021', totalInstructionalDays: '72' })).body)).toEqual(['Walk 2']);
    expect(names((await get({ sessionName: 'Walk 4' })).body)).toEqual(['Walk 4']);
    expect(names((await get({ schoolId: String(OTHER_SCHOOL) })).body)).toEqual(['Other school']);
    expect(names((await get({ schoolYear: '2021', beginDate: '2024-08-19', endDate: '2024-12-20' })).body)).toHaveLength(7);
    expect(names((await get({ schoolYear: '2021', beginDate: '2024-08-20' })).body)).toEqual([]);
    expect(names((await get({ termDescriptor: 'uri://ed-fi.org/TermDescriptor#Nope' })).body)).toEqual([]);
  });

  it('should find one item by id in either GUID form', async () => {
    const { id } = await insertSession(db, { sessionName: 'By id', schoolYear: 2024 });
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    expect(names((await get({ id })).body)).toEqual(['By id']);
    expect(names((await get({ id: dashed.toUpperCase() })).body)).toEqual(['By id']);
  });

  it('should ignore unknown parameters such as allowSmallPartitions and correlationId', async () => {
    const res = await get({ schoolYear: '2021', allowSmallPartitions: 'true', correlationId: 'x', bogus: '1' });
    expect(names(res.body)).toEqual(walkNames);
  });

  it('should answer a value of the wrong type with 400 data-validation-failed naming the parameter', async () => {
    for (const [name, value] of [['schoolId', 'abc'], ['schoolYear', '20x1'], ['beginDate', '2024-02-30'], ['id', 'invalid'], ['totalInstructionalDays', '1.5'], ['limit', 'ten']]) {
      const res = await get({ [name]: value });
      expect(res.status, name).toBe(400);
      const body = problemOf(res.body);
      expect(body.type).toBe('urn:ed-fi:api:bad-request:data-validation-failed');
      expect(body.validationErrors?.[`$.${name}`]?.[0]).toContain(`The value '${value}' is not valid`);
    }
  });

  it('should match a school year outside smallint with nothing instead of failing', async () => {
    const res = await get({ schoolYear: '40000' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('should show the otherSchool client only its own school', async () => {
    const client = { role: 'otherSchool' as const, key: 'o', educationOrganizationIds: [OTHER_SCHOOL], sessionActions: new Set(['read'] as const) };
    const res = await listSessions(request(PATH, {}, {}, client), context(db));
    expect(names(res.body)).toEqual(['Other school']);
  });

  it('should answer 403 to a client without a read claim on sessions', async () => {
    const client = { role: 'noSessionsClaim' as const, key: 'n', educationOrganizationIds: [PRIMARY_SCHOOL], sessionActions: new Set<never>() };
    const res = await listSessions(request(PATH, {}, {}, client), context(db));
    expect(res.status).toBe(403);
  });
});

describe('listSessions limit/offset paging', () => {
  it('should page in insertion order with Next-Page-Token on non-empty pages only', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 3) {
      const res = await get({ schoolYear: '2021', limit: '3', offset: String(offset) });
      const page = names(res.body);
      if (page.length === 0) {
        expect(res.headers?.['Next-Page-Token']).toBeUndefined();
        break;
      }
      expect(res.headers?.['Next-Page-Token']).toBeDefined();
      seen.push(...page);
    }
    expect(seen).toEqual(walkNames);
  });

  it('should report Total-Count ignoring paging, also with limit=0', async () => {
    const res = await get({ schoolYear: '2021', limit: '0', totalCount: 'true' });
    expect(res.body).toEqual([]);
    expect(res.headers?.['Total-Count']).toBe('7');
    expect(res.headers?.['Next-Page-Token']).toBeUndefined();
    expect((await get({ schoolYear: '2021', limit: '2' })).headers?.['Total-Count']).toBeUndefined();
  });

  it.each([
    [{ limit: '501' }, [PAGING_MESSAGES.limitRange]],
    [{ limit: '-1' }, [PAGING_MESSAGES.limitRange]],
    [{ offset: '-1' }, [PAGING_MESSAGES.offsetNegative]],
    [{ limit: '600', offset: '-2' }, [PAGING_MESSAGES.limitRange, PAGING_MESSAGES.offsetNegative]],
    [{ pageToken: encodePageToken({ min: 0, max: 10 }), offset: '0' }, [PAGING_MESSAGES.tokenWithOffset]],
    [{ pageToken: encodePageToken({ min: 0, max: 10 }), limit: '5' }, [PAGING_MESSAGES.limitWithToken]],
    [{ pageToken: encodePageToken({ min: 0, max: 10 }), totalCount: 'true' }, [PAGING_MESSAGES.totalCountWithToken]],
    [{ pageToken: encodePageToken({ min: 0, max: 10 }), pageSize: '501' }, [PAGING_MESSAGES.pageSizeRange]],
    [{ pageSize: '5' }, [PAGING_MESSAGES.pageSizeWithoutToken]],
    [{ pageSize: '5', offset: '0' }, [PAGING_MESSAGES.pageSizeWithOffset]],
    [{ pageToken: 'DefinitelyNotValid' }, [PAGING_MESSAGES.invalidToken]],
    [{ pageToken: ` ${encodePageToken({ min: 0, max: 10 })}` }, [PAGING_MESSAGES.invalidToken]],
  ])('should reject %j with parameter-validation-failed', async (query, errors) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = problemOf(res.body);
    expect(body.type).toBe('urn:ed-fi:api:bad-request:parameter-validation-failed');
    expect(body.detail).toBe('The request construction was invalid.');
    expect(body.errors).toEqual(errors);
  });
});

describe('listSessions cursor paging', () => {
  it('should walk from a token to the trailing empty page, each item once', async () => {
    const first = await get({ schoolYear: '2021', limit: '2' });
    const seen = names(first.body);
    let token = first.headers?.['Next-Page-Token'];
    let pages = 0;
    while (token) {
      const res = await get({ schoolYear: '2021', pageToken: token, pageSize: '2' });
      expect(res.status).toBe(200);
      seen.push(...names(res.body));
      token = res.headers?.['Next-Page-Token'];
      pages++;
    }
    expect(seen).toEqual(walkNames);
    expect(pages).toBe(4); // 3 more pages of items (2,2,1) and one empty page
  });

  it('should accept pageToken + pageSize + limit and ignore the limit', async () => {
    const res = await get({ schoolYear: '2021', pageToken: encodePageToken({ min: -2147483648, max: 2147483647 }), pageSize: '3', limit: '1' });
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(walkNames.slice(0, 3));
  });

  it('should keep the token maximum in Next-Page-Token and stay inside the range', async () => {
    const all = await get({ schoolYear: '2021' });
    const ids = (all.body as SessionResource[]).map((item) => item.id);
    expect(ids).toHaveLength(7);
    const token = all.headers?.['Next-Page-Token'] as string;
    const range = decodePageToken(token);
    expect(range?.max).toBe(2147483647);
    const afterLast = await get({ schoolYear: '2021', pageToken: token });
    expect(afterLast.body).toEqual([]);
    expect(afterLast.headers?.['Next-Page-Token']).toBeUndefined();
  });
});
