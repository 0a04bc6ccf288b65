// The token endpoint (client_credentials; OAuth 2 error bodies, not problem details) and the
// anonymous discovery document at the API root. CONTRACT.md §7; RFC 6749 §5.1, §5.2.
// A token may be opaque (ODS: 32 hex digits) or a JWT: only its use is checked, never its form,
// and no part of it is ever quoted in a failure. `expires_in` is the token's lifetime in seconds
// (RFC 6749 §5.1; ODS: BearerTokenTimeoutMinutes × 60); an absolute time there fails the token
// requirement of the check that received it.
import { randomUUID } from 'node:crypto';
import { check, describe, Differences, ensure, expectStatus, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';

interface Credentials {
  key: string;
  secret: string;
}

/** The main client's credentials, when the harness hands them to checks (they stay in memory). */
function credentials(t: CheckContext): Credentials {
  const creds = (t.target as { credentials?: Credentials }).credentials;
  if (!creds?.key || !creds.secret) t.skip("the harness does not expose the client's key and secret to checks (t.target.credentials)");
  return creds;
}

const basic = (key: string, secret: string): string => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';

function tokenRequest(t: CheckContext, form: Record<string, string>, authorization?: string): Promise<Exchange> {
  return t.http.request({
    method: 'POST',
    url: t.target.urls.token,
    body: new URLSearchParams(form).toString(),
    headers: { 'content-type': FORM, ...(authorization ? { authorization } : {}) },
  });
}

/** The longest token lifetime taken as plausible: a day. ODS issues 30 or 60 minutes; an epoch time is ~1.8e9. */
const MAX_LIFETIME_SECONDS = 24 * 60 * 60;

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  token_type?: unknown;
  error?: unknown;
  [member: string]: unknown;
}

/** The answer's members as a failure may quote them: any token is replaced by its kind and length. */
function quotable(ex: Exchange): unknown {
  const body = ex.json as TokenAnswer | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return `(${ex.text.length} characters, not a JSON object)`;
  const masked: Record<string, unknown> = { ...body };
  for (const key of ['access_token', 'refresh_token', 'id_token']) {
    const v = masked[key];
    if (v !== undefined) masked[key] = typeof v === 'string' ? `(${v.split('.').length === 3 ? 'JWT-shaped' : 'opaque'} token, ${v.length} characters)` : `(${typeof v})`;
  }
  return masked;
}

/** The status of a token answer; a failure quotes the body with any token masked (never a generic excerpt). */
function expectTokenStatus(ex: Exchange, status: number): void {
  ensure(ex.status === status, `POST /oauth/token should answer ${status}`, { expected: status, observed: { status: ex.status, body: quotable(ex) } }, ex);
}

function expectOAuthError(ex: Exchange, status: number, error: string): void {
  expectTokenStatus(ex, status);
  const body = ex.json as TokenAnswer | undefined;
  ensure(body?.error === error, `the token endpoint should answer the OAuth error ${error}`, { expected: { error }, observed: quotable(ex) }, ex);
  ensure(body.access_token === undefined, 'a refused token request should carry no token', { expected: 'no access_token', observed: quotable(ex) }, ex);
}

/** A token answer: a bearer token (opaque or JWT) and its lifetime in seconds. Returns the token. */
function expectTokenAnswer(ex: Exchange): string {
  expectTokenStatus(ex, 200);
  const body = ex.json as TokenAnswer | undefined;
  ensure(typeof body?.access_token === 'string' && body.access_token.trim().length > 0, 'the answer should carry an access_token', { expected: 'access_token: a non-empty string', observed: quotable(ex) }, ex);
  ensure(String(body.token_type).toLowerCase() === 'bearer', 'token_type should be bearer', { expected: 'bearer', observed: body.token_type }, ex);
  const lifetime = body.expires_in;
  ensure(typeof lifetime === 'number' && Number.isInteger(lifetime) && lifetime > 0 && lifetime <= MAX_LIFETIME_SECONDS,
    'expires_in should be the token lifetime in seconds (a positive integer, at most a day), not a string or an absolute time', {
      expected: `0 < expires_in <= ${MAX_LIFETIME_SECONDS} (ODS: 1800 or 3600)`,
      observed: lifetime === undefined ? '(no expires_in)' : lifetime,
    }, ex);
  return body.access_token;
}

