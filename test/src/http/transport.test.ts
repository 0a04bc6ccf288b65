import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Transport, retryAfterMs } from '../../../src/http/transport.js';
import { TransportError } from '../../../src/errors.js';

const ORIGIN = 'https://ods.test';
let mock: MockAgent;

beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
});
afterEach(async () => {
  mock.assertNoPendingInterceptors();
  await mock.close();
});

describe(Transport.name, () => {
  it('should wait out 429 with Retry-After and return the answer that follows', async () => {
    const pool = mock.get(ORIGIN);
    pool.intercept({ path: '/a' }).reply(429, '', { headers: { 'retry-after': '0' } });
    pool.intercept({ path: '/a' }).reply(503, '', { headers: { 'retry-after': '0' } });
    pool.intercept({ path: '/a' }).reply(200, { ok: true }, { headers: { 'content-type': 'application/json' } });
    const t = new Transport({ timeoutMs: 1000, maxConcurrency: 2, dispatcher: mock });
    const ex = await t.send({ method: 'GET', url: `${ORIGIN}/a`, headers: {} });
    expect(ex.status).toBe(200);
    expect(ex.retries).toBe(2);
    expect(ex.json).toEqual({ ok: true });
    expect(t.sent).toBe(3);
  });

  it('should stop retrying after the bound and return the throttled answer', async () => {
    mock.get(ORIGIN).intercept({ path: '/b' }).reply(429, '', { headers: { 'retry-after': '0' } }).times(3);
    const t = new Transport({ timeoutMs: 1000, maxConcurrency: 2, dispatcher: mock, maxRetries: 2 });
    const ex = await t.send({ method: 'GET', url: `${ORIGIN}/b`, headers: {} });
    expect(ex.status).toBe(429);
    expect(ex.retries).toBe(2);
  });

  it('should not retry a 503 without Retry-After', async () => {
    mock.get(ORIGIN).intercept({ path: '/c' }).reply(503, 'down');
    const t = new Transport({ timeoutMs: 1000, maxConcurrency: 2, dispatcher: mock });
    expect((await t.send({ method: 'GET', url: `${ORIGIN}/c`, headers: {} })).status).toBe(503);
  });

  it('should lower-case headers and parse only JSON bodies', async () => {
    mock.get(ORIGIN).intercept({ path: '/d' }).reply(200, '{"a":1}', { headers: { 'Content-Type': 'text/plain', ETag: '"1"' } });
    const t = new Transport({ timeoutMs: 1000, maxConcurrency: 2, dispatcher: mock });
    const ex = await t.send({ method: 'GET', url: `${ORIGIN}/d`, headers: {} });
    expect(ex.headers.etag).toBe('"1"');
    expect(ex.json).toBeUndefined();
    expect(ex.text).toBe('{"a":1}');
  });

  it('should classify the sessions operation of each exchange', async () => {
    mock.get(ORIGIN).intercept({ path: '/data/v3/ed-fi/sessions/partitions?number=2' }).reply(200, { pageTokens: [] }, { headers: { 'content-type': 'application/json' } });
    const t = new Transport({ timeoutMs: 1000, maxConcurrency: 2, dispatcher: mock });
    expect((await t.send({ method: 'GET', url: `${ORIGIN}/data/v3/ed-fi/sessions/partitions?number=2`, headers: {} })).operation).toBe('GetSessionsPartitions');
  });

  it('should throw TransportError naming the timeout when no answer comes in time', async () => {
    mock.get(ORIGIN).intercept({ path: '/slow' }).reply(200, 'late').delay(500);
    const t = new Transport({ timeoutMs: 100, maxConcurrency: 2, dispatcher: mock });
    const error = await t.send({ method: 'GET', url: `${ORIGIN}/slow`, headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/no answer within 100 ms/);
  });
});

describe(retryAfterMs.name, () => {
  it('should read seconds and HTTP dates, and ignore other statuses', () => {
    expect(retryAfterMs({ status: 429, headers: { 'retry-after': '2' } })).toBe(2000);
    expect(retryAfterMs({ status: 503, headers: { 'retry-after': new Date(Date.now() + 60_000).toUTCString() } })).toBeGreaterThan(50_000);
    expect(retryAfterMs({ status: 500, headers: { 'retry-after': '2' } })).toBeUndefined();
  });
});
