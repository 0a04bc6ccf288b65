// ETag value and conditional requests (CONTRACT.md §3): ToBinary of LastModifiedDate, quoted in
// the header and bare in _etag; If-Match on PUT/DELETE/POST; If-None-Match → 304.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, SESSIONS, createSession, startTestHost } from './host-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
const UTC_KIND = 0x4000_0000_0000_0000n;

/** The ETag a .NET host would compute from the rendered _lastModifiedDate. */
function etagOfTimestamp(iso: string): string {
  const [, whole, fraction] = /^(.*T\d{2}:\d{2}:\d{2})\.(\d+)Z$/.exec(iso)!;
  const ticksFraction = BigInt(fraction.padEnd(7, '0').slice(0, 7));
  const ticks = BigInt(Date.parse(`${whole}Z`)) * 10_000n + ticksFraction + TICKS_AT_UNIX_EPOCH;
  return (ticks | UTC_KIND).toString();
}

const OPTIMISTIC_LOCK_BODY = {
  detail: 'The item has been modified by another user.',
  type: 'urn:ed-fi:api:optimistic-lock-failed',
  title: 'Optimistic Lock Failed',
  status: 412,
  errors: [
    "The resource item's etag value does not match what was specified in the 'If-Match' request header indicating that it has been modified by another client since it was last retrieved.",
  ],
};

describe('ETag value', () => {
  it('is LastModifiedDate.ToBinary(): consistent with _lastModifiedDate', async () => {
    const created = await createSession(t);
    const read = await t.api({ path: created.path });
    expect(read.json._etag).toBe(etagOfTimestamp(read.json._lastModifiedDate));
    expect(created.etag).toBe(`"${read.json._etag}"`);
  });

  it('differs between two writes in quick succession', async () => {
    const created = await createSession(t);
    const etags = new Set<string>([created.etag]);
    for (let i = 0; i < 5; i++) {
      const reply = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 100 + i } });
      etags.add(String(reply.headers.etag));
    }
    expect(etags.size).toBe(6);
  });
});

describe('If-Match', () => {
  it.each([
    ['quoted', (etag: string) => etag],
    ['bare', (etag: string) => etag.replace(/"/g, '')],
  ])('accepts a matching %s value on PUT', async (_label, form) => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 5 }, headers: { 'If-Match': form(created.etag) } });
    expect(reply.status).toBe(204);
  });

  it('answers 412 with the exact ODS body on a stale value, and does not write', async () => {
    const created = await createSession(t);
    const first = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 7 } });
    const stale = await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 8 }, headers: { 'If-Match': created.etag } });
    expect(stale.status).toBe(412);
    expect(stale.json).toMatchObject(OPTIMISTIC_LOCK_BODY);
    const read = await t.api({ path: created.path });
    expect(read.json.totalInstructionalDays).toBe(7);
    expect(read.headers.etag).toBe(first.headers.etag);
  });

  it.each(['*', '"InvalidETAG"', ''])('answers 412 for the unparseable value %j', async (value) => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'PUT', path: created.path, body: created.body, headers: { 'If-Match': value } });
    expect(reply.status).toBe(412);
  });

  it('answers 400 parameter-validation-failed for a number that is no DateTime binary', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'PUT', path: created.path, body: created.body, headers: { 'If-Match': '"4611686018427387903"' } });
    expect(reply.status).toBe(400);
    expect(reply.json.type).toBe('urn:ed-fi:api:bad-request:parameter-validation-failed');
  });

  it('answers 404 on PUT with If-Match for an unknown id', async () => {
    const reply = await t.api({ method: 'PUT', path: `${SESSIONS}/${'2'.repeat(32)}`, body: (await createSession(t)).body, headers: { 'If-Match': '"5250374366428622464"' } });
    expect(reply.status).toBe(404);
  });

  it('guards DELETE: 412 on mismatch, 204 on match', async () => {
    const created = await createSession(t);
    const mismatch = await t.api({ method: 'DELETE', path: created.path, headers: { 'If-Match': '"5250374366428622464"' } });
    expect(mismatch.status).toBe(412);
    const match = await t.api({ method: 'DELETE', path: created.path, headers: { 'If-Match': created.etag } });
    expect(match.status).toBe(204);
  });

  it('accepts a matching If-Match on a POST upsert', async () => {
    const created = await createSession(t);
    const reply = await t.api({ method: 'POST', path: SESSIONS, body: { ...created.body, totalInstructionalDays: 9 }, headers: { 'If-Match': created.etag } });
    expect(reply.status).toBe(200);
  });
});

describe('If-None-Match on GET by id', () => {
  it.each([
    ['bare', (etag: string) => etag.replace(/"/g, '')],
    ['quoted', (etag: string) => etag],
  ])('answers 304 without a body for the current ETag (%s)', async (_label, form) => {
    const created = await createSession(t);
    const reply = await t.api({ path: created.path, headers: { 'If-None-Match': form(created.etag) } });
    expect(reply.status).toBe(304);
    expect(reply.text).toBe('');
  });

  it('answers 200 after the item changed', async () => {
    const created = await createSession(t);
    await t.api({ method: 'PUT', path: created.path, body: { ...created.body, totalInstructionalDays: 11 } });
    const reply = await t.api({ path: created.path, headers: { 'If-None-Match': created.etag } });
    expect(reply.status).toBe(200);
    expect(reply.json.totalInstructionalDays).toBe(11);
  });
});
