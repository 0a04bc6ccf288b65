// The same host on a PostgreSQL server (issue 2: "the same schema on a PostgreSQL server when
// --database-url is given"): a throw-away PostgreSQL started by the test, then the behaviours
// that lean hardest on the engine — upsert, key change with cascade, dependent-item 409, tracked
// deletes and key changes, and 50 racing PUTs under real concurrent transactions.
// Skipped, with a message, when no PostgreSQL binaries (or no way to run them) are on this machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, SESSIONS, createSession, startTestHost, uniqueName } from './host-fixture.js';
import { type PostgresServer, postgresBinDir, startPostgres } from './postgres-server.js';

const available = postgresBinDir() !== undefined || Boolean(process.env.EDFI_TEST_DATABASE_URL);
if (!available) console.warn('[postgres] skipped: no PostgreSQL binaries under /usr/lib/postgresql/*/bin and no EDFI_TEST_DATABASE_URL');

describe.skipIf(!available)('host on a PostgreSQL server', () => {
  let server: PostgresServer | undefined;
  let t: TestHost;
  beforeAll(async () => {
    const url = process.env.EDFI_TEST_DATABASE_URL || (server = await startPostgres())?.url;
    if (!url) throw new Error('PostgreSQL binaries exist but no server could be started (root without a postgres user?)');
    t = await startTestHost({ databaseUrl: url });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    server?.stop();
  });

  it('upserts, renames with cascade into a course offering, and tracks the key change', async () => {
    const created = await createSession(t);
    expect((await t.api({ method: 'POST', path: SESSIONS, body: created.body })).headers.etag).toBe(created.etag);
    const offering = await t.api({
      method: 'POST',
      path: '/data/v3/ed-fi/courseOfferings',
      body: {
        localCourseCode: 'PG-1',
        courseReference: { courseCode: 'ALG-01', educationOrganizationId: 255901001 },
        schoolReference: { schoolId: 255901001 },
        sessionReference: { schoolId: 255901001, schoolYear: 2025, sessionName: created.body.sessionName },
      },
    });
    expect(offering.status).toBe(201);
    const renamed = uniqueName('PG renamed');
    expect((await t.api({ method: 'PUT', path: created.path, body: { ...created.body, sessionName: renamed } })).status).toBe(204);
    const offeringPath = new URL(String(offering.headers.location)).pathname;
    expect((await t.api({ path: offeringPath })).json.sessionReference.sessionName).toBe(renamed);
    expect((await t.api({ method: 'DELETE', path: created.path })).status).toBe(409);
    const keyChanges = await t.api({ path: `${SESSIONS}/keyChanges` });
    expect(keyChanges.json.some((k: any) => k.id === created.id && k.newKeyValues.sessionName === renamed)).toBe(true);
  });

  it('50 concurrent PUTs with the same If-Match: one 204, 49 × 412', async () => {
    const created = await createSession(t);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 500 + i }, headers: { 'If-Match': created.etag } }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = statuses.indexOf(204);
    expect((await t.api({ path: created.path })).json.totalInstructionalDays).toBe(500 + winner);
  });

  it('records deletes in /deletes', async () => {
    const created = await createSession(t);
    expect((await t.api({ method: 'DELETE', path: created.path })).status).toBe(204);
    const deletes = await t.api({ path: `${SESSIONS}/deletes` });
    expect(deletes.json.some((d: any) => d.id === created.id)).toBe(true);
  });
});
