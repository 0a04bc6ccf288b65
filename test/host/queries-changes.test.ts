// Change queries against a real (PGlite) database whose triggers write the tracked rows:
// /deletes, /keyChanges, availableChangeVersions, min/max bounds, and the feature switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../host/db/db.js';
import { availableChangeVersions, listSessions, sessionDeletes, sessionKeyChanges } from '../../host/queries/index.js';
import type { SessionResource } from '../../host/queries/render-session.js';
import { OTHER_SCHOOL, PRIMARY_SCHOOL, context, insertSession, openTestDb, problemOf, request } from './queries-fixture.js';

let db: Db;

beforeAll(async () => {
  db = await openTestDb();
});

afterAll(async () => {
  await db?.close();
});

async function newest(): Promise<number> {
  const res = await availableChangeVersions(request('/changeQueries/v1/availableChangeVersions'), context(db));
  return (res.body as { newestChangeVersion: number }).newestChangeVersion;
}

async function rename(from: string, to: string, schoolYear = 2025): Promise<void> {
  await db.query('UPDATE edfi.session SET sessionname = $1 WHERE sessionname = $2 AND schoolyear = $3', [to, from, schoolYear]);
}

async function remove(name: string, schoolYear = 2025): Promise<void> {
  await db.query('DELETE FROM edfi.session WHERE sessionname = $1 AND schoolyear = $2', [name, schoolYear]);
}

type Deleted = { id: string; changeVersion: number; keyValues: { schoolId: number; schoolYear: number; sessionName: string } };
type KeyChange = { id: string; changeVersion: number; oldKeyValues: Deleted['keyValues']; newKeyValues: Deleted['keyValues'] };

describe('availableChangeVersions', () => {
  it('should report 0 as oldest and the last drawn sequence value as newest', async () => {
    const before = await newest();
    const created = await insertSession(db, { sessionName: 'ACV probe' });
    expect(created.changeVersion).toBeGreaterThan(before);
    expect(await newest()).toBe(created.changeVersion);
    const res = await availableChangeVersions(request('/changeQueries/v1/availableChangeVersions'), context(db));
    expect((res.body as { oldestChangeVersion: number }).oldestChangeVersion).toBe(0);
  });

  it('should answer a plain 404 with no body when change queries are off', async () => {
    const res = await availableChangeVersions(request('/changeQueries/v1/availableChangeVersions'), context(db, { changeQueries: false }));
    expect(res).toEqual({ status: 404 });
  });
});

describe('sessionDeletes', () => {
  it('should list real deletes in the window with 32-hex ids, integer versions and key values', async () => {
    const start = (await newest()) + 1;
    const a = await insertSession(db, { sessionName: 'Del A' });
    const b = await insertSession(db, { sessionName: 'Del B' });
    await remove('Del A');
    await remove('Del B');
    const res = await sessionDeletes(request('/data/v3/ed-fi/sessions/deletes', { minChangeVersion: String(start) }), context(db));
    expect(res.status).toBe(200);
    const items = res.body as Deleted[];
    expect(items.map((item) => item.id)).toEqual([a.id, b.id]);
    expect(items[0].keyValues).toEqual({ schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: 'Del A' });
    expect(Number.isInteger(items[0].changeVersion)).toBe(true);
    expect(items[1].changeVersion).toBeGreaterThan(items[0].changeVersion);
  });

  it('should leave out a deleted key that exists again and keep two deletes of the same key', async () => {
    const start = (await newest()) + 1;
    await insertSession(db, { sessionName: 'Recreated' });
    await remove('Recreated');
    await insertSession(db, { sessionName: 'Recreated' });
    await insertSession(db, { sessionName: 'Twice' });
    await remove('Twice');
    await insertSession(db, { sessionName: 'Twice' });
    await remove('Twice');
    await insertSession(db, { sessionName: 'Moves' });
    await rename('Moves', 'Moved'); // a key change is not a delete
    const res = await sessionDeletes(request('/data/v3/ed-fi/sessions/deletes', { minChangeVersion: String(start) }), context(db));
    const items = res.body as Deleted[];
    expect(items.map((item) => item.keyValues.sessionName)).toEqual(['Twice', 'Twice']);
    expect(new Set(items.map((item) => item.id)).size).toBe(2);
  });

  it('should apply min and max inclusively, and page with limit/offset and Total-Count', async () => {
    const start = (await newest()) + 1;
    for (const name of ['W1', 'W2', 'W3', 'W4']) {
      await insertSession(db, { sessionName: name });
      await remove(name);
    }
    const all = (await sessionDeletes(request('/x', { minChangeVersion: String(start) }), context(db))).body as Deleted[];
    expect(all).toHaveLength(4);
    const [, second, third] = all;
    const windowed = await sessionDeletes(
      request('/x', { minChangeVersion: String(second.changeVersion), maxChangeVersion: String(third.changeVersion) }),
      context(db),
    );
    expect((windowed.body as Deleted[]).map((item) => item.keyValues.sessionName)).toEqual(['W2', 'W3']);
    const paged = await sessionDeletes(request('/x', { minChangeVersion: String(start), limit: '2', offset: '1', totalCount: 'true' }), context(db));
    expect((paged.body as Deleted[]).map((item) => item.keyValues.sessionName)).toEqual(['W2', 'W3']);
    expect(paged.headers?.['Total-Count']).toBe('4');
    const zero = await sessionDeletes(request('/x', { limit: '0' }), context(db));
    expect(zero.status).toBe(200);
    expect(zero.body).toEqual([]);
  });

  it('should reject bad limit and offset with the deletes wording', async () => {
    const res = await sessionDeletes(request('/x', { limit: '501', offset: '-1' }), context(db));
    expect(res.status).toBe(400);
    const body = problemOf(res.body);
    expect(body.type).toBe('urn:ed-fi:api:bad-request:parameter-validation-failed');
    expect(body.detail).toBe('Parameters supplied to the request were invalid.');
    expect(body.errors).toEqual(['Limit must be omitted or set to a value between 1 and 500.', 'Offset must be greater than or equal to 0.']);
  });

  it('should show the otherSchool client only deletes of its school', async () => {
    const start = (await newest()) + 1;
    await insertSession(db, { sessionName: 'Mine', schoolId: OTHER_SCHOOL });
    await insertSession(db, { sessionName: 'Not mine' });
    await db.query('DELETE FROM edfi.session WHERE sessionname IN ($1, $2)', ['Mine', 'Not mine']);
    const client = { role: 'otherSchool' as const, key: 'o', educationOrganizationIds: [OTHER_SCHOOL], sessionActions: new Set(['read'] as const) };
    const res = await sessionDeletes(request('/x', { minChangeVersion: String(start) }, {}, client), context(db));
    expect((res.body as Deleted[]).map((item) => item.keyValues.sessionName)).toEqual(['Mine']);
  });
});

