// The read side over HTTP through startHost: paging walks, paging errors, change-version bounds,
// deletes/keyChanges, list 304s, the OpenAPI document, snapshots and the change-queries switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGING_MESSAGES } from '../../host/queries/paging.js';
import { OTHER_SCHOOL, SESSIONS, type TestHost, createSession, sessionBody, startTestHost, uniqueName } from './host-fixture.js';

/** The walk set is isolated by a day count no other session in this file uses. */
const WALK_DAYS = 4242;
const WALK_SIZE = 9;

let t: TestHost;
const walkIds: string[] = [];

beforeAll(async () => {
  t = await startTestHost();
  for (let i = 0; i < WALK_SIZE; i++) {
    const created = await createSession(t, { ...sessionBody({ withChildren: false }), totalInstructionalDays: WALK_DAYS });
    walkIds.push(created.id);
  }
});

afterAll(async () => {
  await t?.stop();
});

const ids = (json: unknown) => (json as Array<{ id: string }>).map((item) => item.id);
const get = (path: string, headers: Record<string, string> = {}, role?: Parameters<TestHost['api']>[1]) => t.api({ path, headers }, role);

describe('paging walks over HTTP', () => {
  it('should return the isolated set exactly once with an offset walk', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 100; offset += 4) {
      const reply = await get(`${SESSIONS}?totalInstructionalDays=${WALK_DAYS}&limit=4&offset=${offset}&totalCount=true`);
      expect(reply.status).toBe(200);
      expect(reply.headers['total-count']).toBe(String(WALK_SIZE));
      if (reply.json.length === 0) break;
      seen.push(...ids(reply.json));
    }
    expect(seen).toEqual(walkIds);
  });

  it('should return the isolated set exactly once with a cursor walk ending on one empty page', async () => {
    const first = await get(`${SESSIONS}?totalInstructionalDays=${WALK_DAYS}&limit=2`);
    const seen = ids(first.json);
    let token = first.headers['next-page-token'] as string | undefined;
    let emptyPages = 0;
    while (token) {
      const reply = await get(`${SESSIONS}?totalInstructionalDays=${WALK_DAYS}&pageSize=3&pageToken=${encodeURIComponent(token)}`);
      expect(reply.status).toBe(200);
      if (reply.json.length === 0) emptyPages++;
      seen.push(...ids(reply.json));
      token = reply.headers['next-page-token'] as string | undefined;
    }
    expect(seen).toEqual(walkIds);
    expect(emptyPages).toBe(1);
  });

  it('should return the isolated set exactly once walking every partition (allowSmallPartitions)', async () => {
    const partitions = await get(`${SESSIONS}/partitions?totalInstructionalDays=${WALK_DAYS}&number=3&allowSmallPartitions=true`);
    expect(partitions.status).toBe(200);
    const tokens = partitions.json.pageTokens as string[];
    expect(tokens).toHaveLength(3);
    const seen: string[] = [];
    for (const start of tokens) {
      let token: string | undefined = start;
      while (token) {
        const reply = await get(`${SESSIONS}?totalInstructionalDays=${WALK_DAYS}&pageSize=2&pageToken=${encodeURIComponent(token)}`);
        seen.push(...ids(reply.json));
        token = reply.headers['next-page-token'] as string | undefined;
      }
    }
    expect(seen).toEqual(walkIds);
    const unsplit = await get(`${SESSIONS}/partitions?totalInstructionalDays=${WALK_DAYS}&number=3`);
    expect(unsplit.json.pageTokens).toHaveLength(1);
  });
});

