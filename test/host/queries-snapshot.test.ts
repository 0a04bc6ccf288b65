// Use-Snapshot routing and the snapshot copy; content ETags and 304 on list responses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../host/db/db.js';
import {
  availableChangeVersions,
  listSessions,
  sessionDeletes,
  sessionKeyChanges,
  sessionPartitions,
} from '../../host/queries/index.js';
import type { SessionResource } from '../../host/queries/render-session.js';
import { takeSnapshot } from '../../host/snapshot/index.js';
import { TEST_DATABASE_URL, context, insertSession, openTestDb, problemOf, request } from './queries-fixture.js';

let db: Db;
let snapshot: Db;

beforeAll(async () => {
  db = await openTestDb();
  await insertSession(db, { sessionName: 'Before snapshot', schoolYear: 2026 });
  // Snapshots are an embedded-engine feature; on a server the live db stands in so the other tests run.
  snapshot = TEST_DATABASE_URL ? db : await takeSnapshot(db);
  await insertSession(db, { sessionName: 'After snapshot', schoolYear: 2026 });
});

afterAll(async () => {
  if (snapshot !== db) await snapshot?.close();
  await db?.close();
});

const names = (body: unknown) => (body as SessionResource[]).map((item) => item.sessionName);

describe('Use-Snapshot', () => {
  it('should answer 404 "Snapshot not found." on every read when no snapshot is configured', async () => {
    for (const handler of [listSessions, sessionPartitions, sessionDeletes, sessionKeyChanges, availableChangeVersions]) {
      const res = await handler(request('/x', {}, { 'use-snapshot': 'True' }), context(db));
      expect(res.status).toBe(404);
      const body = problemOf(res.body);
      expect(body.detail).toBe('Snapshot not found.');
      expect(body.errors).toEqual(['The snapshot connection for the ODS has not been configured.']);
    }
  });

  it('should read live for any value other than true', async () => {
    const res = await listSessions(request('/x', { schoolYear: '2026' }, { 'use-snapshot': 'yes' }), context(db));
    expect(names(res.body)).toEqual(['Before snapshot', 'After snapshot']);
  });

  it.skipIf(TEST_DATABASE_URL !== undefined)('should read the data as of the snapshot when one is configured (PGlite only)', async () => {
    const ctx = context(db, {}, snapshot);
    const snap = await listSessions(request('/x', { schoolYear: '2026' }, { 'use-snapshot': 'true' }), ctx);
    expect(names(snap.body)).toEqual(['Before snapshot']);
    const live = await listSessions(request('/x', { schoolYear: '2026' }), ctx);
    expect(names(live.body)).toEqual(['Before snapshot', 'After snapshot']);
    const snapVersions = await availableChangeVersions(request('/x', {}, { 'use-snapshot': 'true' }), ctx);
    const liveVersions = await availableChangeVersions(request('/x'), ctx);
    const newest = (res: { body?: unknown }) => (res.body as { newestChangeVersion: number }).newestChangeVersion;
    expect(newest(snapVersions)).toBeLessThan(newest(liveVersions));
  });
});

describe('list ETag and If-None-Match', () => {
  it('should answer 304 with no body when If-None-Match names the current list ETag, quoted or bare', async () => {
    const first = await listSessions(request('/x', { schoolYear: '2026' }), context(db));
    const etag = first.headers?.ETag as string;
    expect(etag).toMatch(/^".+"$/);
    for (const value of [etag, etag.slice(1, -1), `"other", ${etag}`]) {
      const again = await listSessions(request('/x', { schoolYear: '2026' }, { 'if-none-match': value }), context(db));
      expect(again.status).toBe(304);
      expect(again.body).toBeUndefined();
    }
  });

  it('should answer 200 once the content changed', async () => {
    const first = await sessionDeletes(request('/x', { totalCount: 'true' }), context(db));
    const etag = first.headers?.ETag as string;
    await insertSession(db, { sessionName: 'Gone soon', schoolYear: 2026 });
    await db.query(`DELETE FROM edfi.session WHERE sessionname = 'Gone soon'`);
    const again = await sessionDeletes(request('/x', { totalCount: 'true' }, { 'if-none-match': etag }), context(db));
    expect(again.status).toBe(200);
    expect(again.headers?.ETag).not.toBe(etag);
  });
});
