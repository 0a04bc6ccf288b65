// GET by id and DELETE of ed-fi/courseOfferings/{id}: the same rules as sessions (CONTRACT.md §3,
// §6): a malformed id is the generic 404 on GET and a 400 on DELETE, If-None-Match → 304, If-Match
// → 412, the client's claim and ed-org scope first. A section that references the offering blocks
// its DELETE (409 dependent-item-exists), as a course offering blocks its session's.
import { authorizeResourceAction, authorizeSessionSchools } from '../../auth/authorize.js';
import { quoteEtag } from '../../http/etag.js';
import { dependentItemExists, notFound, notFoundGeneric } from '../../http/problems.js';
import { parseResourceId } from '../../http/resource-id.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { ifNoneMatchHits } from '../../queries/list-etag.js';
import { readSource } from '../../queries/read-source.js';
import { sectionReferencing } from '../sections/store.js';
import { checkIfMatch } from '../sessions/preconditions.js';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../sessions/write-common.js';
import { deleteOffering, findOfferingById } from './store.js';
import { authorizeCourseOfferingsRead, courseOfferingTable } from './table.js';
import { invalidOfferingId } from './write.js';

export async function getCourseOfferingById(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  // ODS's route is {id:guid}: anything else matches no route at all.
  if (!id) return notFoundGeneric(req.correlationId);
  const denied = authorizeCourseOfferingsRead(req);
  if (denied) return denied;
  const source = readSource(req, ctx);
  if ('response' in source) return source.response;
  const table = courseOfferingTable;
  const { rows } = await source.db.query<Record<string, unknown>>(`SELECT ${table.columns} FROM ${table.from} WHERE o.id = $1::uuid`, [id]);
  if (rows.length === 0) return notFound(req.correlationId, 'The specified item could not be found.');
  const outsideClaim = authorizeSessionSchools(req, [Number(rows[0].schoolid)]);
  if (outsideClaim) return outsideClaim;
  const body = table.render(rows[0]);
  const etag = String(body._etag);
  const headers = { ETag: quoteEtag(etag) };
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return { status: 304, headers };
  return { status: 200, headers, body };
}

export async function deleteCourseOfferingById(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return invalidOfferingId(req, rawId);
  const denied = authorizeResourceAction(req, 'courseOffering', 'delete');
  if (denied) return denied;
  try {
    return await ctx.db.transaction(async (tx) => {
      const stored = await findOfferingById(tx, id, true);
      if (!stored) return notFound(req.correlationId, 'Resource to delete was not found.');
      const outsideClaim = authorizeSessionSchools(req, [stored.schoolId]);
      if (outsideClaim) return outsideClaim;
      const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
      if (preconditionFailed) return preconditionFailed;
      if (await sectionReferencing(tx, stored)) return dependentItemExists(req.correlationId, 'Section');
      await deleteOffering(tx, id);
      return { status: 204 };
    });
  } catch (error) {
    // A section created concurrently between the look and the delete: the foreign key refuses it.
    if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION) return dependentItemExists(req.correlationId, 'Section');
    throw error;
  }
}
