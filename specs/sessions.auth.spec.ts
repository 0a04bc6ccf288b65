// Authentication: every session operation refuses a request without a usable bearer token with 401
// urn:ed-fi:api:security:authentication, changes nothing, and an expired token is refused too.
// CONTRACT.md §2.2, §7; seed PostSession/GetSessionsById/PutSession/DeleteSessionById 401.
import { randomUUID } from 'node:crypto';
import { check, describe, ensure, expectEtag, expectProblem, expectStatus, ProblemType, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';

/** Ways of not being authenticated; `undefined` = no Authorization header at all. */
const CREDENTIALS: Array<[string, string | undefined]> = [
  ['no Authorization header', undefined],
  ['an unknown scheme', 'Digest username="conformance"'],
  ['an empty token', 'Bearer '],
  ['a token the host never issued', `Bearer ${randomUUID().replace(/-/g, '')}`],
];

type Op = 'POST' | 'GETBYID' | 'PUT' | 'DELETE';
const OPS: Op[] = ['POST', 'GETBYID', 'PUT', 'DELETE'];

async function attempt(t: CheckContext, op: Op, authorization: string | undefined): Promise<{ ex: Exchange; verify: () => Promise<void> }> {
  const client = t.anonymous;
  const headers = authorization === undefined ? {} : { authorization };
  if (op === 'POST') {
    const payload = t.gen.build(t.refs);
    const ex = await t.step('POST a valid session unauthenticated', () => client.request({ method: 'POST', path: SESSIONS, json: payload, headers }));
    return {
      ex,
      verify: async () => {
        const list = await t.step('GET-many by the sent name (authenticated)', () => t.api.get(SESSIONS, { query: { sessionName: payload.sessionName } }));
        expectStatus(list, 200);
        ensure(Array.isArray(list.json) && list.json.length === 0, 'an unauthenticated POST should create nothing', { expected: [], observed: list.json }, list);
      },
    };
  }
  const payload = t.gen.build(t.refs);
  const created = await t.step('POST a valid session (authenticated)', () => t.sessions.create(payload));
  const before = await t.step('GET it (authenticated)', () => t.sessions.get(created.id));
  expectStatus(before, 200);
  const etag = expectEtag(before);
  const path = `${SESSIONS}/${created.id}`;
  const request =
    op === 'GETBYID' ? { method: 'GET', path, headers }
    : op === 'PUT' ? { method: 'PUT', path, json: t.gen.withNonKeyChange(payload), headers }
    : { method: 'DELETE', path, headers };
  const ex = await t.step(`${request.method} the session unauthenticated`, () => client.request(request));
  return {
    ex,
    verify: async () => {
      const after = await t.step('GET it again (authenticated)', () => t.sessions.get(created.id));
      expectStatus(after, 200);
      ensure(expectEtag(after) === etag, 'an unauthenticated write should change nothing', { expected: etag, observed: after.headers['etag'] }, after);
    },
  };
}

describe('401: requests without a usable token', () => {
  let n = 0;
  for (const op of OPS) {
    for (const [what, authorization] of CREDENTIALS) {
      n += 1;
      const title = `${String(n).padStart(2, '0')} ${op === 'GETBYID' ? 'GET by id' : op} with ${what} answers 401 authentication`;
      check(`SES-${op}-401-UNAUTHENTICATED`, title, async (t) => {
        const { ex, verify } = await attempt(t, op, authorization);
        expectProblem(ex, { status: 401, type: ProblemType.authentication });
        await verify();
      });
    }
  }

  check(
    'SES-AUTH-401-EXPIRED-TOKEN',
    '17 a token used after its lifetime has run out answers 401 authentication',
    async (t) => {
      const created = await t.step('POST a valid session', () => t.sessions.create(t.gen.build(t.refs)));
      const client = t.as('shortLived');
      const path = `${SESSIONS}/${created.id}`;
      let token = await client.token();
      let first = await t.step('GET with a fresh short-lived token', () => client.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } }));
      if (first.status === 401) {
        token = await client.token(); // the cached token had just run out: take a new one
        first = await t.step('GET with a new short-lived token', () => client.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } }));
      }
      expectStatus(first, 200);
      // The short-lived role's tokens live 2 s on the embedded host; allow any host 20 s.
      const deadline = Date.now() + 20_000;
      let last = first;
      while (last.status === 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1_000));
        last = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` }, renewOnInvalidToken: false });
      }
      expectProblem(last, { status: 401, type: ProblemType.authentication });
    },
    { requires: ['shortLived'], timeout: 40_000 },
  );
});
