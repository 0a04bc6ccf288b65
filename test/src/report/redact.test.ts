import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { excerpt, MASK, redactError, redactHeaders, redactText, redactValue, registerSecret, tokensIn } from '../../../src/report/redact.js';
import { toCurl } from '../../../src/report/curl.js';
import { summariseBody } from '../../../src/assert/status.js';
import { exchange } from '../helpers/exchange.js';

describe(redactText.name, () => {
  it('should remove registered secrets wherever they appear', () => {
    registerSecret('hunter2-secret');
    expect(redactText('{"note":"hunter2-secret was here"}')).toBe(`{"note":"${MASK} was here"}`);
  });

  it('should mask bearer and Basic credentials, and token/secret members of bodies', () => {
    expect(redactText('Authorization: Bearer abc.def-123')).toBe(`Authorization: Bearer ${MASK}`);
    expect(redactText('Basic a2V5OnNlY3JldA==')).toBe(`Basic ${MASK}`);
    expect(redactText('{"access_token":"0123456789abcdef","expires_in":1800}')).toBe(`{"access_token":"${MASK}","expires_in":1800}`);
    expect(redactText('grant_type=client_credentials&client_secret=zzz&client_id=k')).toBe(`grant_type=client_credentials&client_secret=${MASK}&client_id=k`);
  });

  it('should leave ordinary text alone', () => {
    expect(redactText('GET /data/v3/ed-fi/sessions?limit=1')).toBe('GET /data/v3/ed-fi/sessions?limit=1');
    expect(redactText('the key/secret in a Basic Authorization header, and a Bearer token')).toBe('the key/secret in a Basic Authorization header, and a Bearer token');
    // Prose that ends a sentence after the word is not a credential either.
    expect(redactText('It answers 200 with a bearer token. Then…')).toBe('It answers 200 with a bearer token. Then…');
  });
});

describe(redactHeaders.name, () => {
  it('should keep the scheme and mask the credential', () => {
    expect(redactHeaders({ authorization: 'Bearer t0k3n-value', accept: 'application/json' })).toEqual({ authorization: `Bearer ${MASK}`, accept: 'application/json' });
    expect(redactHeaders({ Authorization: 'opaque' }).Authorization).toBe(MASK);
  });
});

describe(toCurl.name, () => {
  it('should rebuild the request with secrets masked and quotes escaped', () => {
    const curl = toCurl({
      method: 'POST',
      url: 'http://h/data/v3/ed-fi/sessions',
      headers: { authorization: 'Bearer live-token-value', 'content-type': 'application/json', 'content-length': '12' },
      body: `{"sessionName":"it's"}`,
    });
    expect(curl).toBe(
      `curl -i -X POST -H 'authorization: Bearer ${MASK}' -H 'content-type: application/json' --data-raw '{"sessionName":"it'\\''s"}' 'http://h/data/v3/ed-fi/sessions'`,
    );
    expect(curl).not.toContain('live-token-value');
  });
});

// ---- Redact before any cut: issue 9, item 7 -------------------------------------------------

/** A JWT of realistic size (~600 chars): base64url header.payload.signature. */
function jwt(): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: randomUUID() });
  const payload = b64({ iss: 'https://ods.example/oauth', sub: 'k', jti: randomUUID(), scope: 'ed-fi:sessions ed-fi:schools', edOrgs: [255901001, 255901044], n: randomBytes(120).toString('base64url') });
  return `${header}.${payload}.${randomBytes(256).toString('base64url')}`;
}

/** Every window of `n` chars of `secret` that occurs in `text`. */
function windowsIn(text: string, secret: string, n: number): string[] {
  const hits: string[] = [];
  for (let i = 0; i + n <= secret.length; i++) if (text.includes(secret.slice(i, i + n))) hits.push(secret.slice(i, i + n));
  return hits;
}

