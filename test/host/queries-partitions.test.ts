// /partitions: number bounds, sizing, disjoint contiguous ranges, and a parallel walk of every
// partition (pageToken + pageSize until an empty page) returning each matching item once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../host/db/db.js';
import { listSessions, sessionPartitions } from '../../host/queries/index.js';
import { decodePageToken } from '../../host/queries/page-token.js';
import { partitionSize } from '../../host/queries/partitions.js';
import type { SessionResource } from '../../host/queries/render-session.js';
import { SPRING, context, insertSession, openTestDb, problemOf, request } from './queries-fixture.js';

let db: Db;
const names: string[] = [];

beforeAll(async () => {
  db = await openTestDb();
  for (let i = 0; i < 23; i++) {
    names.push(`P${String(i).padStart(2, '0')}`);
    await insertSession(db, { sessionName: names[i], schoolYear: 2027, term: i % 3 === 0 ? SPRING : undefined });
  }
  await insertSession(db, { sessionName: 'Elsewhere', schoolYear: 2028 });
});

afterAll(async () => {
  await db?.close();
});

async function tokens(query: Record<string, string>): Promise<string[]> {
  const res = await sessionPartitions(request('/data/v3/ed-fi/sessions/partitions', query), context(db));
  expect(res.status).toBe(200);
  return (res.body as { pageTokens: string[] }).pageTokens;
}

async function walk(token: string, query: Record<string, string>, pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  let next: string | undefined = token;
  while (next) {
    const res = await listSessions(request('/data/v3/ed-fi/sessions', { ...query, pageToken: next, pageSize: String(pageSize) }), context(db));
    expect(res.status).toBe(200);
    seen.push(...(res.body as SessionResource[]).map((item) => item.sessionName));
    next = res.headers?.['Next-Page-Token'];
  }
  return seen;
}

describe('partitionSize', () => {
  it('should use ceil(count/number) with a floor of 2500, or 1 with small partitions allowed', () => {
    expect(partitionSize(23, 4, false)).toBe(2500);
    expect(partitionSize(23, 4, true)).toBe(6);
    expect(partitionSize(10_000, 2, false)).toBe(5000);
  });
});

describe('sessionPartitions', () => {
  it('should give one token for a small set unless small partitions are allowed', async () => {
    expect(await tokens({ schoolYear: '2027', number: '4' })).toHaveLength(1);
    expect(await tokens({ schoolYear: '2027', number: '4', allowSmallPartitions: 'true' })).toHaveLength(4);
  });

  it('should cover disjoint contiguous ranges ending at int.MaxValue', async () => {
    const ranges = (await tokens({ schoolYear: '2027', number: '5', allowSmallPartitions: 'TRUE' })).map((t) => decodePageToken(t));
    expect(ranges).toHaveLength(5);
    for (let i = 0; i + 1 < ranges.length; i++) expect(ranges[i]?.max).toBe((ranges[i + 1]?.min ?? 0) - 1);
    expect(ranges.at(-1)?.max).toBe(2147483647);
  });

  it('should let a walk of every partition return each matching item exactly once', async () => {
    const filter = { schoolYear: '2027' };
    const all: string[] = [];
    for (const token of await tokens({ ...filter, number: '4', allowSmallPartitions: 'true' })) all.push(...(await walk(token, filter, 4)));
    expect(all).toEqual(names);
    const spring: string[] = [];
    const springFilter = { ...filter, termDescriptor: SPRING };
    for (const token of await tokens({ ...springFilter, number: '3', allowSmallPartitions: 'true' })) spring.push(...(await walk(token, springFilter, 2)));
    expect(spring).toEqual(names.filter((_, i) => i % 3 === 0));
  });

  it('should answer {"pageTokens": []} when nothing matches, including by change version', async () => {
    expect(await tokens({ schoolYear: '2019' })).toEqual([]);
    expect(await tokens({ minChangeVersion: '999999999' })).toEqual([]);
  });

  it.each(['0', '201', '-3'])('should reject number=%s', async (number) => {
    const res = await sessionPartitions(request('/x', { number }), context(db));
    expect(res.status).toBe(400);
    const body = problemOf(res.body);
    expect(body.type).toBe('urn:ed-fi:api:bad-request:parameter-validation-failed');
    expect(body.errors).toEqual(['Number of partitions must be between 1 and 200.']);
  });

  it('should default to 10 partitions', async () => {
    expect(await tokens({ schoolYear: '2027', allowSmallPartitions: 'true' })).toHaveLength(8); // ceil(23/10)=3 per partition
    expect(await tokens({ schoolYear: '2027', number: '10', allowSmallPartitions: 'true' })).toHaveLength(8);
  });
});
