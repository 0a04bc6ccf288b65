// The token endpoint (client_credentials; OAuth 2 error bodies, not problem details) and the
// anonymous discovery document at the API root. CONTRACT.md §7.
import { randomUUID } from 'node:crypto';
import { check, describe, ensure, expectStatus, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';

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

function expectOAuthError(ex: Exchange, status: number, error: string): void {
  expectStatus(ex, status);
  const body = ex.json as { error?: unknown; access_token?: unknown } | undefined;
  ensure(body?.error === error, `the token endpoint should answer the OAuth error ${error}`, { expected: { error }, observed: ex.text }, ex);
  ensure(body.access_token === undefined, 'a refused token request should carry no token', { expected: 'no access_token', observed: body }, ex);
}

async function expectUsableToken(t: CheckContext, ex: Exchange): Promise<void> {
  expectStatus(ex, 200);
  const body = ex.json as { access_token?: unknown; expires_in?: unknown; token_type?: unknown } | undefined;
  ensure(typeof body?.access_token === 'string' && body.access_token.length > 0, 'the answer should carry an access_token', { expected: 'access_token: string', observed: body }, ex);
  ensure(typeof body.expires_in === 'number' && body.expires_in > 0, 'expires_in should be a positive number of seconds', { expected: 'expires_in > 0', observed: body.expires_in }, ex);
  ensure(String(body.token_type).toLowerCase() === 'bearer', 'token_type should be bearer', { expected: 'bearer', observed: body.token_type }, ex);
  const use = await t.step('GET sessions with the new token', () =>
    t.http.request({ method: 'GET', url: `${t.target.urls.data}${SESSIONS}`, query: { limit: 1 }, headers: { authorization: `Bearer ${body.access_token as string}` } }));
  expectStatus(use, 200);
}

describe('POST /oauth/token', () => {
  check('SES-TOKEN-BASIC-OK', '01 client_credentials with key and secret in the Authorization header answers a token that opens the data API', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with header credentials', () => tokenRequest(t, { grant_type: 'client_credentials' }, basic(key, secret)));
    await expectUsableToken(t, ex);
  });

  check('SES-TOKEN-BODY-OK', '02 client_credentials with client_id and client_secret in the body answers an access token', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with body credentials', () =>
      tokenRequest(t, { grant_type: 'client_credentials', client_id: key, client_secret: secret }));
    await expectUsableToken(t, ex);
  });

  check('SES-TOKEN-401-INVALID-CLIENT', '03 a wrong secret answers 401 invalid_client', async (t) => {
    const { key } = credentials(t);
    const ex = await t.step('POST /oauth/token with a wrong secret', () =>
      tokenRequest(t, { grant_type: 'client_credentials' }, basic(key, `wrong-${randomUUID()}`)));
    expectOAuthError(ex, 401, 'invalid_client');
  });

  check('SES-TOKEN-401-INVALID-CLIENT', '04 an unknown key answers 401 invalid_client', async (t) => {
    const ex = await t.step('POST /oauth/token with an unknown key', () =>
      tokenRequest(t, { grant_type: 'client_credentials' }, basic(`unknown-${randomUUID().slice(0, 8)}`, randomUUID())));
    expectOAuthError(ex, 401, 'invalid_client');
  });

  check('SES-TOKEN-400-BOTH-CREDENTIALS', '05 credentials both in the Authorization header and in the body answer 400 invalid_client', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with header and body credentials', () =>
      tokenRequest(t, { grant_type: 'client_credentials', client_id: key, client_secret: secret }, basic(key, secret)));
    expectOAuthError(ex, 400, 'invalid_client');
  });

  check('SES-TOKEN-400-GRANT-TYPE', '06 a grant type other than client_credentials answers 400 unsupported_grant_type', async (t) => {
    const { key, secret } = credentials(t);
    const ex = await t.step('POST /oauth/token with grant_type=password', () => tokenRequest(t, { grant_type: 'password' }, basic(key, secret)));
    expectOAuthError(ex, 400, 'unsupported_grant_type');
  });
});

describe('GET / (discovery)', () => {
  check('SES-DISCOVERY-SHAPE', '07 the discovery document is served without credentials and names the API', async (t) => {
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
    const needed = t.target.profile === 'ods-7.3' ? ['dataManagementApi', 'oauth'] : t.target.profile === 'dms' ? ['dataManagementApi'] : [];
    const missing = needed.filter((k) => typeof urls[k] !== 'string');
    ensure(typeof doc.urls === 'object' && missing.length === 0, 'discovery urls should name the data and token endpoints', { expected: needed, observed: doc.urls }, ex);
  });
});