describe('redaction before truncation', () => {
  it('should mask a JWT that was never registered, whole or cut inside any of its parts', () => {
    const token = jwt();
    expect(token.length).toBeGreaterThan(500);
    for (const cut of [20, 60, token.indexOf('.') + 5, token.lastIndexOf('.') + 3, token.length]) {
      const text = `Authorization failed for ${token.slice(0, cut)}`;
      expect(windowsIn(redactText(text), token, 12), `cut at ${cut}`).toEqual([]);
    }
  });

  it('should mask a token member whose closing quote was cut off, in JSON, escaped JSON, form and XML', () => {
    const opaque = `${randomBytes(24).toString('hex')}`;
    for (const text of [
      `{"token_type":"bearer","access_token":"${opaque.slice(0, 30)}`,
      `{\\"access_token\\":\\"${opaque}\\"}`,
      `{"access_token": ${opaque}, "expires_in": 1800}`,
      `access_token=${opaque}&expires_in=1800`,
      `<access_token>${opaque}</access_token>`,
      `{'refresh_token': '${opaque}'}`,
    ]) {
      expect(windowsIn(redactText(text), opaque, 8), text).toEqual([]);
    }
  });

  it('should mask a cut token member only to the end of its line, and give the same text when run twice', () => {
    const text = `observed: {"expires_in":1800,"access_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIi\nnext line "quoted" stays\n<access_token>abc\nafter`;
    const once = redactText(text);
    expect(once).toBe(`observed: {"expires_in":1800,"access_token":"${MASK}\nnext line "quoted" stays\n<access_token>${MASK}\nafter`);
    expect(redactText(once)).toBe(once);
  });

  it('should mask a cut-off head or tail (12 chars or more) of a registered secret', () => {
    const secret = `reg-${randomBytes(30).toString('hex')}`;
    registerSecret(secret);
    expect(redactText(`"observed":"${secret.slice(0, 40)}…`)).toBe(`"observed":"${MASK}…`);
    expect(redactText(`…${secret.slice(-25)} (400 chars)`)).toBe(`…${MASK} (400 chars)`);
    // Shorter than 12: too likely to be ordinary text, left alone.
    expect(redactText(secret.slice(0, 11))).toBe(secret.slice(0, 11));
  });

  it('should never reveal 8 chars of a secret when a redacted text is cut anywhere', () => {
    const secrets = [`cs-${randomBytes(20).toString('base64url')}`, jwt(), randomBytes(16).toString('hex')];
    registerSecret(secrets[0]);
    registerSecret(secrets[2]);
    const text = [
      `{"access_token":"${secrets[1]}","expires_in":1800}`,
      `client secret ${secrets[0]} in prose`,
      `Bearer ${secrets[2]} and a Basic ${Buffer.from(`k:${secrets[0]}`).toString('base64')}`,
    ].join('\n');
    const redacted = redactText(text);
    for (let cut = 0; cut <= redacted.length; cut++) {
      for (const piece of [excerpt(redacted, cut), redacted.slice(cut)]) {
        for (const s of secrets) expect(windowsIn(piece, s, 8)).toEqual([]);
      }
    }
  });

  it('should redact first and cut after in excerpt(), so a token answer cut at 300 chars leaks nothing', () => {
    const token = jwt();
    const body = `{"access_token":"${token}","expires_in":1800,"token_type":"bearer"}`;
    const quoted = excerpt(body, 300);
    expect(quoted).toBe(`{"access_token":"${MASK}","expires_in":1800,"token_type":"bearer"}`);
    expect(excerpt(`${'x'.repeat(50)}${body}`, 40)).toBe(`${'x'.repeat(40)}… (${50 + quoted.length} chars)`);
  });

  it('should find tokens in bodies that are not JSON, for registration', () => {
    const token = jwt();
    expect(tokensIn(`access_token=${token.slice(0, 40)}&expires_in=1`)).toContain(token.slice(0, 40));
    expect(tokensIn(`{"access_token":"opaque-0123456789"`)).toEqual(['opaque-0123456789']);
    expect(tokensIn('{"sessionName":"Fall"}')).toEqual([]);
  });

  it('should redact the strings of a value as they are, not inside JSON escaping', () => {
    const value = { message: 'observed: {"access_token":"abcdefgh12345678"}', list: ['Bearer abc.def-123'] };
    expect(redactValue(value)).toEqual({ message: `observed: {"access_token":"${MASK}"}`, list: [`Bearer ${MASK}`] });
  });

  it('should redact an error in place: message, stack and every member reporters serialise', () => {
    const error = Object.assign(new Error('answer: {"access_token":"abcdefgh12345678"}'), { facts: { observed: { access_token: 'abcdefgh12345678' } } });
    const cyclic: Record<string, unknown> = { note: 'Bearer abcdefgh12345678' };
    cyclic.self = cyclic;
    Object.assign(error, { cyclic, cause: new Error('client_secret=abcdefgh12345678') });
    expect(redactError(error).message).toBe(`answer: {"access_token":"${MASK}"}`);
    expect(error.stack).not.toContain('abcdefgh12345678');
    expect(JSON.stringify((error as unknown as { facts: unknown }).facts)).toBe(`{"observed":{"access_token":"${MASK}"}}`);
    expect((error.cause as Error).message).toBe(`client_secret=${MASK}`);
    expect((error as unknown as { cyclic: { note: string } }).cyclic.note).toBe(`Bearer ${MASK}`);
  });
});

describe(summariseBody.name, () => {
  it('should redact a token answer before cutting it to 300 chars (the closing quote is past the cut)', () => {
    const token = jwt();
    const ex = exchange({ method: 'POST', url: 'http://h/oauth/token', status: 200, json: { access_token: token, expires_in: 1800 } });
    const summary = summariseBody(ex);
    expect(windowsIn(summary, token, 8)).toEqual([]);
    expect(summary).toContain(`"access_token":"${MASK}"`);
  });
});

describe('bytes in requests', () => {
  it('should not show bytes that carry a secret as hex', () => {
    const secret = `bytes-secret-${randomBytes(8).toString('hex')}`;
    registerSecret(secret);
    const curl = toCurl({ method: 'POST', url: 'http://h/x', headers: {}, body: new TextEncoder().encode(`k=${secret}`) });
    expect(curl).not.toContain(Buffer.from(secret).toString('hex').slice(0, 16));
    expect(curl).toContain('not shown: they hold a secret');
  });
});
