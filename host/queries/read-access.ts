// Authorization of the read side. The sessions claim decides whether a client may read at all;
// the client's education organizations narrow what it sees (session-filters.ts schoolScope).
// WIRING NOTE: host core owns authorization. Until host/auth/authorize.ts exports a shared
// helper, this local check renders the same 403 shape; swap the body for the shared call.
import { problem } from '../http/problem.js';
import type { HostRequest, HostResponse } from '../http/types.js';

export function denySessionsRead(req: HostRequest): HostResponse | undefined {
  const client = req.client;
  // No client means the router served this route without authentication (its decision).
  if (!client || client.sessionActions.has('read')) return undefined;
  return problem({
    status: 403,
    type: 'urn:ed-fi:api:security:authorization:access-denied:action',
    title: 'Authorization Denied',
    detail: 'Access to the requested data could not be authorized.',
    correlationId: req.correlationId,
    errors: ["The API client's assigned claim set does not grant the 'Read' action on the 'session' resource."],
  });
}
