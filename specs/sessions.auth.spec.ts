// Authentication: every session operation refuses a request without a usable bearer token with 401
// urn:ed-fi:api:security:authentication, changes nothing, and an expired token is refused too.
// CONTRACT.md §2.2, §7; seed PostSession/GetSessionsById/PutSession/DeleteSessionById 401.
// The session to act on and its state before are set-up (authenticated); "changed nothing"
// compares representations, so a host without ETags is judged on its 401s alone.
import { check, describe, ensure, expectProblem, ProblemType, SESSIONS, type CheckContext, type Exchange, type RequestSpec } from '../src/index.js';
import { UNUSABLE_CREDENTIALS } from './support/crud-credentials.js';
import { expectNoneNamed } from './support/crud-lists.js';
import { readAfter } from './support/crud-reads.js';
import { expectUnchanged, readItem } from './support/representation.js';

type Op = 'POST' | 'GETBYID' | 'PUT' | 'DELETE';
const OPS: Op[] = ['POST', 'GETBYID', 'PUT', 'DELETE'];

async function attempt(t: CheckContext, op: Op, authorization: string | undefined): Promise<{ ex: Exchange; verify: () => Promise<void> }> {
  const client = t.anonymous;
  const headers = authorization === undefined ? {} : { authorization };
  const payload = t.gen.build(t.refs);
  if (op === 'POST') {
    const ex = await t.step('POST a valid session unauthenticated', () => client.request({ method: 'POST', path: SESSIONS, json: payload, headers }));
    return { ex, verify: () => expectNoneNamed(t, payload.sessionName, 'an unauthenticated POST should create nothing') };
  }
  const created = await t.sessions.create(payload);
  const before = await readItem(t, created.id, 'read it (authenticated)');
  const path = `${SESSIONS}/${encodeURIComponent(created.id)}`;
  // The PUT body carries the route id, as every profile accepts (t.sessions.update does the same).
  const request: RequestSpec =
    op === 'GETBYID' ? { method: 'GET', path, headers }
    : op === 'PUT' ? { method: 'PUT', path, json: { id: created.id, ...t.gen.withNonKeyChange(payload) }, headers }
    : { method: 'DELETE', path, headers };
  const ex = await t.step(`${request.method} the session unauthenticated`, () => client.request(request));
  return {
    ex,
    verify: async () => expectUnchanged(before, await readAfter(t, created.id, 'after the unauthenticated request'), 'an unauthenticated request should change nothing'),
  };
}

describe('401: requests without a usable token', () => {
  for (const op of OPS) {
    for (const credential of UNUSABLE_CREDENTIALS) {
      check(`SES-${op}-401-UNAUTHENTICATED`, `${op === 'GETBYID' ? 'GET by id' : op} with ${credential.what} answers 401 authentication`, async (t) => {
        const { ex, verify } = await attempt(t, op, credential.authorization(t));
        expectProblem(ex, { status: 401, type: ProblemType.authentication });
        await verify();
      }, { key: credential.key });
    }
  }

  check(
    'SES-AUTH-401-EXPIRED-TOKEN',
    'a token used after its lifetime has run out answers 401 authentication',
    async (t) => {
      const created = await t.sessions.create(t.gen.build(t.refs));
      const client = t.as('shortLived');
      const path = `${SESSIONS}/${encodeURIComponent(created.id)}`;
      // Set-up: a fresh token of this client works (so the later 401 is about its expiry).
      const token = await t.arrange('GET with a fresh short-lived token', async () => {
        let fresh = await client.token();
        let first = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${fresh}` } });
        if (first.status === 401) {
          fresh = await client.token(); // the cached token had just run out: take a new one
          first = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${fresh}` } });
        }
        ensure(first.status === 200, 'GET by id with a freshly issued token should answer 200', { expected: 200, observed: `${first.status} ${first.text}` }, first);
        return fresh;
      }, 'SES-GETBYID-200-FOUND');
      // The short-lived role's tokens live 2 s on the embedded host; allow any host 20 s.
      const deadline = Date.now() + 20_000;
      let last: Exchange;
      do {
        await new Promise((r) => setTimeout(r, 1_000));
        last = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` }, renewOnInvalidToken: false });
      } while (last.status === 200 && Date.now() < deadline);
      expectProblem(last, { status: 401, type: ProblemType.authentication });
    },
    { requires: ['shortLived'], timeout: 40_000 },
  );
});
