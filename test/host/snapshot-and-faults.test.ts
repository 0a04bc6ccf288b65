// Host start options: a snapshot host serves Use-Snapshot reads of GET by id from the copy taken
// at start; a fault id is looked up in the catalogue (unknown → a clear error) and its hooks wrap
// dispatch while the faithful host is unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../host/index.js';
import { faults } from '../../host/faults/catalogue.js';
import { type TestHost, SESSIONS, createSession, sessionBody, startTestHost } from './host-fixture.js';

describe('snapshot host', () => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ snapshot: true });
  });
  afterAll(async () => t?.stop());

  it('reads live by default and from the snapshot with Use-Snapshot: true', async () => {
    const created = await createSession(t);
    expect((await t.api({ path: created.path })).status).toBe(200);
    const fromSnapshot = await t.api({ path: created.path, headers: { 'Use-Snapshot': 'True' } });
    expect(fromSnapshot.status).toBe(404);
    expect(fromSnapshot.json.detail).toBe('The specified item could not be found.');
    const seeded = await t.api({ path: '/data/v3/ed-fi/schools?limit=1', headers: { 'Use-Snapshot': 'true' } });
    expect(seeded.status).toBe(200);
    expect(seeded.json).toHaveLength(1);
  });

  it('still refuses writes that carry the header', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'DELETE', path: created.path, headers: { 'Use-Snapshot': 'true' } });
    expect(reply.status).toBe(405);
    expect((await t.api({ path: `${SESSIONS}/${created.id}` })).status).toBe(200);
  });
});

describe('fault selection', () => {
  it('rejects an unknown fault id with a clear error before opening anything', async () => {
    await expect(startHost({ port: 0, quiet: true, fault: 'NoSuchFault' })).rejects.toThrow(/Unknown fault 'NoSuchFault'/);
  });

  it('applies a response hook (EtagUnquoted) and reports the fault id', async () => {
    expect(faults.some((f) => f.id === 'EtagUnquoted' && f.onResponse)).toBe(true);
    const t = await startTestHost({ fault: 'EtagUnquoted' });
    try {
      expect(t.host.faultId).toBe('EtagUnquoted');
      const reply = await t.api({ method: 'POST', path: SESSIONS, body: sessionBody() });
      expect(reply.status).toBe(201);
      expect(reply.headers.etag).toMatch(/^\d+$/);
    } finally {
      await t.stop();
    }
  });

  it('applies a seam (ignoreIfMatch): a stale If-Match is accepted', async () => {
    const seamed = faults.find((f) => f.seams?.ignoreIfMatch);
    expect(seamed).toBeDefined();
    const t = await startTestHost({ fault: seamed!.id });
    try {
      const created = await createSession(t);
      await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 3 } });
      const stale = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 4 }, headers: { 'If-Match': created.etag } });
      expect(stale.status).toBe(204);
    } finally {
      await t.stop();
    }
  });

  it.each([
    ['OtherSchoolNotAuthorized', 'otherSchool', 'GET'],
    ['ReadOnlyClientMayWrite', 'readOnly', 'POST'],
  ] as const)('applies the auth seam of %s in the router (%s may %s what it must not)', async (faultId, role, method) => {
    const t = await startTestHost({ fault: faultId });
    try {
      const created = await createSession(t);
      const reply = method === 'GET' ? await t.api({ path: created.path }, role) : await t.api({ method: 'POST', path: SESSIONS, body: sessionBody() }, role);
      expect(reply.status).toBe(method === 'GET' ? 200 : 201);
    } finally {
      await t.stop();
    }
  });
});
