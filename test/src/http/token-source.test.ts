import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/http/api-client.js';
import { TokenSource } from '../../../src/http/token-source.js';
import { Transport } from '../../../src/http/transport.js';
import { redactText } from '../../../src/report/redact.js';
import { TokenRequestError } from '../../../src/errors.js';

const ORIGIN = 'https://ods.test';
let mock: MockAgent;
let transport: Transport;

beforeEach(() => {
  mock = new MockAgent();
  mock.disableNetConnect();
  transport = new Transport({ timeoutMs: 2_000, maxConcurrency: 4, dispatcher: mock, maxRetryWaitMs: 10 });
});
afterEach(async () => {
  mock.assertNoPendingInterceptors();
  await mock.close();
});

function tokenReply(token: string, expiresIn = 1800): void {
  mock.get(ORIGIN).intercept({ path: '/oauth/token', method: 'POST' }).reply(200, { access_token: token, expires_in: expiresIn, token_type: 'bearer' }, { headers: { 'content-type': 'application/json' } });
}

describe(TokenSource.name, () => {
  it('should fetch a token once with Basic client credentials and reuse it', async () => {
    let sentAuth = '';
    mock.get(ORIGIN).intercept({ path: '/oauth/token', method: 'POST', body: 'grant_type=client_credentials' }).reply((opts) => {
      sentAuth = String((opts.headers as Record<string, string>).authorization);
      return { statusCode: 200, data: { access_token: 'tok-one-1234', expires_in: 1800 }, responseOptions: { headers: { 'content-type': 'application/json' } } };
    });
    const tokens = new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 'the-secret' });
    expect(await tokens.token()).toBe('tok-one-1234');
    expect(await tokens.token()).toBe('tok-one-1234');
    expect(tokens.fetched).toBe(1);
    expect(sentAuth).toBe(`Basic ${Buffer.from('k:the-secret').toString('base64')}`);
  });

  it('should renew the token shortly before it expires', async () => {
    let now = 1_000_000;
    tokenReply('first-token', 100);
    tokenReply('second-token', 100);
    const tokens = new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 's3cret' }, () => now);
    expect(await tokens.token()).toBe('first-token');
    now += 89_000; // inside the lifetime minus the 10% margin
    expect(await tokens.token()).toBe('first-token');
    now += 2_000; // past 90 s: renewed
    expect(await tokens.token()).toBe('second-token');
  });

  it('should say when the token was asked for and when its answer arrived (a slow host issues late)', async () => {
    let now = 5_000;
    // The answer takes 3 s to come: the token may have been issued at any moment in between.
    mock.get(ORIGIN).intercept({ path: '/oauth/token', method: 'POST' }).reply(() => {
      now += 3_000;
      return { statusCode: 200, data: { access_token: 'late-token', expires_in: 2 }, responseOptions: { headers: { 'content-type': 'application/json' } } };
    });
    const tokens = new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 's3cret' }, () => now);
    expect(await tokens.issued()).toEqual({ value: 'late-token', requestedAt: 5_000, receivedAt: 8_000, expiresIn: 2 });
  });

  it('should throw TokenRequestError with the status when the credentials are refused', async () => {
    mock.get(ORIGIN).intercept({ path: '/oauth/token', method: 'POST' }).reply(401, { error: 'invalid_client' }, { headers: { 'content-type': 'application/json' } });
    const tokens = new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 'wrong-one' });
    const error = await tokens.token().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).status).toBe(401);
  });

  it('should register fetched tokens with the redactor', async () => {
    tokenReply('registered-token-xyz');
    await new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 'sec-1' }).token();
    expect(redactText('saw registered-token-xyz here')).toBe('saw *** here');
  });
});

describe(ApiClient.name, () => {
  it('should renew once on 401 Invalid token and retry the request', async () => {
    tokenReply('stale-token');
    tokenReply('fresh-token');
    const seen: string[] = [];
    const pool = mock.get(ORIGIN);
    pool.intercept({ path: '/data/v3/ed-fi/sessions', method: 'GET' }).reply((opts) => {
      seen.push(String((opts.headers as Record<string, string>).authorization));
      return { statusCode: 401, data: { type: 'urn:ed-fi:api:security:authentication', status: 401, errors: ['Invalid token'] }, responseOptions: { headers: { 'content-type': 'application/problem+json' } } };
    });
    pool.intercept({ path: '/data/v3/ed-fi/sessions', method: 'GET' }).reply((opts) => {
      seen.push(String((opts.headers as Record<string, string>).authorization));
      return { statusCode: 200, data: [], responseOptions: { headers: { 'content-type': 'application/json' } } };
    });
    const observed: number[] = [];
    const tokens = new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 'sx-123' });
    const api = new ApiClient({ transport, baseUrl: `${ORIGIN}/data/v3`, tokens, observe: (ex) => void observed.push(ex.status) });
    const ex = await api.get('/ed-fi/sessions');
    expect(ex.status).toBe(200);
    expect(seen).toEqual(['Bearer stale-token', 'Bearer fresh-token']);
    expect(observed).toEqual([401, 200]);
  });

  it('should return a second 401 as an exchange instead of retrying in a loop', async () => {
    tokenReply('t-one');
    tokenReply('t-two');
    const problem = { status: 401, errors: ['Invalid token'] };
    mock.get(ORIGIN).intercept({ path: '/data/v3/x', method: 'GET' }).reply(401, problem, { headers: { 'content-type': 'application/json' } }).times(2);
    const api = new ApiClient({ transport, baseUrl: `${ORIGIN}/data/v3`, tokens: new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 'sy-123' }) });
    const ex = await api.get('/x');
    expect(ex.status).toBe(401);
  });

  it('should let a check observe the 401 when renewal is turned off', async () => {
    tokenReply('t-only');
    mock.get(ORIGIN).intercept({ path: '/data/v3/x', method: 'GET' }).reply(401, { errors: ['Invalid token'] }, { headers: { 'content-type': 'application/json' } });
    const api = new ApiClient({ transport, baseUrl: `${ORIGIN}/data/v3`, tokens: new TokenSource(transport, `${ORIGIN}/oauth/token`, { key: 'k', secret: 'sz-123' }) });
    expect((await api.get('/x', { renewOnInvalidToken: false })).status).toBe(401);
  });
});
