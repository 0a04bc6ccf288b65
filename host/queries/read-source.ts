// Which database a read goes to (CONTRACT.md §5 "Snapshots"): `Use-Snapshot: true` (any case)
// selects the snapshot; any other value reads live. Without a configured snapshot the answer is
// 404 "Snapshot not found.". The header belongs to the ChangeQueries feature, so while that
// feature is off it is ignored (the OpenAPI drops it too).
import type { Db } from '../db/db.js';
import { snapshotNotFound } from '../http/problems.js';
import type { HostContext, HostRequest, HostResponse } from '../http/types.js';

export function wantsSnapshot(req: HostRequest, ctx: HostContext): boolean {
  if (!ctx.settings.changeQueries) return false;
  return req.headers['use-snapshot']?.trim().toLowerCase() === 'true';
}

/** The Db to read from, or the 404 to answer with. */
export function readSource(req: HostRequest, ctx: HostContext): { db: Db } | { response: HostResponse } {
  if (!wantsSnapshot(req, ctx)) return { db: ctx.db };
  return ctx.snapshotDb ? { db: ctx.snapshotDb } : { response: snapshotNotFound(req.correlationId) };
}
