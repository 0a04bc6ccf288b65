// Family "authentication": every operation of any resource refuses a request without a usable
// bearer token with 401 urn:ed-fi:api:security:authentication and changes nothing (POST, GET by id,
// PUT, DELETE, GET-many, /partitions), and a token used after its lifetime is refused too.
// CONTRACT.md §2.2, §7; seed (sessions) or OpenAPI (other resources) 401 of each operation.
// The item to act on and its state before are set-up (authenticated); "changed nothing" compares
// representations, so a host without ETags is judged on its 401s alone. A list endpoint is first
// shown to serve an authorised client (specs/support/access.ts). The /deletes and /keyChanges 401s
// belong to the tracked-changes checks. The token endpoint's own rules are API-wide
// (specs/oauth.token.spec.ts).
//
// The expired-token check runs once per resource: its wait (the announced expires_in + 2 s) runs
// concurrently with the family's other checks and the other resource's wait, so a second resource
// adds a check, not a second wait to the run.
import { check, describe, ensure, expectProblem, ProblemType, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange, type Family, type RequestSpec } from '../../src/index.js';
import { expectUnauthenticated, type ListEndpoint } from '../support/access.js';
import { UNUSABLE_CREDENTIALS } from '../support/crud-credentials.js';
import { expectNoneNamed } from '../support/crud-lists.js';
import { readAfter } from '../support/crud-reads.js';
import { expectUnchanged, readItem } from '../support/representation.js';
import { nameMemberOf, nounOf } from '../support/resources.js';

/** The longest token lifetime the expired-token check waits out (the short-lived role's tokens live 2 s on the embedded host). */
const EXPIRY_BUDGET_S = 20;
/**
 * How long past the announced expiry the token may still work: the host's clock and ours differ a
 * little, hosts compare expiry at whole seconds, and the token was issued a moment after we asked.
 */
const EXPIRY_GRACE_MS = 2_000;
const EXPIRY_POLL_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** expires_in as a lifetime in seconds (a positive number, or such a number as a string); undefined when it is none. */
function lifetimeSeconds(expiresIn: unknown): number | undefined {
  const n = typeof expiresIn === 'string' && /^\d+(\.\d+)?$/.test(expiresIn.trim()) ? Number(expiresIn) : expiresIn;
  // Past a day it is no lifetime but an absolute time (an identity provider's exp claim copied).
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 86_400 ? n : undefined;
}

type Op = 'POST' | 'GETBYID' | 'PUT' | 'DELETE';

/** Each item operation with its template, written out so the self-test finds the family by it. */
const OPS: Array<{ op: Op; template: string }> = [
  { op: 'POST', template: 'POST-401-UNAUTHENTICATED' },
  { op: 'GETBYID', template: 'GETBYID-401-UNAUTHENTICATED' },
  { op: 'PUT', template: 'PUT-401-UNAUTHENTICATED' },
  { op: 'DELETE', template: 'DELETE-401-UNAUTHENTICATED' },
];

/** Sends `op` with `authorization` (undefined: no header) on an item of `d`; `verify` proves nothing changed. */
async function attempt(t: CheckContext, d: AnyResourceDescriptor, op: Op, authorization: string | undefined): Promise<{ ex: Exchange; verify: () => Promise<void> }> {
  const client = t.anonymous;
  const headers = authorization === undefined ? {} : { authorization };
  const noun = nounOf(d);
  const r = t.resource(d.name);
  const payload = await r.prepare();
  if (op === 'POST') {
    const ex = await t.step(`POST a valid ${noun} unauthenticated`, () => client.request({ method: 'POST', path: d.path, json: payload, headers }));
    return { ex, verify: () => expectNoneNamed(t, String(payload[nameMemberOf(d)]), 'an unauthenticated POST should create nothing', d) };
  }
  const created = await r.create(payload);
  const before = await readItem(t, created.id, 'read it (authenticated)', d);
  const path = `${d.path}/${encodeURIComponent(created.id)}`;
  // The PUT body carries the route id, as every profile accepts (the resource client does the same).
  const request: RequestSpec =
    op === 'GETBYID' ? { method: 'GET', path, headers }
    : op === 'PUT' ? { method: 'PUT', path, json: { id: created.id, ...d.nonKeyChange(payload) }, headers }
    : { method: 'DELETE', path, headers };
  const ex = await t.step(`${request.method} the ${noun} unauthenticated`, () => client.request(request));
  return {
    ex,
    verify: async () => expectUnchanged(before, await readAfter(t, created.id, 'after the unauthenticated request', d), 'an unauthenticated request should change nothing'),
  };
}

