// POST /ed-fi/sessions: upsert by natural key (CONTRACT.md §6). 201 new / 200 existing, both with
// Location and a quoted ETag; an identical re-POST changes nothing (same ETag, §3). A new key is
// one INSERT statement; an existing one is locked, compared and updated in a transaction.
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

  // Everything a session references is seeded and has no write route (references.ts), so the
  // check needs no transaction. A new key is then one statement; only an existing key (or a race
  // lost on a server) takes the transaction that locks, compares and updates the stored row.
  const unresolved = await findUnresolvedReference(ctx.db, session, ctx.db);
  if (unresolved) return unresolvedReference(req.correlationId, unresolved);
  const created = await insertSession(ctx.db, session);
  if (created) return written(ctx, 201, created.id, created.lastModified);

  return ctx.db.transaction(async (tx) => {
    const stored = await findSessionByKey(tx, session, true);
    if (!stored) {
      // Deleted since the insert found it: insert it now, under the transaction.
      const inserted = await insertSession(tx, session);
      if (inserted) return written(ctx, 201, inserted.id, inserted.lastModified);
      throw new KeyRaceError();
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

/** The key was taken when inserted, then gone when locked, then taken again: retried like a unique violation. */
class KeyRaceError extends Error {
  readonly code = UNIQUE_VIOLATION;
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
