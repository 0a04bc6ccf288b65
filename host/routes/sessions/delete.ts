// DELETE /ed-fi/sessions/{id} (CONTRACT.md §6): 204 without ETag; children go by cascade; a
// course offering that references the session blocks it (409 dependent-item-exists).
import { authorizeSessionAction, authorizeSessionSchools } from '../../auth/authorize.js';
import { dependentItemExists, notFound } from '../../http/problems.js';
import { parseResourceId } from '../../http/resource-id.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { checkIfMatch } from './preconditions.js';
import { invalidIdResponse } from './put.js';
import { deleteSession, findDependent, findSessionById } from './session-store.js';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from './write-common.js';

export async function deleteSessionById(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return invalidIdResponse(req, rawId);
  const denied = authorizeSessionAction(req, 'delete');
  if (denied) return denied;
  try {
    return await ctx.db.transaction(async (tx) => {
      const stored = await findSessionById(tx, id, true);
      if (!stored) return notFound(req.correlationId, 'Resource to delete was not found.');
      const outsideClaim = authorizeSessionSchools(req, [stored.schoolId]);
      if (outsideClaim) return outsideClaim;
      const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
      if (preconditionFailed) return preconditionFailed;
      const dependent = await findDependent(tx, stored);
      if (dependent) return dependentItemExists(req.correlationId, dependent);
      await deleteSession(tx, id);
      return { status: 204 };
    });
  } catch (error) {
    // A course offering created concurrently between the check and the delete.
    if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION) return dependentItemExists(req.correlationId, 'CourseOffering');
    throw error;
  }
}
