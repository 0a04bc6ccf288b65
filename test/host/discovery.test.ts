// Discovery document (CONTRACT.md §7), the server's generic answers (unknown path, correlation
// ids, body limit) and the change-queries switch in discovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestHost, SESSIONS, send, startTestHost } from './host-fixture.js';

let t: TestHost;
let noChangeQueries: TestHost;
beforeAll(async () => {
  t = await startTestHost();
  noChangeQueries = await startTestHost({ changeQueries: false });
});
afterAll(async () => {
  await t?.stop();
  await noChangeQueries?.stop();
});

describe('GET / (discovery)', () => {
  it('answers the 7.3 version document with absolute urls, anonymously', async () => {
    const reply = await send(t.baseUrl, { path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.json).toMatchObject({ version: '7.3', informationalVersion: '7.3.2', applicationName: 'Ed-Fi Alliance ODS/API' });
    expect(reply.json.dataModels).toContainEqual(expect.objectContaining({ name: 'Ed-Fi', version: '5.2.0' }));
    const urls = reply.json.urls;
    expect(urls.oauth).toBe(`${t.baseUrl}/oauth/token`);
    expect(urls.dataManagementApi).toBe(`${t.baseUrl}/data/v3/`);
    expect(urls.changeQueries).toBe(`${t.baseUrl}/changeQueries/v1/`);
    for (const key of ['dependencies', 'openApiMetadata', 'oauthTokenIntrospection', 'xsdMetadata', 'composites']) {
      expect(urls[key], key).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    expect(reply.text).toContain('\n  "version"'); // indented JSON, as ODS writes it
  });

  it('drops urls.changeQueries when change queries are off', async () => {
    const reply = await send(noChangeQueries.baseUrl, { path: '/' });
    expect(reply.json.urls).not.toHaveProperty('changeQueries');
    expect(reply.json.urls.oauth).toBe(`${noChangeQueries.baseUrl}/oauth/token`);
  });

  it('serves the metadata index and the dependency order linked from discovery', async () => {
    const urls = (await send(t.baseUrl, { path: '/' })).json.urls;
    const index = await send(t.baseUrl, { path: new URL(urls.openApiMetadata).pathname });
    expect(index.json[0].endpointUri).toBe(`${t.baseUrl}/metadata/data/v3/resources/swagger.json`);
    const dependencies = await send(t.baseUrl, { path: new URL(urls.dependencies).pathname });
    const order = dependencies.json.map((d: any) => d.resource);
    expect(order.indexOf('/ed-fi/sessions')).toBeGreaterThan(order.indexOf('/ed-fi/schools'));
    expect(order.indexOf('/ed-fi/courseOfferings')).toBeGreaterThan(order.indexOf('/ed-fi/sessions'));
  });

  it('serves the OpenAPI document at the metadata path', async () => {
    const reply = await send(t.baseUrl, { path: '/metadata/data/v3/resources/swagger.json' });
    expect(reply.status).toBe(200);
    expect(reply.json.openapi).toMatch(/^3\./);
  });
});

describe('generic server behaviour', () => {
  it('answers an unknown path with the generic 404 problem', async () => {
    const reply = await send(t.baseUrl, { path: '/no/such/thing' });
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.json).toMatchObject({ type: 'urn:ed-fi:api:not-found', detail: 'The specified data could not be found.', status: 404 });
    expect(reply.json.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes the correlation id from the header first, then from ?correlationId=', async () => {
    const both = await send(t.baseUrl, { path: '/nothing?correlationId=from-query', headers: { 'correlation-id': 'from-header' } });
    expect(both.json.correlationId).toBe('from-header');
    const query = await send(t.baseUrl, { path: '/nothing?correlationId=from-query' });
    expect(query.json.correlationId).toBe('from-query');
  });

  it('refuses a body above 1 MiB with 413', async () => {
    const token = await t.token();
    const reply = await send(t.baseUrl, {
      method: 'POST',
      path: SESSIONS,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 + 10, 0x20),
    });
    expect(reply.status).toBe(413);
  });

  it('answers availableChangeVersions only while change queries are on', async () => {
    const on = await t.api({ path: '/changeQueries/v1/availableChangeVersions' });
    expect(on.status).toBe(200);
    expect(on.json.oldestChangeVersion).toBe(0);
    const mixedCase = await t.api({ path: '/changeQueries/v1/AvailableChangeVersions' });
    expect(mixedCase.status).toBe(200);
    const off = await noChangeQueries.api({ path: '/changeQueries/v1/availableChangeVersions' });
    expect(off.status).toBe(404);
  });
});
