// Fixture checks for the redaction tests (never part of the conformance suite): each fails while
// quoting a live token answer in a different way — a status failure that quotes the body cut to 300
// chars, an ensure() quoting the parsed answer and the raw text, a plain error carrying the body,
// and answers shaped the way a careless host might (form-encoded, JSON cut short). Not one piece of
// a token may reach any output. The requirement id is the catalogue's first MUST (survives edits).
import { allRequirements } from '../../../src/requirements/index.js';
import { check, describe, ensure, expectStatus, type CheckContext, type Exchange } from '../../../src/index.js';

const must = allRequirements().find((r) => r.level === 'MUST' && !r.profiles)!;

async function tokenAnswer(t: CheckContext, shape?: 'form' | 'cut'): Promise<Exchange> {
  const { key, secret } = t.target.credentials;
  const url = shape ? `${t.target.urls.token}?shape=${shape}` : t.target.urls.token;
  return t.http.request({
    method: 'POST',
    url,
    headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
}

describe('token leak fixture checks', () => {
  check(must.id, 'quotes an unexpected 200 from the token endpoint, cut short', async (t) => {
    expectStatus(await tokenAnswer(t), 401);
  });

  check(must.id, 'quotes the token answer as an object and as text', async (t) => {
    const ex = await tokenAnswer(t);
    ensure(false, 'the token answer is quoted whole', { expected: 'no token', observed: { parsed: ex.json, text: ex.text } }, ex);
  });

  check(must.id, 'throws a plain error carrying the token answer', async (t) => {
    const ex = await tokenAnswer(t);
    throw new Error(`unexpected answer: ${ex.text}`);
  });

  check(must.id, 'quotes a form-encoded token answer', async (t) => {
    expectStatus(await tokenAnswer(t, 'form'), 401);
  });

  check(must.id, 'quotes a token answer cut short by the host', async (t) => {
    const ex = await tokenAnswer(t, 'cut');
    ensure(false, 'the cut answer is quoted', { expected: 'no token', observed: ex.text }, ex);
  });
});
