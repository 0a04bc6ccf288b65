// PUT /ed-fi/sessions/{id} (CONTRACT.md §6): the route id wins over any body id; key changes are
// allowed and cascade (ON UPDATE CASCADE); If-Match guards against lost updates (§3).
import { authorizeSessionAction, authorizeSessionSchools } from '../../auth/authorize.js';
import { etagFromTimestamp, quoteEtag } from '../../http/etag.js';
import { dataValidationFailed, nonUniqueIdentity, notFound, unresolvedReference } from '../../http/problems.js';
import { parseResourceId } from '../../http/resource-id.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { findUnresolvedReference } from './references.js';
import { checkIfMatch } from './preconditions.js';
import { findSessionById, isUnchanged, keyTakenByAnother, lastModifiedOf, sameKey, updateSession } from './session-store.js';
import { SESSIONS_PATH, UNIQUE_VIOLATION, isHostResponse, parseSessionWrite, pgErrorCode } from './write-common.js';

export function invalidIdResponse(req: HostRequest, rawId: string): HostResponse {
  return dataValidationFailed(req.correlationId, { '$.id': [`The value '${rawId}' is not valid.`] });
}

function duplicateKey(req: HostRequest, key: { schoolId: number; schoolYear: number; sessionName: string }): HostResponse {
  return nonUniqueIdentity(req.correlationId, 'session', ['schoolid', 'schoolyear', 'sessionname'], [key.schoolId, key.schoolYear, key.sessionName]);
}

export async function putSession(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return invalidIdResponse(req, rawId);
  const denied = authorizeSessionAction(req, 'update');
  if (denied) return denied;
  const session = await parseSessionWrite(req, ctx.db, { emptyBody: 'validation', rejectBodyId: false });
  if (isHostResponse(session)) return session;

  try {
    return await ctx.db.transaction(async (tx) => {
      const stored = await findSessionById(tx, id, true);
      if (!stored) return notFound(req.correlationId, 'Resource to update was not found.');
      const outsideClaim = authorizeSessionSchools(req, [stored.schoolId, session.schoolId]);
      if (outsideClaim) return outsideClaim;
      const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
      if (preconditionFailed) return preconditionFailed;
      const unresolved = await findUnresolvedReference(tx, session, ctx.db);
      if (unresolved) return unresolvedReference(req.correlationId, unresolved);
      if (!sameKey(stored, session) && (await keyTakenByAnother(tx, session, id))) return duplicateKey(req, session);
      let lastModified = stored.lastModified;
      if (!isUnchanged(stored, session)) {
        await updateSession(tx, stored, session, { freezeChangeVersion: ctx.seams.freezeChangeVersionOnUpdate });
        lastModified = await lastModifiedOf(tx, id);
      }
      return {
        status: 204,
        headers: { ETag: quoteEtag(etagFromTimestamp(lastModified)), Location: `${ctx.rootUrl}${SESSIONS_PATH}/${rawId}` },
      };
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return duplicateKey(req, session);
    throw error;
  }
}
