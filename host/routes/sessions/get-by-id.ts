// GET /ed-fi/sessions/{id} (CONTRACT.md §1.7, §3): the rendered session with its ETag header;
// If-None-Match equal to the current ETag → 304 without a body.
import { authorizeSessionSchools, authorizeSessionsRead } from '../../auth/authorize.js';
import { quoteEtag } from '../../http/etag.js';
import { notFound, notFoundGeneric } from '../../http/problems.js';
import { parseResourceId } from '../../http/resource-id.js';
import type { HostContext, HostRequest, HostResponse } from '../../http/types.js';
import { readSource } from '../../queries/read-source.js';
import { loadSessions } from '../../queries/render-session.js';

function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '') === etag);
}

export async function getSessionById(req: HostRequest, ctx: HostContext, rawId: string): Promise<HostResponse> {
  const id = parseResourceId(rawId);
  // ODS's route is {id:guid}: anything else matches no route at all.
  if (!id) return notFoundGeneric(req.correlationId);
  const denied = authorizeSessionsRead(req);
  if (denied) return denied;
  const source = readSource(req, ctx);
  if ('response' in source) return source.response;
  const [found] = await loadSessions(source.db, { where: 's.id = $1::uuid', params: [id] });
  if (!found) return notFound(req.correlationId, 'The specified item could not be found.');
  const outsideClaim = authorizeSessionSchools(req, [found.resource.schoolReference.schoolId]);
  if (outsideClaim) return outsideClaim;
  const headers = { ETag: quoteEtag(found.etag) };
  if (ifNoneMatchHits(req.headers['if-none-match'], found.etag)) return { status: 304, headers };
  return { status: 200, headers, body: found.resource };
}