export const authentication: Family = {
  name: 'authentication',
  about: '401 security:authentication on every operation for each unusable credential (changing nothing), and for an expired token',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const LIST: ListEndpoint = { path: d.path, query: { limit: 1 }, serves: id('GET-200-LIST') };
    const PARTITIONS: ListEndpoint = { path: `${d.path}/partitions`, query: { number: 1 }, serves: id('PART-200') };

    describe('401: requests without a usable token', () => {
      for (const { op, template } of OPS) {
        for (const credential of UNUSABLE_CREDENTIALS) {
          check(id(template), `${op === 'GETBYID' ? 'GET by id' : op} with ${credential.what} answers 401 authentication`, async (t) => {
            const { ex, verify } = await attempt(t, d, op, credential.authorization(t));
            expectProblem(ex, { status: 401, type: ProblemType.authentication });
            await verify();
          }, { key: credential.key });
        }
      }

      for (const credential of UNUSABLE_CREDENTIALS) {
        check(id('GET-401-UNAUTHENTICATED'), `GET-many with ${credential.what} answers 401 authentication`, async (t) => {
          await expectUnauthenticated(t, LIST, credential);
        }, { key: credential.key });
      }

      for (const credential of UNUSABLE_CREDENTIALS) {
        check(id('PART-401-UNAUTHENTICATED'), `partitions with ${credential.what} answer 401 authentication`, async (t) => {
          await expectUnauthenticated(t, PARTITIONS, credential);
        }, { requires: ['partitions'], key: credential.key });
      }

      check(
        id('AUTH-401-EXPIRED-TOKEN'),
        'a token used after its lifetime has run out answers 401 authentication',
        async (t) => {
          const created = await t.resource(d.name).createNew();
          const client = t.as('shortLived');
          const path = `${d.path}/${encodeURIComponent(created.id)}`;
          // Set-up: a fresh token of this client works (so the later 401 is about its expiry).
          const issued = await t.arrange('GET with a fresh short-lived token', async () => {
            let fresh = await client.issuedToken();
            let first = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${fresh.value}` } });
            if (first.status === 401) {
              fresh = await client.issuedToken(); // the cached token had just run out: take a new one
              first = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${fresh.value}` } });
            }
            ensure(first.status === 200, 'GET by id with a freshly issued token should answer 200', { expected: 200, observed: `${first.status} ${first.text}` }, first);
            return fresh;
          }, id('GETBYID-200-FOUND'));
          const lifetime = lifetimeSeconds(issued.expiresIn);
          if (lifetime !== undefined && lifetime > EXPIRY_BUDGET_S) {
            t.skip(`the short-lived client's token announces expires_in ${lifetime} s, longer than this check waits (${EXPIRY_BUDGET_S} s): configure roles.shortLived with a client whose tokens live at most ${EXPIRY_BUDGET_S} s`, 'shortLived');
          }
          // Expired by the lifetime its issue announced: first tried counting from when it was asked
          // for (it cannot be older), and until the lifetime counted from when its answer arrived (it
          // cannot be younger: a busy or remote host issues it late) plus the grace. An expires_in
          // that is no lifetime in seconds (an absolute time: the token checks' finding) leaves the
          // whole budget, tried as it goes.
          const known = lifetime !== undefined && Number.isFinite(issued.requestedAt) && Number.isFinite(issued.receivedAt);
          const firstTry = known ? issued.requestedAt + lifetime * 1000 : Date.now() + EXPIRY_POLL_MS;
          const deadline = known ? issued.receivedAt + lifetime * 1000 + EXPIRY_GRACE_MS : Date.now() + EXPIRY_BUDGET_S * 1000;
          let last!: Exchange;
          await t.step(known
            ? `use the token once its announced lifetime (${lifetime} s) has run out, for up to ${EXPIRY_GRACE_MS / 1000} s more`
            : `use the token for up to ${EXPIRY_BUDGET_S} s (expires_in ${JSON.stringify(issued.expiresIn)} is no lifetime in seconds)`, async () => {
            await sleep(firstTry - Date.now());
            for (;;) {
              last = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${issued.value}` }, renewOnInvalidToken: false });
              if (last.status !== 200 || Date.now() >= deadline) return;
              await sleep(Math.min(EXPIRY_POLL_MS, deadline - Date.now()));
            }
          });
          expectProblem(last, { status: 401, type: ProblemType.authentication });
        },
        { requires: ['shortLived'], timeout: 40_000 },
      );
    });
  },
};