/**
 * The token opens the data API: a GET of the sessions list with it is not refused as
 * unauthenticated. Only the 401 speaks about the token; any other trouble of the list is a
 * GET-many requirement's, not this one's.
 */
async function expectTokenOpensApi(t: CheckContext, token: string): Promise<void> {
  const use = await t.step('GET sessions with the new token', () =>
    t.http.request({ method: 'GET', url: `${t.target.urls.data}${SESSIONS}`, query: { limit: 1 }, headers: { authorization: `Bearer ${token}` } }));
  ensure(use.status !== 401, 'the new token should open the data API', { expected: 'not 401', observed: use.status }, use);
}

describe('POST /oauth/token', () => {
  check('SES-TOKEN-BASIC-OK', 'client_credentials with key and secret in the Authorization header answers a token that opens the data API', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with header credentials', () => tokenRequest(t, { grant_type: 'client_credentials' }, basic(key, secret)));
    await expectTokenOpensApi(t, expectTokenAnswer(ex));
  });

  check('SES-TOKEN-BODY-OK', 'client_credentials with client_id and client_secret in the body answers a token that opens the data API', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with body credentials', () =>
      tokenRequest(t, { grant_type: 'client_credentials', client_id: key, client_secret: secret }));
    await expectTokenOpensApi(t, expectTokenAnswer(ex));
  });

  check('SES-TOKEN-401-INVALID-CLIENT', 'a wrong secret answers 401 invalid_client', async (t) => {
    const { key } = credentials(t);
    const ex = await t.step('POST /oauth/token with a wrong secret', () =>
      tokenRequest(t, { grant_type: 'client_credentials' }, basic(key, `wrong-${randomUUID()}`)));
    expectOAuthError(ex, 401, 'invalid_client');
  });

  check('SES-TOKEN-401-INVALID-CLIENT', 'an unknown key answers 401 invalid_client', async (t) => {
    const ex = await t.step('POST /oauth/token with an unknown key', () =>
      tokenRequest(t, { grant_type: 'client_credentials' }, basic(`unknown-${randomUUID().slice(0, 8)}`, randomUUID())));
    expectOAuthError(ex, 401, 'invalid_client');
  });

  check('SES-TOKEN-400-BOTH-CREDENTIALS', 'credentials both in the Authorization header and in the body answer 400 invalid_client', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with header and body credentials', () =>
      tokenRequest(t, { grant_type: 'client_credentials', client_id: key, client_secret: secret }, basic(key, secret)));
    expectOAuthError(ex, 400, 'invalid_client');
  });

  check('SES-TOKEN-400-GRANT-TYPE', 'a grant type other than client_credentials answers 400 unsupported_grant_type', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with grant_type=password', () => tokenRequest(t, { grant_type: 'password' }, basic(key, secret)));
    expectOAuthError(ex, 400, 'unsupported_grant_type');
  });
});

describe('GET / (discovery)', () => {
  check('SES-DISCOVERY-SHAPE', 'the discovery document is served without credentials and names the API', async (t) => {
    const ex = await t.step('GET the API root anonymously', () => t.http.request({ method: 'GET', url: `${t.target.urls.root}/` }));
    expectStatus(ex, 200);
    const doc = ex.json as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    ensure(doc && typeof doc === 'object' && !Array.isArray(doc), 'discovery should answer a JSON object', { expected: '{ version, applicationName, dataModels, urls }', observed: ex.text }, ex);
    ensure(typeof doc.version === 'string' && typeof doc.applicationName === 'string', 'discovery should name the application and its version', {
      expected: 'version: string, applicationName: string',
      observed: { version: doc.version, applicationName: doc.applicationName },
    }, ex);
    const models = Array.isArray(doc.dataModels) ? (doc.dataModels as Array<Record<string, unknown>>) : [];
    ensure(models.some((m) => m.name === 'Ed-Fi' && typeof m.version === 'string'), 'dataModels should list the Ed-Fi model with its version', {
      expected: "[{ name: 'Ed-Fi', version: '5.x' }, …]",
      observed: doc.dataModels,
    }, ex);
    const urls = (doc.urls ?? {}) as Record<string, unknown>;
    const needed = t.decide(Differences.discoveryUrls);
    const missing = needed.filter((k) => typeof urls[k] !== 'string');
    ensure(typeof doc.urls === 'object' && missing.length === 0, 'discovery urls should name the data and token endpoints', { expected: needed, observed: doc.urls }, ex);
  });
});
