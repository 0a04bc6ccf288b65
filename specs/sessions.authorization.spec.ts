// Authorization: a client that may not act on a session gets 403 urn:ed-fi:api:security:authorization
// (or a sub-type) and the data stays as it was. Three reasons: a read-only claim, no claim on
// sessions, an education-organization claim that covers another school only.
// CONTRACT.md §2.2, §6 (authorization runs before reference checks); seed 403 of the four operations.
import { check, describe, ensure, expectEtag, expectProblem, expectStatus, ProblemType, SESSIONS, type ApiClient, type CheckContext, type Exchange, type Role } from '../src/index.js';

type Op = 'POST' | 'GETBYID' | 'PUT' | 'DELETE';

/** Sends `op` as `client` against a session of the primary school; `verify` proves nothing changed. */
async function attempt(t: CheckContext, client: ApiClient, op: Op): Promise<{ ex: Exchange; verify: () => Promise<void> }> {
  const payload = t.gen.build(t.refs);
  if (op === 'POST') {
    const ex = await t.step(`POST a session of school ${payload.schoolReference.schoolId} as ${client.role}`, () => client.post(SESSIONS, payload));
    return {
      ex,
      verify: async () => {
        const list = await t.step('GET-many by the sent name (full client)', () => t.api.get(SESSIONS, { query: { sessionName: payload.sessionName } }));
        expectStatus(list, 200);
        ensure(Array.isArray(list.json) && list.json.length === 0, 'a refused POST should create nothing', { expected: [], observed: list.json }, list);
      },
    };
  }
  const created = await t.step('POST a valid session (full client)', () => t.sessions.create(payload));
  const before = await t.step('GET it (full client)', () => t.sessions.get(created.id));
  expectStatus(before, 200);
  const etag = expectEtag(before);
  const path = `${SESSIONS}/${created.id}`;
  const ex = await t.step(`${op === 'GETBYID' ? 'GET' : op} the session as ${client.role}`, () =>
    op === 'GETBYID' ? client.get(path) : op === 'PUT' ? client.put(path, t.gen.withNonKeyChange(payload)) : client.request({ method: 'DELETE', path }));
  return {
    ex,
    verify: async () => {
      const after = await t.step('GET it again (full client)', () => t.sessions.get(created.id));
      expectStatus(after, 200);
      ensure(expectEtag(after) === etag, 'a refused request should change nothing', { expected: etag, observed: after.headers['etag'] }, after);
    },
  };
}

const CASES: Array<{ role: Role; tag: string; why: string; ops: Op[] }> = [
  { role: 'readOnly', tag: 'READ-ONLY', why: 'a read-only client', ops: ['POST', 'PUT', 'DELETE'] },
  { role: 'noSessionsClaim', tag: 'NO-CLAIM', why: 'a client with no claim on sessions', ops: ['POST', 'GETBYID', 'PUT', 'DELETE'] },
  { role: 'otherSchool', tag: 'OTHER-SCHOOL', why: 'a client scoped to another school', ops: ['POST', 'GETBYID', 'PUT', 'DELETE'] },
];

describe('403: clients not authorized for the session', () => {
  let n = 0;
  for (const { role, tag, why, ops } of CASES) {
    for (const op of ops) {
      n += 1;
      const title = `${String(n).padStart(2, '0')} ${op === 'GETBYID' ? 'GET by id' : op} by ${why} answers 403 and changes nothing`;
      check(
        `SES-${op}-403-${tag}`,
        title,
        async (t) => {
          const { ex, verify } = await attempt(t, t.as(role), op);
          expectProblem(ex, { status: 403, typePrefix: ProblemType.authorization });
          await verify();
        },
        { requires: [role] },
      );
    }
  }

  check(
    'SES-AUTH-READ-ONLY-CAN-READ',
    `${String(n + 1).padStart(2, '0')} a read-only client may read a session`,
    async (t) => {
      const payload = t.gen.build(t.refs);
      const created = await t.step('POST a valid session (full client)', () => t.sessions.create(payload));
      const ex = await t.step('GET it as readOnly', () => t.as('readOnly').get(`${SESSIONS}/${created.id}`));
      expectStatus(ex, 200);
      ensure((ex.json as Record<string, unknown>)?.sessionName === payload.sessionName, 'the read-only client should see the session', {
        expected: payload.sessionName,
        observed: (ex.json as Record<string, unknown>)?.sessionName,
      }, ex);
    },
    { requires: ['readOnly'] },
  );
});
