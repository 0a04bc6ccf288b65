// The host's data stays the single truth behind the read cache: every read below is first made
// twice (so the second comes from the cache), then a write changes the item, and the next read
// must show the write — GET by id, GET-many, its Total-Count and ETag, after PUT, key change,
// POST and DELETE; a snapshot read never sees a live cached value; and a response fault applied
// to a cached value changes only that response, never the value the next request gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, SESSIONS, createSession, sessionBody, startTestHost, uniqueName } from './host-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

async function readTwice(path: string) {
  const first = await t.api({ path });
  const second = await t.api({ path });
  expect(second.text).toBe(first.text);
  return second;
}

const byName = (name: string) => `${SESSIONS}?sessionName=${encodeURIComponent(name)}&totalCount=true`;

describe('reads after writes', () => {
  it('GET by id shows a PUT at once, with the new ETag, and the old ETag no longer answers 304', async () => {
    const created = await createSession(t);
    const before = await readTwice(created.path);
    expect(before.json.totalInstructionalDays).toBe(80);
    const put = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 81 } });
    expect(put.status).toBe(204);
    const after = await t.api({ path: created.path });
    expect(after.json.totalInstructionalDays).toBe(81);
    expect(after.headers.etag).toBe(put.headers.etag);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await t.api({ path: created.path, headers: { 'If-None-Match': String(before.headers.etag) } })).status).toBe(200);
    expect((await t.api({ path: created.path, headers: { 'If-None-Match': String(after.headers.etag) } })).status).toBe(304);
  });

  it('GET-many shows a POST, a key change and a DELETE at once, with Total-Count and ETag', async () => {
    const name = uniqueName('Cached');
    const empty = await readTwice(byName(name));
    expect(empty.json).toEqual([]);
    expect(empty.headers['total-count']).toBe('0');

    const created = await createSession(t, sessionBody({ sessionName: name }));
    const one = await readTwice(byName(name));
    expect(one.json.map((s: { id: string }) => s.id)).toEqual([created.id]);
    expect(one.headers['total-count']).toBe('1');
    expect(one.headers.etag).not.toBe(empty.headers.etag);

    const renamed = uniqueName('Renamed');
    expect((await t.api({ method: 'PUT', path: created.path, body: { ...created.body, sessionName: renamed } })).status).toBe(204);
    expect((await t.api({ path: byName(name) })).json).toEqual([]);
    expect((await t.api({ path: byName(renamed) })).json.map((s: { id: string }) => s.id)).toEqual([created.id]);
    expect((await t.api({ path: created.path })).json.sessionName).toBe(renamed);

    expect((await t.api({ method: 'DELETE', path: created.path })).status).toBe(204);
    expect((await t.api({ path: created.path })).status).toBe(404);
    const gone = await t.api({ path: byName(renamed) });
    expect(gone.json).toEqual([]);
    expect(gone.headers['total-count']).toBe('0');
  });

  it('an identical re-POST (no write) keeps answering the same representation', async () => {
    const created = await createSession(t);
    const before = await readTwice(created.path);
    const again = await t.api({ method: 'POST', path: SESSIONS, body: created.body });
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe(before.headers.etag);
    expect((await t.api({ path: created.path })).text).toBe(before.text);
  });
});

// Snapshots need PGlite, and a second host on one PostgreSQL server would wipe the first one's schemas.
describe.skipIf(Boolean(process.env.EDFI_TEST_DATABASE_URL))('snapshots and faults over cached reads', () => {
  let snap: TestHost;
  let faulty: TestHost;
  beforeAll(async () => {
    snap = await startTestHost({ snapshot: true });
    faulty = await startTestHost({ fault: 'SessionNameRenamed' });
  });
  afterAll(async () => {
    await snap?.stop();
    await faulty?.stop();
  });

  it('a snapshot read of an id cached live still answers from the snapshot', async () => {
    const created = await createSession(snap);
    expect((await snap.api({ path: created.path })).status).toBe(200);
    expect((await snap.api({ path: created.path })).status).toBe(200);
    expect((await snap.api({ path: created.path, headers: { 'Use-Snapshot': 'true' } })).status).toBe(404);
    const live = await snap.api({ path: byName(created.body.sessionName) });
    const frozen = await snap.api({ path: byName(created.body.sessionName), headers: { 'Use-Snapshot': 'true' } });
    expect(live.json).toHaveLength(1);
    expect(frozen.json).toEqual([]);
  });

  it('a response fault rewrites every cached answer alike and never the cached value itself', async () => {
    const created = await createSession(faulty);
    const replies = [await faulty.api({ path: created.path }), await faulty.api({ path: created.path }), await faulty.api({ path: created.path })];
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.json.name).toBe(created.body.sessionName);
      expect(reply.json.sessionName).toBeUndefined();
    }
    const list = await faulty.api({ path: byName(created.body.sessionName) });
    expect(list.json[0].name).toBe(created.body.sessionName);
  });
});
