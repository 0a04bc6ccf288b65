// Who may read a list endpoint (GET-many, partitions, /deletes, /keyChanges): 401 for each unusable
// credential the CRUD checks send too (crud-credentials.ts), 403 for a client without a claim on
// the endpoint's resource (the noSessionsClaim role has none on any resource the suite writes). Each check first shows that the endpoint serves an authorised client (a set-up step evidencing the endpoint's own
// 200 requirement): a host whose endpoint is missing or answers 500 to everyone blocks these checks
// on that requirement instead of failing them as authentication or authorization faults.
import { expectProblem, expectStatus, ProblemType, type CheckContext, type Exchange } from '../../src/index.js';
import type { UnusableCredential } from './crud-credentials.js';
import type { Query } from './isolated-set.js';

export interface ListEndpoint {
  /** Path under the data API, e.g. /ed-fi/sessions/deletes. */
  path: string;
  /** A small valid query (limit=1, number=1). */
  query: Query;
  /** The requirement an authorised 200 answer of this endpoint evidences. */
  serves: string;
  /** The resource whose claim the endpoint needs, for step names (default sessions). */
  claim?: string;
}

/** Set-up: an authorised GET of the endpoint answers 200. */
export function expectServes(t: CheckContext, endpoint: ListEndpoint): Promise<Exchange> {
  return t.arrange(`an authorised GET ${endpoint.path} answers 200`, async () => {
    const ex = await t.api.get(endpoint.path, { query: endpoint.query });
    expectStatus(ex, 200);
    return ex;
  }, endpoint.serves);
}

/** One unusable credential (specs/support/crud-credentials.ts, shared with the CRUD 401 checks): 401 security:authentication. */
export async function expectUnauthenticated(t: CheckContext, endpoint: ListEndpoint, credential: UnusableCredential): Promise<void> {
  await expectServes(t, endpoint);
  const authorization = credential.authorization(t);
  const ex = await t.step(`GET ${endpoint.path} with ${credential.what}`, () => t.anonymous.get(endpoint.path, { query: endpoint.query, headers: authorization === undefined ? {} : { authorization } }));
  expectProblem(ex, { status: 401, type: ProblemType.authentication });
}

/** A client without a claim on the endpoint's resource: 403 security:authorization (or a sub-type). */
export async function expectNoClaimRefused(t: CheckContext, endpoint: ListEndpoint): Promise<void> {
  const client = t.as('noSessionsClaim');
  await expectServes(t, endpoint);
  expectProblem(await t.step(`as a client without a ${endpoint.claim ?? 'sessions'} claim`, () => client.get(endpoint.path, { query: endpoint.query })), { status: 403, typePrefix: ProblemType.authorization });
}
