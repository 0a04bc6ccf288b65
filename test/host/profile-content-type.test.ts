// Profile-based content types (the middleware rule of ODS; the trigger of the seed's GET-by-id 400).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, SESSIONS, createSession, sessionBody, startTestHost } from './host-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

const PROFILE_TYPE = 'urn:ed-fi:api:profile:invalid-profile-usage';

describe('profile-based content types', () => {
  it('answers GET by id with a writable profile Accept with 400 invalid-profile-usage', async () => {
    const created = await createSession(t);
    const reply = await t.api({ path: created.path, headers: { Accept: 'application/vnd.ed-fi.session.any-profile.writable+json' } });
    expect(reply.status).toBe(400);
    expect(reply.json.type).toBe(PROFILE_TYPE);
    expect(reply.json.errors[0]).toMatch(/writable cannot be used with GET/);
  });

  it('answers a malformed profile Accept with 400 and a well-formed unknown profile with 406', async () => {
    const created = await createSession(t);
    const malformed = await t.api({ path: created.path, headers: { Accept: 'application/vnd.ed-fi.session+json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json.type).toBe(PROFILE_TYPE);
    const unknown = await t.api({ path: created.path, headers: { Accept: 'application/vnd.ed-fi.session.no-such-profile.readable+json' } });
    expect(unknown.status).toBe(406);
  });

  it('answers a POST with a readable profile Content-Type with 400, and leaves plain JSON alone', async () => {
    const readable = await t.api({
      method: 'POST',
      path: SESSIONS,
      body: sessionBody(),
      headers: { 'Content-Type': 'application/vnd.ed-fi.session.any-profile.readable+json' },
    });
    expect(readable.status).toBe(400);
    expect(readable.json.type).toBe(PROFILE_TYPE);
    const plain = await t.api({ path: SESSIONS, headers: { Accept: 'application/json' } });
    expect(plain.status).toBe(200);
  });
});
