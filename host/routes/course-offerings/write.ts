// POST (upsert by natural key) and PUT of ed-fi/courseOfferings (CONTRACT.md §3, §6 rules as for
// sessions). Unlike Session, CourseOffering is not configured for natural-key updates (its PUT in
// the ODS 7.2 OpenAPI has no x-Ed-Fi-isUpdatable and says "Natural key values for this resource
// cannot be changed using PUT"), so a PUT that changes localCourseCode, school or session answers
// 400 key-change-not-supported; its key still changes when the referenced session is renamed
// (ON UPDATE CASCADE), which its own /keyChanges and change version record.
import { authorizeResourceAction, authorizeSessionSchools } from '../../auth/authorize.js';
import { etagFromTimestamp, quoteEtag } from '../../http/etag.js';
import { problem } from '../../http/problem.js';
import { constructedIncorrectly, dataValidationFailed, notFound, unresolvedReference } from '../../http/problems.js';
import { formatResourceId, parseResourceId } from '../../http/resource-id.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { type EmptyBodyStyle, readJsonBody } from '../../validation/json-body.js';
import { type CourseOfferingInput, validateCourseOfferingBody } from '../../validation/course-offering-body.js';
import { checkIfMatch } from '../sessions/preconditions.js';
import { ID_IN_BODY_MESSAGE, UNIQUE_VIOLATION, isHostResponse, pgErrorCode } from '../sessions/write-common.js';
import {
  findOfferingById,
  findOfferingByKey,
  findUnresolvedOfferingReference,
  insertOffering,
  offeringLastModified,
  offeringUnchanged,
  sameOfferingKey,
  updateOffering,
} from './store.js';
import { COURSE_OFFERINGS_PATH } from './table.js';

export function keyChangeNotSupported(correlationId: string): HostResponse {
  return problem({
    status: 400,
    type: 'urn:ed-fi:api:bad-request:data-validation-failed:key-change-not-supported',
    title: 'Key Change Not Supported',
    detail: 'Identifying values for the CourseOffering data cannot be changed. Delete and recreate the item instead.',
    correlationId,
  });
}

export function invalidOfferingId(req: HostRequest, rawId: string): HostResponse {
  return dataValidationFailed(req.correlationId, { '$.id': [`The value '${rawId}' is not valid.`] });
}

interface ParseOptions {
  emptyBody: EmptyBodyStyle;
  /** POST refuses a body id; PUT ignores it (the route id wins). */
  rejectBodyId: boolean;
}

/** Body → validated input, or the 400 to answer with. */
function parseOffering(req: HostRequest, options: ParseOptions): CourseOfferingInput | HostResponse {
  const body = readJsonBody(req, options.emptyBody);
  if (!body.ok) return body.response;
  const checked = validateCourseOfferingBody(body.value);
  if (!checked.ok) return dataValidationFailed(req.correlationId, checked.validationErrors);
  if (options.rejectBodyId && checked.hasId) return constructedIncorrectly(req.correlationId, ID_IN_BODY_MESSAGE);
  if (checked.childDescriptors.length > 0) {
    // ODS resolves descriptors while mapping the body (400, not 409); this host seeds none of these.
    const errors: Record<string, string[]> = {};
    for (const d of checked.childDescriptors) (errors[d.path] ??= []).push(`${d.descriptorName} value '${d.value}' does not exist.`);
    return dataValidationFailed(req.correlationId, errors);
  }
  return checked.value;
}

function written(ctx: HostContext, status: 200 | 201, id: string, lastModified: string): HostResponse {
  return {
    status,
    headers: { Location: `${ctx.rootUrl}${COURSE_OFFERINGS_PATH}/${formatResourceId(id)}`, ETag: quoteEtag(etagFromTimestamp(lastModified)) },
  };
}

async function upsert(req: HostRequest, ctx: HostContext): Promise<HostResponse> {
  const denied = authorizeResourceAction(req, 'courseOffering', 'create');
  if (denied) return denied;
  const input = parseOffering(req, { emptyBody: 'bad-request', rejectBodyId: true });
  if (isHostResponse(input)) return input;
  const outsideClaim = authorizeSessionSchools(req, [input.schoolId]);
  if (outsideClaim) return outsideClaim;
  return ctx.db.transaction(async (tx) => {
    const unresolved = await findUnresolvedOfferingReference(tx, input);
    if (unresolved) return unresolvedReference(req.correlationId, unresolved);
    const stored = await findOfferingByKey(tx, input, true);
    if (!stored) {
      const id = await insertOffering(tx, input);
      return written(ctx, 201, id, await offeringLastModified(tx, id));
    }
    const cannotUpdate = authorizeResourceAction(req, 'courseOffering', 'update');
    if (cannotUpdate) return cannotUpdate;
    const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
    if (preconditionFailed) return preconditionFailed;
    if (offeringUnchanged(stored, input)) return written(ctx, 200, stored.id, stored.lastModified);
    await updateOffering(tx, stored.id, input);
    return written(ctx, 200, stored.id, await offeringLastModified(tx, stored.id));
  });
}

export async function postCourseOffering(req: HostRequest, ctx: HostContext): Promise<HostResponse> {
  try {
    return await upsert(req, ctx);
  } catch (error) {
    // Two concurrent POSTs of a new key on a server: the loser retries and finds the winner's row.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return upsert(req, ctx);
    throw error;
  }
}

export async function putCourseOffering(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return invalidOfferingId(req, rawId);
  const denied = authorizeResourceAction(req, 'courseOffering', 'update');
  if (denied) return denied;
  const input = parseOffering(req, { emptyBody: 'validation', rejectBodyId: false });
  if (isHostResponse(input)) return input;
  return ctx.db.transaction(async (tx) => {
    const stored = await findOfferingById(tx, id, true);
    if (!stored) return notFound(req.correlationId, 'Resource to update was not found.');
    const outsideClaim = authorizeSessionSchools(req, [stored.schoolId, input.schoolId]);
    if (outsideClaim) return outsideClaim;
    const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
    if (preconditionFailed) return preconditionFailed;
    if (!sameOfferingKey(stored, input)) return keyChangeNotSupported(req.correlationId);
    const unresolved = await findUnresolvedOfferingReference(tx, input);
    if (unresolved) return unresolvedReference(req.correlationId, unresolved);
    let lastModified = stored.lastModified;
    if (!offeringUnchanged(stored, input)) {
      await updateOffering(tx, id, input);
      lastModified = await offeringLastModified(tx, id);
    }
    return {
      status: 204,
      headers: { ETag: quoteEtag(etagFromTimestamp(lastModified)), Location: `${ctx.rootUrl}${COURSE_OFFERINGS_PATH}/${rawId}` },
    };
  });
}
