// OAuth token endpoint (CONTRACT.md §7), bearer 401 variants (§2.2) and the per-client 403s (§6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../host/index.js';
import { type TestHost, SESSIONS, OTHER_SCHOOL, basic, createSession, send, sessionBody, startTestHost } from './host-fixture.js';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => t?.stop());

const form = 'application/x-www-form-urlencoded';

function tokenRequest(headers: Record<string, string>, body?: string | object) {
  return send(t.baseUrl, { method: 'POST', path: '/oauth/token', headers, body });
}

describe('POST /oauth/token', () => {
  it('issues a 32-hex bearer token for Basic credentials with a form body', async () => {
    const { key, secret } = t.host.clients.full;
    const reply = await tokenRequest({ Authorization: basic(key, secret), 'Content-Type': form }, 'grant_type=client_credentials');
    expect(reply.status).toBe(200);
    expect(reply.json.access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.json).toMatchObject({ expires_in: 1800, token_type: 'bearer' });
    expect(reply.json).not.toHaveProperty('scope');
  });

  it('accepts body credentials in JSON and echoes a requested scope', async () => {
    const { key, secret } = t.host.clients.full;
    const reply = await tokenRequest({ 'Content-Type': 'application/json' }, { grant_type: 'client_credentials', client_id: key, client_secret: secret, scope: '255901001' });
    expect(reply.status).toBe(200);
    expect(reply.json.scope).toBe('255901001');
  });

  it('refuses a scope the client is not associated with (400 invalid_scope)', async () => {
    const { key, secret } = t.host.clients.otherSchool;
    const reply = await tokenRequest({ Authorization: basic(key, secret), 'Content-Type': form }, 'grant_type=client_credentials&scope=255901001');
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('invalid_scope');
    expect(reply.json.error_description).toContain("requested 'scope'");
  });

  it.each([
    ['wrong secret', () => ({ Authorization: basic(t.host.clients.full.key, 'nope'), 'Content-Type': form }), 'grant_type=client_credentials', 401, 'invalid_client'],
    ['unknown key', () => ({ Authorization: basic('nobody', 'nothing-at-all'), 'Content-Type': form }), 'grant_type=client_credentials', 401, 'invalid_client'],
    ['empty credentials', () => ({ 'Content-Type': form }), 'grant_type=client_credentials&client_id=&client_secret=', 401, 'invalid_request'],
    ['malformed Basic header', () => ({ Authorization: 'Basic Test Test', 'Content-Type': form }), 'grant_type=client_credentials', 400, 'invalid_request'],
    ['non-Basic scheme', () => ({ Authorization: 'Digest abc', 'Content-Type': form }), 'grant_type=client_credentials', 401, 'invalid_client'],
    ['wrong grant type', () => ({ Authorization: basic(t.host.clients.full.key, t.host.clients.full.secret), 'Content-Type': form }), 'grant_type=password', 400, 'unsupported_grant_type'],
    [
      'both Basic and body credentials',
      () => ({ Authorization: basic(t.host.clients.full.key, t.host.clients.full.secret), 'Content-Type': form }),
      `grant_type=client_credentials&client_id=x&client_secret=y`,
      400,
      'invalid_client',
    ],
  ])('answers %s with %i %s', async (_label, headers, body, status, error) => {
    const reply = await tokenRequest(headers(), body);
    expect(reply.status).toBe(status);
    expect(reply.json).toEqual({ error });
  });

  it('answers 415 when Content-Type is missing', async () => {
    const { key, secret } = t.host.clients.full;
    const reply = await tokenRequest({ Authorization: basic(key, secret) }, 'grant_type=client_credentials');
    expect(reply.status).toBe(415);
    expect(reply.json.type).toBe('urn:ed-fi:api:unsupported-media-type');
  });

  it('reports a live token as active on /oauth/token_info and an unknown one as inactive', async () => {
    const token = await t.token('full');
    const live = await send(t.baseUrl, { method: 'POST', path: '/oauth/token_info', body: { token } });
    expect(live.json).toMatchObject({ active: true, client_id: t.host.clients.full.key });
    const dead = await send(t.baseUrl, { method: 'POST', path: '/oauth/token_info', body: { token: '0'.repeat(32) } });
    expect(dead.json).toEqual({ active: false });
  });
});

