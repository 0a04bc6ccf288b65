// Who may read a list endpoint (GET-many, partitions, /deletes, /keyChanges): 401 without a token
// or with one the host never issued, 403 for a client without a sessions claim. Each check first
// shows that the endpoint serves an authorised client (a set-up step evidencing the endpoint's own
// 200 requirement): a host whose endpoint is missing or answers 500 to everyone blocks these checks
// on that requirement instead of failing them as authentication or authorization faults.
import { expectProblem, expectStatus, ProblemType, type CheckContext, type Exchange } from '../../src/index.js';
import type { Query } from './isolated-set.js';

export interface ListEndpoint {
  /** Path under the data API, e.g. /ed-fi/sessions/deletes. */
  path: string;
  /** A small valid query (limit=1, number=1). */
  query: Query;
  /** The requirement an authorised 200 answer of this endpoint evidences. */
  serves: string;
}

/** A bearer token the host never issued: well-formed, different per check. */
export function bogusBearer(t: CheckContext): string {
  return `Bearer ${'0'.repeat(24)}${t.seed.toString(16).padStart(8, '0').slice(-8)}`;
}

/** Set-up: an authorised GET of the endpoint answers 200. */
export function expectServes(t: CheckContext, endpoint: ListEndpoint): Promise<Exchange> {
  return t.arrange(`an authorised GET ${endpoint.path} answers 200`, async () => {
    const ex = await t.api.get(endpoint.path, { query: endpoint.query });
    expectStatus(ex, 200);
    return ex;
  }, endpoint.serves);
}

/** No Authorization header, then an unknown bearer token: both 401 security:authentication. */
export async function expectUnauthenticated(t: CheckContext, endpoint: ListEndpoint): Promise<void> {
  await expectServes(t, endpoint);
  const { path, query } = endpoint;
  expectProblem(await t.step('no Authorization header', () => t.anonymous.get(path, { query })), { status: 401, type: ProblemType.authentication });
  const unknown = await t.step('an unknown bearer token', () => t.anonymous.get(path, { query, headers: { authorization: bogusBearer(t) } }));
  expectProblem(unknown, { status: 401, type: ProblemType.authentication });
}

/** A client without a sessions claim: 403 security:authorization (or a sub-type). */
export async function expectNoClaimRefused(t: CheckContext, endpoint: ListEndpoint): Promise<void> {
  const client = t.as('noSessionsClaim');
  await expectServes(t, endpoint);
  expectProblem(await t.step('as a client without a sessions claim', () => client.get(endpoint.path, { query: endpoint.query })), { status: 403, typePrefix: ProblemType.authorization });
}
