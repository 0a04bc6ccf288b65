// POST /ed-fi/sessions: upsert by natural key (CONTRACT.md §6). 201 new / 200 existing, both with
// Location and a quoted ETag; an identical re-POST changes nothing (same ETag, §3).
import { authorizeSessionAction, authorizeSessionSchools } from '../../auth/authorize.js';
import { formatResourceId } from '../../http/resource-id.js';
import { etagFromTimestamp, quoteEtag } from '../../http/etag.js';
import { unresolvedReference } from '../../http/problems.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { findUnresolvedReference } from './references.js';
import { checkIfMatch } from './preconditions.js';
import {
  findSessionByKey,
  insertSession,
  isUnchanged,
  lastModifiedOf,
  touchSession,
  updateSession,
} from './session-store.js';
import { SESSIONS_PATH, UNIQUE_VIOLATION, isHostResponse, parseSessionWrite, pgErrorCode } from './write-common.js';

function written(ctx: HostContext, status: 200 | 201, id: string, lastModified: string): HostResponse {
  return {
    status,
    headers: {
      Location: `${ctx.rootUrl}${SESSIONS_PATH}/${formatResourceId(id)}`,
      ETag: quoteEtag(etagFromTimestamp(lastModified)),
    },
  };
}

async function upsert(req: HostRequest, ctx: HostContext): Promise<HostResponse> {
  const denied = authorizeSessionAction(req, 'create');
  if (denied) return denied;
  const session = await parseSessionWrite(req, ctx.db, { emptyBody: 'bad-request', rejectBodyId: true });
  if (isHostResponse(session)) return session;
  const outsideClaim = authorizeSessionSchools(req, [session.schoolId]);
  if (outsideClaim) return outsideClaim;

  return ctx.db.transaction(async (tx) => {
    const unresolved = await findUnresolvedReference(tx, session, ctx.db);
    if (unresolved) return unresolvedReference(req.correlationId, unresolved);
    const stored = await findSessionByKey(tx, session, true);
    if (!stored) {
      const { id } = await insertSession(tx, session);
      return written(ctx, 201, id, await lastModifiedOf(tx, id));
    }
    const cannotUpdate = authorizeSessionAction(req, 'update');
    if (cannotUpdate) return cannotUpdate;
    const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
    if (preconditionFailed) return preconditionFailed;
    if (isUnchanged(stored, session)) {
      if (!ctx.seams.touchOnNoOpUpsert) return written(ctx, 200, stored.id, stored.lastModified);
      await touchSession(tx, stored.id);
    } else {
      await updateSession(tx, stored, session, { freezeChangeVersion: ctx.seams.freezeChangeVersionOnUpdate });
    }
    return written(ctx, 200, stored.id, await lastModifiedOf(tx, stored.id));
  });
}

export async function postSession(req: HostRequest, ctx: HostContext): Promise<HostResponse> {
  try {
    return await upsert(req, ctx);
  } catch (error) {
    // Two concurrent POSTs of a new key on a server: the loser retries and finds the winner's row.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return upsert(req, ctx);
    throw error;
  }
}