describe('paging errors over HTTP', () => {
  const token = Buffer.from('0,2147483647').toString('base64url');
  it.each([
    ['limit=501', PAGING_MESSAGES.limitRange],
    ['limit=-1', PAGING_MESSAGES.limitRange],
    ['offset=-1', PAGING_MESSAGES.offsetNegative],
    [`pageToken=${token}&offset=0`, PAGING_MESSAGES.tokenWithOffset],
    [`pageToken=${token}&limit=5`, PAGING_MESSAGES.limitWithToken],
    [`pageToken=${token}&totalCount=true`, PAGING_MESSAGES.totalCountWithToken],
    [`pageToken=${token}&pageSize=501`, PAGING_MESSAGES.pageSizeRange],
    ['pageSize=5', PAGING_MESSAGES.pageSizeWithoutToken],
    ['pageSize=5&offset=0', PAGING_MESSAGES.pageSizeWithOffset],
    ['pageToken=DefinitelyNotValid', PAGING_MESSAGES.invalidToken],
    [`pageToken=%20${token}`, PAGING_MESSAGES.invalidToken],
  ])('GET-many ?%s → 400 %s', async (query, message) => {
    const reply = await get(`${SESSIONS}?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.json.type).toBe('urn:ed-fi:api:bad-request:parameter-validation-failed');
    expect(reply.json.detail).toBe('The request construction was invalid.');
    expect(reply.json.errors).toEqual([message]);
  });

  it('should accept pageToken + pageSize + limit', async () => {
    const reply = await get(`${SESSIONS}?totalInstructionalDays=${WALK_DAYS}&pageToken=${token}&pageSize=2&limit=1`);
    expect(reply.status).toBe(200);
  });

  it.each(['0', '201'])('partitions ?number=%s → 400', async (number) => {
    const reply = await get(`${SESSIONS}/partitions?number=${number}`);
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toEqual(['Number of partitions must be between 1 and 200.']);
  });
});

async function newest(): Promise<number> {
  const reply = await get('/changeQueries/v1/availableChangeVersions');
  expect(reply.status).toBe(200);
  expect(reply.json.oldestChangeVersion).toBe(0);
  return reply.json.newestChangeVersion as number;
}

describe('change queries over HTTP', () => {
  it('should bound GET-many by change version inclusively on both ends', async () => {
    const days = 4343;
    const a = await createSession(t, { ...sessionBody({ withChildren: false }), totalInstructionalDays: days });
    const versionA = await newest();
    const b = await createSession(t, { ...sessionBody({ withChildren: false }), totalInstructionalDays: days });
    const versionB = await newest();
    const both = await get(`${SESSIONS}?totalInstructionalDays=${days}&minChangeVersion=${versionA}&maxChangeVersion=${versionB}`);
    expect(ids(both.json)).toEqual([a.id, b.id]);
    const onlyB = await get(`${SESSIONS}?totalInstructionalDays=${days}&minChangeVersion=${versionB}`);
    expect(ids(onlyB.json)).toEqual([b.id]);
    const onlyA = await get(`${SESSIONS}?totalInstructionalDays=${days}&maxChangeVersion=${versionA}`);
    expect(ids(onlyA.json)).toEqual([a.id]);
  });

  it('should list a delete, leave out a re-created key, and collapse two renames into one key change', async () => {
    const start = (await newest()) + 1;
    const gone = await createSession(t, sessionBody({ withChildren: false }));
    expect((await t.api({ method: 'DELETE', path: gone.path })).status).toBe(204);
    const back = await createSession(t, sessionBody({ withChildren: false }));
    expect((await t.api({ method: 'DELETE', path: back.path })).status).toBe(204);
    await createSession(t, back.body); // the same natural key exists again

    const deletes = await get(`/data/v3/ed-fi/sessions/deletes?minChangeVersion=${start}&totalCount=true`);
    expect(deletes.status).toBe(200);
    expect(deletes.json.map((item: { id: string }) => item.id)).toEqual([gone.id]);
    expect(deletes.json[0].keyValues.sessionName).toBe(gone.body.sessionName);
    expect(deletes.headers['total-count']).toBe('1');

    const moving = await createSession(t, sessionBody({ withChildren: false }));
    const second = uniqueName('Second');
    const third = uniqueName('Third');
    expect((await t.api({ method: 'PUT', path: moving.path, body: { ...moving.body, sessionName: second } })).status).toBe(204);
    expect((await t.api({ method: 'PUT', path: moving.path, body: { ...moving.body, sessionName: third } })).status).toBe(204);
    const keyChanges = await get(`/data/v3/ed-fi/sessions/keyChanges?minChangeVersion=${start}`);
    expect(keyChanges.status).toBe(200);
    expect(keyChanges.json).toHaveLength(1);
    expect(keyChanges.json[0].id).toBe(moving.id);
    expect(keyChanges.json[0].oldKeyValues.sessionName).toBe(moving.body.sessionName);
    expect(keyChanges.json[0].newKeyValues.sessionName).toBe(third);
  });

  it('should reject bad limit/offset on deletes with the deletes wording', async () => {
    const reply = await get('/data/v3/ed-fi/sessions/deletes?limit=501&offset=-1');
    expect(reply.status).toBe(400);
    expect(reply.json.detail).toBe('Parameters supplied to the request were invalid.');
    expect(reply.json.errors).toHaveLength(2);
  });

  it('should answer 404 "Snapshot not found." to Use-Snapshot reads without a snapshot', async () => {
    for (const path of [SESSIONS, `${SESSIONS}/deletes`, `${SESSIONS}/keyChanges`, `${SESSIONS}/partitions`]) {
      const reply = await get(path, { 'Use-Snapshot': 'true' });
      expect(reply.status, path).toBe(404);
      expect(reply.json.detail).toBe('Snapshot not found.');
    }
  });
});

describe('list ETags, scope and metadata over HTTP', () => {
  it('should answer 304 to If-None-Match with the ETag of an unchanged list', async () => {
    const first = await get(`${SESSIONS}?totalInstructionalDays=${WALK_DAYS}`);
    const etag = String(first.headers.etag);
    const again = await get(`${SESSIONS}?totalInstructionalDays=${WALK_DAYS}`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('should show the otherSchool client only sessions of its school', async () => {
    const mine = await createSession(t, sessionBody({ schoolId: OTHER_SCHOOL, withChildren: false }));
    const reply = await get(SESSIONS, {}, 'otherSchool');
    expect(reply.status).toBe(200);
    expect(ids(reply.json)).toEqual([mine.id]);
  });

  it('should answer 403 to GET-many without a sessions claim', async () => {
    expect((await get(SESSIONS, {}, 'noSessionsClaim')).status).toBe(403);
  });

  it('should serve the OpenAPI document with the change-query paths', async () => {
    const reply = await t.api({ path: '/metadata/data/v3/resources/swagger.json' });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json.paths)).toContain('/ed-fi/sessions/deletes');
    expect(reply.json.servers[0].url).toBe(`${t.baseUrl}/data/v3`);
  });
});

describe('a host with a snapshot', () => {
  let snap: TestHost;
  beforeAll(async () => {
    snap = await startTestHost({ snapshot: true });
  });
  afterAll(async () => {
    await snap?.stop();
  });

  it('should read data as of the snapshot with Use-Snapshot: true and refuse writes with 405', async () => {
    const created = await createSession(snap, sessionBody({ withChildren: false }));
    const live = await snap.api({ path: `${SESSIONS}?sessionName=${encodeURIComponent(created.body.sessionName)}` });
    expect(ids(live.json)).toEqual([created.id]);
    const old = await snap.api({ path: `${SESSIONS}?sessionName=${encodeURIComponent(created.body.sessionName)}`, headers: { 'Use-Snapshot': 'True' } });
    expect(old.status).toBe(200);
    expect(old.json).toEqual([]);
    const liveVersions = await snap.api({ path: '/changeQueries/v1/availableChangeVersions' });
    const snapVersions = await snap.api({ path: '/changeQueries/v1/availableChangeVersions', headers: { 'Use-Snapshot': 'true' } });
    expect(snapVersions.json.newestChangeVersion).toBeLessThan(liveVersions.json.newestChangeVersion);
    const write = await snap.api({ method: 'POST', path: SESSIONS, body: sessionBody(), headers: { 'Use-Snapshot': 'true' } });
    expect(write.status).toBe(405);
    expect(write.headers.allow).toBe('GET');
  });
});

describe('a host with change queries off', () => {
  let off: TestHost;
  beforeAll(async () => {
    off = await startTestHost({ changeQueries: false });
  });
  afterAll(async () => {
    await off?.stop();
  });

  it('should answer deletes/keyChanges with 404 feature-disabled and availableChangeVersions with a plain 404', async () => {
    for (const path of [`${SESSIONS}/deletes`, `${SESSIONS}/keyChanges`]) {
      const reply = await off.api({ path });
      expect(reply.status, path).toBe(404);
      expect(reply.json.type).toBe('urn:ed-fi:api:system:configuration:feature-disabled');
    }
    const versions = await off.api({ path: '/changeQueries/v1/availableChangeVersions' });
    expect(versions.status).toBe(404);
    expect(versions.text).toBe('');
  });

  it('should drop the change-query paths from the OpenAPI document', async () => {
    const reply = await off.api({ path: '/metadata/data/v3/resources/swagger.json' });
    expect(Object.keys(reply.json.paths)).not.toContain('/ed-fi/sessions/deletes');
    expect(Object.keys(reply.json.paths)).not.toContain('/ed-fi/sessions/keyChanges');
  });
});