describe('bearer authentication on data routes', () => {
  it.each([
    ['no Authorization header', undefined, 'Authorization header is missing.'],
    ['an unknown scheme', 'Token abc', 'Unknown Authorization header scheme.'],
    ['Bearer without a value', 'Bearer', 'Missing Authorization header bearer token value.'],
    ['an unknown token', `Bearer ${'a'.repeat(32)}`, 'Invalid token'],
  ])('answers 401 for %s', async (_label, header, message) => {
    const headers: Record<string, string> = header ? { Authorization: header } : {};
    const reply = await send(t.baseUrl, { path: SESSIONS, headers });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.json).toMatchObject({ type: 'urn:ed-fi:api:security:authentication', title: 'Authentication Failed', errors: [message] });
    expect(reply.headers['www-authenticate']).toBeUndefined();
  });

  it('answers 401 on unknown data paths too (authentication first)', async () => {
    const reply = await send(t.baseUrl, { path: '/data/v3/ed-fi/nothingHere' });
    expect(reply.status).toBe(401);
  });

  it('treats an expired shortLived token as Invalid token, judged by the host clock (no sleeping)', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    // Its own in-memory host (a second host on the shared PostgreSQL test database would reseed it).
    const clocked = await startHost({ port: 0, quiet: true, clock: () => now });
    try {
      const { key, secret } = clocked.clients.shortLived;
      const issued = await send(clocked.baseUrl, { method: 'POST', path: '/oauth/token', headers: { Authorization: basic(key, secret), 'Content-Type': form }, body: 'grant_type=client_credentials' });
      expect(issued.json.expires_in).toBe(2);
      const use = () => send(clocked.baseUrl, { path: `${SESSIONS}?limit=1`, headers: { Authorization: `Bearer ${issued.json.access_token}` } });
      now += 1_999;
      expect((await use()).status).toBe(200);
      now += 1;
      const stale = await use();
      expect(stale.status).toBe(401);
      expect(stale.json.errors).toEqual(['Invalid token']);
    } finally {
      await clocked.stop();
    }
  });
});

describe('authorization per client', () => {
  it('lets readOnly read but not write (403)', async () => {
    const created = await createSession(t);
    expect((await t.api({ path: created.path }, 'readOnly')).status).toBe(200);
    const post = await t.api({ method: 'POST', path: SESSIONS, body: sessionBody() }, 'readOnly');
    expect(post.status).toBe(403);
    expect(post.json.type).toBe('urn:ed-fi:api:security:authorization');
    expect((await t.api({ method: 'PUT', path: created.path, body: created.body }, 'readOnly')).status).toBe(403);
    expect((await t.api({ method: 'DELETE', path: created.path }, 'readOnly')).status).toBe(403);
  });

  it('denies every sessions operation to noSessionsClaim but lets it read schools', async () => {
    const created = await createSession(t);
    for (const path of [SESSIONS, created.path, `${SESSIONS}/deletes`, `${SESSIONS}/keyChanges`, `${SESSIONS}/partitions`]) {
      const reply = await t.api({ path }, 'noSessionsClaim');
      expect(reply.status, path).toBe(403);
    }
    expect((await t.api({ method: 'POST', path: SESSIONS, body: sessionBody() }, 'noSessionsClaim')).status).toBe(403);
    expect((await t.api({ path: '/data/v3/ed-fi/schools' }, 'noSessionsClaim')).status).toBe(200);
  });

  it('limits otherSchool to its own school, with the relationships message', async () => {
    const primary = await createSession(t);
    const read = await t.api({ path: primary.path }, 'otherSchool');
    expect(read.status).toBe(403);
    expect(read.json.errors[0]).toMatch(/^No relationships have been established between the caller's education organization id claim \(255901044\) and the resource item's 'SchoolId' value\.$/);
    expect((await t.api({ method: 'PUT', path: primary.path, body: primary.body }, 'otherSchool')).status).toBe(403);
    expect((await t.api({ method: 'DELETE', path: primary.path }, 'otherSchool')).status).toBe(403);
    expect((await t.api({ method: 'POST', path: SESSIONS, body: sessionBody() }, 'otherSchool')).status).toBe(403);
    const own = await t.api({ method: 'POST', path: SESSIONS, body: sessionBody({ schoolId: OTHER_SCHOOL }) }, 'otherSchool');
    expect(own.status).toBe(201);
    const list = await t.api({ path: `${SESSIONS}?limit=500` }, 'otherSchool');
    expect(list.status).toBe(200);
    expect(list.json.length).toBeGreaterThan(0);
    expect(list.json.every((s: any) => s.schoolReference.schoolId === OTHER_SCHOOL)).toBe(true);
  });

  it('checks authorization before reference resolution (403, not 409, for an unknown school)', async () => {
    const reply = await t.api({ method: 'POST', path: SESSIONS, body: sessionBody({ schoolId: 999999, withChildren: false }) }, 'otherSchool');
    expect(reply.status).toBe(403);
  });
});
