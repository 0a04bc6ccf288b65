import { describe, expect, it } from 'vitest';
import { MASK, redactHeaders, redactText, registerSecret } from '../../../src/report/redact.js';
import { toCurl } from '../../../src/report/curl.js';

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