describe('sessionKeyChanges', () => {
  it('should collapse several key changes of one id into earliest old keys, latest new keys, final version', async () => {
    const start = (await newest()) + 1;
    const created = await insertSession(db, { sessionName: 'SESSION ONE' });
    await rename('SESSION ONE', 'SESSION TWO');
    await rename('SESSION TWO', 'SESSION THREE');
    const res = await sessionKeyChanges(request('/x', { minChangeVersion: String(start) }), context(db));
    const items = res.body as KeyChange[];
    expect(items).toHaveLength(1);
    expect(items[0].id).toBe(created.id);
    expect(items[0].oldKeyValues.sessionName).toBe('SESSION ONE');
    expect(items[0].newKeyValues).toEqual({ schoolId: PRIMARY_SCHOOL, schoolYear: 2025, sessionName: 'SESSION THREE' });
    expect(items[0].changeVersion).toBe(await newest());
  });

  it('should collapse only inside the window', async () => {
    const start = (await newest()) + 1;
    await insertSession(db, { sessionName: 'K1' });
    await rename('K1', 'K2');
    const middle = (await newest()) + 1;
    await rename('K2', 'K3');
    const res = await sessionKeyChanges(request('/x', { minChangeVersion: String(middle) }), context(db));
    const items = res.body as KeyChange[];
    expect(items.map((item) => [item.oldKeyValues.sessionName, item.newKeyValues.sessionName])).toEqual([['K2', 'K3']]);
    const both = await sessionKeyChanges(request('/x', { minChangeVersion: String(start), maxChangeVersion: String(middle - 1) }), context(db));
    expect((both.body as KeyChange[]).map((item) => item.newKeyValues.sessionName)).toEqual(['K2']);
  });

  it('should answer 404 feature-disabled when change queries are off, for deletes and keyChanges', async () => {
    for (const handler of [sessionDeletes, sessionKeyChanges]) {
      const res = await handler(request('/x'), context(db, { changeQueries: false }));
      expect(res.status).toBe(404);
      const body = problemOf(res.body);
      expect(body.type).toBe('urn:ed-fi:api:system:configuration:feature-disabled');
      expect(body.detail).toBe("The 'ChangeQueries' feature is disabled.");
    }
  });
});

describe('listSessions change-version bounds', () => {
  it('should filter live items on the current change version, both bounds inclusive', async () => {
    const a = await insertSession(db, { sessionName: 'CV a', schoolYear: 2029 });
    const b = await insertSession(db, { sessionName: 'CV b', schoolYear: 2029 });
    const c = await insertSession(db, { sessionName: 'CV c', schoolYear: 2029 });
    const query = { schoolYear: '2029', minChangeVersion: String(a.changeVersion), maxChangeVersion: String(b.changeVersion) };
    const names = (body: unknown) => (body as SessionResource[]).map((item) => item.sessionName);
    expect(names((await listSessions(request('/x', query), context(db))).body)).toEqual(['CV a', 'CV b']);
    expect(names((await listSessions(request('/x', { schoolYear: '2029', minChangeVersion: String(c.changeVersion) }), context(db))).body)).toEqual(['CV c']);
    // An update moves the item past the window.
    await db.query(`UPDATE edfi.session SET totalinstructionaldays = 1 WHERE sessionname = 'CV a'`);
    expect(names((await listSessions(request('/x', query), context(db))).body)).toEqual(['CV b']);
    // With change queries off the bounds are unknown parameters and ignored.
    expect(names((await listSessions(request('/x', query), context(db, { changeQueries: false }))).body)).toEqual(['CV a', 'CV b', 'CV c']);
  });
});
