// Family "authorization": a client that may not act on an item of any resource gets 403
// urn:ed-fi:api:security:authorization (or a sub-type) and the data stays as it was. Three reasons:
// a read-only claim, no claim on the resource, an education-organization claim that covers another
// school only (the item's schoolReference names the primary school). A read-only client may read;
// a client without the claim is refused GET-many and /partitions too.
// CONTRACT.md §2.2, §6 (authorization runs before reference checks); seed (sessions) or OpenAPI
// (other resources) 403 of each operation. The roles are the run's (config `roles`): one client
// per reason serves every resource, as an ODS claim set names its resources.
// The item to act on, its state before, and the list that shows a refused POST created nothing
// are set-up by the full client; "changed nothing" compares representations (no ETags needed).
// The /deletes and /keyChanges 403s belong to the tracked-changes checks.
import { check, describe, ensure, expectProblem, expectStatus, memberAt, ProblemType, requirementIdOf, type AnyResourceDescriptor, type ApiClient, type CheckContext, type Exchange, type Family, type Role } from '../../src/index.js';
import { expectNoClaimRefused, type ListEndpoint } from '../support/access.js';
import { expectNoneNamed } from '../support/crud-lists.js';
import { readAfter } from '../support/crud-reads.js';
import { expectUnchanged, readItem, representationOf } from '../support/representation.js';
import { nameMemberOf, nounOf } from '../support/resources.js';

type Op = 'POST' | 'GETBYID' | 'PUT' | 'DELETE';

/** Sends `op` as `client` against an item of the primary school; `verify` proves nothing changed. */
async function attempt(t: CheckContext, d: AnyResourceDescriptor, client: ApiClient, op: Op): Promise<{ ex: Exchange; verify: () => Promise<void> }> {
  const noun = nounOf(d);
  const r = t.resource(d.name);
  const payload = await r.prepare();
  if (op === 'POST') {
    const school = memberAt(payload, 'schoolReference.schoolId');
    const ex = await t.step(`POST ${d.title}${school === undefined ? '' : ` of school ${school}`} as ${client.role}`, () => client.post(d.path, payload));
    return { ex, verify: () => expectNoneNamed(t, String(payload[nameMemberOf(d)]), 'a refused POST should create nothing', d) };
  }
  const created = await r.create(payload);
  const before = await readItem(t, created.id, 'read it (full client)', d);
  const path = `${d.path}/${encodeURIComponent(created.id)}`;
  // The PUT body carries the route id, as every profile accepts (the resource client does the same).
  const ex = await t.step(`${op === 'GETBYID' ? 'GET' : op} the ${noun} as ${client.role}`, () =>
    op === 'GETBYID' ? client.get(path)
    : op === 'PUT' ? client.put(path, { id: created.id, ...d.nonKeyChange(payload) })
    : client.request({ method: 'DELETE', path }));
  return {
    ex,
    verify: async () => expectUnchanged(before, await readAfter(t, created.id, 'after the refused request (full client)', d), 'a refused request should change nothing'),
  };
}

/**
 * Who is refused what, each operation with its template written out so the self-test finds the
 * family by it. `why` takes the resource's collection name (a client with no claim on sessions).
 */
const CASES: Array<{ role: Role; tag: string; why: (d: AnyResourceDescriptor) => string; ops: Array<[Op, string]> }> = [
  {
    role: 'readOnly', tag: 'READ-ONLY', why: () => 'a read-only client',
    ops: [['POST', 'POST-403-READ-ONLY'], ['PUT', 'PUT-403-READ-ONLY'], ['DELETE', 'DELETE-403-READ-ONLY']],
  },
  {
    role: 'noSessionsClaim', tag: 'NO-CLAIM', why: (d) => `a client with no claim on ${d.name}`,
    ops: [['POST', 'POST-403-NO-CLAIM'], ['GETBYID', 'GETBYID-403-NO-CLAIM'], ['PUT', 'PUT-403-NO-CLAIM'], ['DELETE', 'DELETE-403-NO-CLAIM']],
  },
  {
    role: 'otherSchool', tag: 'OTHER-SCHOOL', why: () => 'a client scoped to another school',
    ops: [['POST', 'POST-403-OTHER-SCHOOL'], ['GETBYID', 'GETBYID-403-OTHER-SCHOOL'], ['PUT', 'PUT-403-OTHER-SCHOOL'], ['DELETE', 'DELETE-403-OTHER-SCHOOL']],
  },
];

export const authorization: Family = {
  name: 'authorization',
  about: '403 security:authorization for a read-only client\'s writes, a client without the claim, a client of another school (changing nothing); a read-only client may read',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const LIST: ListEndpoint = { path: d.path, query: { limit: 1 }, serves: id('GET-200-LIST'), claim: d.name };
    const PARTITIONS: ListEndpoint = { path: `${d.path}/partitions`, query: { number: 1 }, serves: id('PART-200'), claim: d.name };

    describe(`403: clients not authorized for the ${noun}`, () => {
      for (const { role, tag, why, ops } of CASES) {
        for (const [op, template] of ops) {
          check(
            id(template),
            `${op === 'GETBYID' ? 'GET by id' : op} by ${why(d)} answers 403 and changes nothing`,
            async (t) => {
              const { ex, verify } = await attempt(t, d, t.as(role), op);
              expectProblem(ex, { status: 403, typePrefix: ProblemType.authorization });
              await verify();
            },
            { requires: [role], key: `${op}-${tag}`.toLowerCase() },
          );
        }
      }

      check(id('GET-403-NO-CLAIM'), `a client without a ${d.name} claim is refused with 403`, async (t) => {
        await expectNoClaimRefused(t, LIST);
      }, { requires: ['noSessionsClaim'] });

      check(id('PART-403-NO-CLAIM'), `a client without a ${d.name} claim is refused with 403`, async (t) => {
        await expectNoClaimRefused(t, PARTITIONS);
      }, { requires: ['partitions', 'noSessionsClaim'] });

      check(
        id('AUTH-READ-ONLY-CAN-READ'),
        `a read-only client may read ${d.title}`,
        async (t) => {
          const created = await t.resource(d.name).createNew();
          // The full client reads it first: a host whose GET by id is broken blocks this check instead.
          const full = await readItem(t, created.id, 'read it (full client)', d);
          const ex = await t.step('GET it as readOnly', () => t.as('readOnly').get(`${d.path}/${encodeURIComponent(created.id)}`));
          expectStatus(ex, 200);
          ensure(representationOf(ex.json) === full.representation, `the read-only client should see the ${noun} as the full client does`, {
            expected: full.representation,
            observed: ex.text,
          }, ex);
        },
        { requires: ['readOnly'] },
      );
    });
  },
};
