// ed-fi/sections, served minimally: POST (upsert by natural key: 201 new, 200 existing), GET by
// id and DELETE by id, with the same claim, ed-org and If-Match rules as the other writable
// resources (GET-many is index.ts over table.ts). The host serves sections only so that a course
// offering can have a dependent that blocks its DELETE (routes/course-offerings/item.ts); no PUT,
// /partitions or tracked changes.
import { authorizeResourceAction, authorizeSessionSchools } from '../../auth/authorize.js';
import { etagFromTimestamp, quoteEtag } from '../../http/etag.js';
import { constructedIncorrectly, dataValidationFailed, notFound, notFoundGeneric, unresolvedReference } from '../../http/problems.js';
import { formatResourceId, parseResourceId } from '../../http/resource-id.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { ifNoneMatchHits } from '../../queries/list-etag.js';
import { readJsonBody } from '../../validation/json-body.js';
import { validateSectionBody } from '../../validation/section-body.js';
import { checkIfMatch } from '../sessions/preconditions.js';
import { ID_IN_BODY_MESSAGE, UNIQUE_VIOLATION, pgErrorCode } from '../sessions/write-common.js';
import { authorizeSectionsRead, sectionTable } from './table.js';
import { deleteSection, findSectionById, findSectionByKey, insertSection, offeringExists, updateSectionName, type StoredSection } from './store.js';

export const SECTIONS_PATH = '/data/v3/ed-fi/sections';

async function upsert(req: HostRequest, ctx: HostContext): Promise<HostResponse> {
  const denied = authorizeResourceAction(req, 'section', 'create');
  if (denied) return denied;
  const body = readJsonBody(req, 'bad-request');
  if (!body.ok) return body.response;
  const checked = validateSectionBody(body.value);
  if (!checked.ok) return dataValidationFailed(req.correlationId, checked.validationErrors);
  if (checked.hasId) return constructedIncorrectly(req.correlationId, ID_IN_BODY_MESSAGE);
  const input = checked.value;
  const outsideClaim = authorizeSessionSchools(req, [input.schoolId]);
  if (outsideClaim) return outsideClaim;
  return ctx.db.transaction(async (tx) => {
    if (!(await offeringExists(tx, input))) return unresolvedReference(req.correlationId, 'CourseOffering');
    const stored = await findSectionByKey(tx, input);
    let written: StoredSection;
    let status: 200 | 201;
    if (!stored) {
      written = await insertSection(tx, input);
      status = 201;
    } else {
      const cannotUpdate = authorizeResourceAction(req, 'section', 'update');
      if (cannotUpdate) return cannotUpdate;
      const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
      if (preconditionFailed) return preconditionFailed;
      written = await updateSectionName(tx, stored, input.sectionName);
      status = 200;
    }
    return {
      status,
      headers: { Location: `${ctx.rootUrl}${SECTIONS_PATH}/${formatResourceId(written.id)}`, ETag: quoteEtag(etagFromTimestamp(written.lastModified)) },
    };
  });
}

export async function postSection(req: HostRequest, ctx: HostContext): Promise<HostResponse> {
  try {
    return await upsert(req, ctx);
  } catch (error) {
    // Two concurrent POSTs of a new key on a server: the loser retries and finds the winner's row.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return upsert(req, ctx);
    throw error;
  }
}

export async function getSectionById(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return notFoundGeneric(req.correlationId);
  const denied = authorizeSectionsRead(req);
  if (denied) return denied;
  const { rows } = await ctx.db.query<Record<string, unknown>>(`SELECT ${sectionTable.columns} FROM ${sectionTable.from} WHERE s.id = $1::uuid`, [id]);
  if (rows.length === 0) return notFound(req.correlationId, 'The specified item could not be found.');
  const outsideClaim = authorizeSessionSchools(req, [Number(rows[0].schoolid)]);
  if (outsideClaim) return outsideClaim;
  const body = sectionTable.render(rows[0]);
  const etag = String(body._etag);
  const headers = { ETag: quoteEtag(etag) };
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return { status: 304, headers };
  return { status: 200, headers, body };
}

export async function deleteSectionById(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  if (!id) return dataValidationFailed(req.correlationId, { '$.id': [`The value '${rawId}' is not valid.`] });
  const denied = authorizeResourceAction(req, 'section', 'delete');
  if (denied) return denied;
  return ctx.db.transaction(async (tx) => {
    const stored = await findSectionById(tx, id, true);
    if (!stored) return notFound(req.correlationId, 'Resource to delete was not found.');
    const outsideClaim = authorizeSessionSchools(req, [stored.schoolId]);
    if (outsideClaim) return outsideClaim;
    const preconditionFailed = checkIfMatch(req, ctx, stored.lastModified);
    if (preconditionFailed) return preconditionFailed;
    await deleteSection(tx, id);
    return { status: 204 };
  });
}
