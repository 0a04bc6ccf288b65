// Authorization rules for the writable resources (sessions, course offerings) and the seeded
// dependencies (CONTRACT.md §6). Exported for the read side as well: every operation of a
// writable resource, incl. GET-many, deletes, keyChanges and partitions, checks the client's claim
// on that resource and filters with sessionSchoolPredicate. The host grants a client the same
// actions on every writable resource (AuthenticatedClient.sessionActions), so the roles mean the
// same thing for sessions and course offerings.
import type { AuthenticatedClient, HostRequest, HostResponse } from '../http/types.js';
import { authorizationDenied } from '../http/problems.js';

export type SessionAction = 'create' | 'read' | 'update' | 'delete';

/** The claim segment of each writable resource, as ODS names it (`…/claims/ed-fi/{name}`). */
export type ResourceClaim = 'session' | 'courseOffering' | 'section';

function claimUri(resource: ResourceClaim): string {
  return `http://ed-fi.org/identity/claims/ed-fi/${resource}`;
}

function actionName(action: SessionAction): string {
  return action.charAt(0).toUpperCase() + action.slice(1);
}

/** 403 when the client lacks the sessions claim or the action on it; undefined when allowed. */
export function authorizeSessionAction(req: HostRequest, action: SessionAction): HostResponse | undefined {
  return authorizeResourceAction(req, 'session', action);
}

/** 403 when the client lacks the resource's claim or the action on it; undefined when allowed. */
export function authorizeResourceAction(req: HostRequest, resource: ResourceClaim, action: SessionAction): HostResponse | undefined {
  const client = req.client;
  const claim = claimUri(resource);
  if (!client) return authorizationDenied(req.correlationId, ['The request was not authenticated.']);
  if (client.sessionActions.size === 0) {
    return authorizationDenied(
      req.correlationId,
      [`The API client's assigned claim set does not include a claim for the '${claim}' resource.`],
      'Access to the requested data could not be authorized. The API client does not have permissions on the requested resource.',
    );
  }
  if (!client.sessionActions.has(action)) {
    return authorizationDenied(
      req.correlationId,
      [`The API client's assigned claim set does not allow the '${actionName(action)}' action on the '${claim}' resource.`],
      `Access to the requested data could not be authorized. The API client does not have permissions to perform the requested '${actionName(action)}' action.`,
    );
  }
  return undefined;
}

/** Read check for every sessions GET (by id, many, deletes, keyChanges, partitions). */
export function authorizeSessionsRead(req: HostRequest): HostResponse | undefined {
  return authorizeSessionAction(req, 'read');
}

function coversSchool(client: AuthenticatedClient, schoolId: number): boolean {
  return client.educationOrganizationIds === undefined || client.educationOrganizationIds.includes(schoolId);
}

/** 403 unless the client's ed-org claim covers every given school id (existing and requested). */
export function authorizeSessionSchools(req: HostRequest, schoolIds: number[]): HostResponse | undefined {
  const client = req.client;
  if (!client) return authorizationDenied(req.correlationId, ['The request was not authenticated.']);
  if (schoolIds.every((id) => coversSchool(client, id))) return undefined;
  const claims = (client.educationOrganizationIds ?? []).slice(0, 5).join(', ');
  return authorizationDenied(req.correlationId, [
    `No relationships have been established between the caller's education organization id claim (${claims}) and the resource item's 'SchoolId' value.`,
  ]);
}

/**
 * SQL predicate limiting sessions to the client's schools, for GET-many and partitions.
 * Appends its parameter to `params` and returns e.g. `schoolid = ANY($3::bigint[])`, or `TRUE`.
 * `column` is the school id column as the query names it (e.g. 's.schoolid').
 */
export function sessionSchoolPredicate(client: AuthenticatedClient | undefined, column: string, params: unknown[]): string {
  if (!client || client.educationOrganizationIds === undefined) return 'TRUE';
  params.push(client.educationOrganizationIds);
  return `${column} = ANY($${params.length}::bigint[])`;
}
