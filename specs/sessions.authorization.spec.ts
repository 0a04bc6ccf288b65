// Authorization: a client that may not act on a session gets 403 urn:ed-fi:api:security:authorization
// (or a sub-type) and the data stays as it was. Three reasons: a read-only claim, no claim on
// sessions, an education-organization claim that covers another school only.
// CONTRACT.md §2.2, §6 (authorization runs before reference checks); seed 403 of the four operations.
// The session to act on, its state before, and the list that shows a refused POST created nothing
// are set-up by the full client; "changed nothing" compares representations (no ETags needed).
import { check, describe, ensure, expectProblem, expectStatus, ProblemType, SESSIONS, type ApiClient, type CheckContext, type Exchange, type Role } from '../src/index.js';
import { expectNoneNamed } from './support/crud-lists.js';
import { readAfter } from './support/crud-reads.js';
import { expectUnchanged, readItem, representationOf } from './support/representation.js';

type Op = 'POST' | 'GETBYID' | 'PUT' | 'DELETE';

/** Sends `op` as `client` against a session of the primary school; `verify` proves nothing changed. */
async function attempt(t: CheckContext, client: ApiClient, op: Op): Promise<{ ex: Exchange; verify: () => Promise<void> }> {
  const payload = t.gen.build(t.refs);
  if (op === 'POST') {
    const ex = await t.step(`POST a session of school ${payload.schoolReference.schoolId} as ${client.role}`, () => client.post(SESSIONS, payload));
    return { ex, verify: () => expectNoneNamed(t, payload.sessionName, 'a refused POST should create nothing') };
  }
  const created = await t.sessions.create(payload);
  const before = await readItem(t, created.id, 'read it (full client)');
  const path = `${SESSIONS}/${encodeURIComponent(created.id)}`;
  // The PUT body carries the route id, as every profile accepts (t.sessions.update does the same).
  const ex = await t.step(`${op === 'GETBYID' ? 'GET' : op} the session as ${client.role}`, () =>
    op === 'GETBYID' ? client.get(path)
    : op === 'PUT' ? client.put(path, { id: created.id, ...t.gen.withNonKeyChange(payload) })
    : client.request({ method: 'DELETE', path }));
  return {
    ex,
    verify: async () => expectUnchanged(before, await readAfter(t, created.id, 'after the refused request (full client)'), 'a refused request should change nothing'),
  };
}

const CASES: Array<{ role: Role; tag: string; why: string; ops: Op[] }> = [
  { role: 'readOnly', tag: 'READ-ONLY', why: 'a read-only client', ops: ['POST', 'PUT', 'DELETE'] },
  { role: 'noSessionsClaim', tag: 'NO-CLAIM', why: 'a client with no claim on sessions', ops: ['POST', 'GETBYID', 'PUT', 'DELETE'] },
  { role: 'otherSchool', tag: 'OTHER-SCHOOL', why: 'a client scoped to another school', ops: ['POST', 'GETBYID', 'PUT', 'DELETE'] },
];

describe('403: clients not authorized for the session', () => {
  for (const { role, tag, why, ops } of CASES) {
    for (const op of ops) {
      check(
        `SES-${op}-403-${tag}`,
        `${op === 'GETBYID' ? 'GET by id' : op} by ${why} answers 403 and changes nothing`,
        async (t) => {
          const { ex, verify } = await attempt(t, t.as(role), op);
          expectProblem(ex, { status: 403, typePrefix: ProblemType.authorization });
          await verify();
        },
        { requires: [role], key: `${op}-${tag}`.toLowerCase() },
      );
    }
  }

  check(
    'SES-AUTH-READ-ONLY-CAN-READ',
    'a read-only client may read a session',
    async (t) => {
      const payload = t.gen.build(t.refs);
      const created = await t.sessions.create(payload);
      // The full client reads it first: a host whose GET by id is broken blocks this check instead.
      const full = await readItem(t, created.id, 'read it (full client)');
      const ex = await t.step('GET it as readOnly', () => t.as('readOnly').get(`${SESSIONS}/${encodeURIComponent(created.id)}`));
      expectStatus(ex, 200);
      ensure(representationOf(ex.json) === full.representation, 'the read-only client should see the session as the full client does', {
        expected: full.representation,
        observed: ex.text,
      }, ex);
    },
    { requires: ['readOnly'] },
  );
});
