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

/** The longest token lifetime this check waits out (the short-lived role's tokens live 2 s on the embedded host). */
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
      const issued = await t.arrange('GET with a fresh short-lived token', async () => {
        let fresh = await client.issuedToken();
        let first = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${fresh.value}` } });
        if (first.status === 401) {
          fresh = await client.issuedToken(); // the cached token had just run out: take a new one
          first = await client.request({ method: 'GET', path, headers: { authorization: `Bearer ${fresh.value}` } });
        }
        ensure(first.status === 200, 'GET by id with a freshly issued token should answer 200', { expected: 200, observed: `${first.status} ${first.text}` }, first);
        return fresh;
      }, 'SES-GETBYID-200-FOUND');
      const lifetime = lifetimeSeconds(issued.expiresIn);
      if (lifetime !== undefined && lifetime > EXPIRY_BUDGET_S) {
        t.skip(`the short-lived client's token announces expires_in ${lifetime} s, longer than this check waits (${EXPIRY_BUDGET_S} s): configure roles.shortLived with a client whose tokens live at most ${EXPIRY_BUDGET_S} s`, 'shortLived');
      }
      // Expired by the lifetime its issue announced, counted from when it was asked for (it cannot
      // be older), give or take the grace. An expires_in that is no lifetime in seconds (an
      // absolute time: the token checks' finding) leaves the whole budget, tried as it goes.
      const known = lifetime !== undefined && Number.isFinite(issued.requestedAt);
      const firstTry = known ? issued.requestedAt + lifetime * 1000 : Date.now() + EXPIRY_POLL_MS;
      const deadline = known ? firstTry + EXPIRY_GRACE_MS : Date.now() + EXPIRY_BUDGET_S * 1000;
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
