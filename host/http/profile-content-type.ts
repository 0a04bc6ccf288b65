// Profile-based content types (application/vnd.ed-fi.{resource}.{profile}.{readable|writable}+json).
// ODS parses them in a middleware before any handler: a malformed one, a writable one on GET, or a
// readable one on POST/PUT is a 400; a well-formed one naming a profile the host does not have is
// 406 on GET and 415 on writes. This host defines no profiles, so every well-formed one is unknown.
// This is also the one request that elicits the seed-documented 400 on GET by id.
import type { HostRequest, HostResponse } from './types.js';
import { invalidProfileUsage, profileNotSupported } from './problems.js';

const VENDOR_PREFIX = 'application/vnd.ed-fi.';

/** The header ODS reads for the method: Accept on reads, Content-Type on writes. */
function profileHeader(req: HostRequest): { name: string; value: string } | undefined {
  if (req.method === 'GET') return { name: 'Accept', value: req.headers.accept ?? '' };
  if (req.method === 'POST' || req.method === 'PUT') return { name: 'Content-Type', value: req.headers['content-type'] ?? '' };
  return undefined;
}

export function profileContentTypeProblem(req: HostRequest): HostResponse | undefined {
  const header = profileHeader(req);
  if (!header) return undefined;
  const mediaType = header.value.split(';')[0].trim().toLowerCase();
  if (!mediaType.startsWith(VENDOR_PREFIX)) return undefined;
  // vnd.ed-fi.{resource}.{profile}.{usage}+json: exactly three facets after the vendor prefix.
  const facets = mediaType.slice(VENDOR_PREFIX.length).replace(/\+json$/, '').split('.');
  if (facets.length !== 3 || facets.some((facet) => facet === '')) {
    return invalidProfileUsage(req.correlationId, `The format of the profile-based content type header ('${header.name}') was invalid.`);
  }
  const usage = facets[2];
  if (usage !== 'readable' && usage !== 'writable') {
    return invalidProfileUsage(req.correlationId, `The usage of the profile-based content type header ('${header.name}') must be 'readable' or 'writable'.`);
  }
  if (usage === 'writable' && req.method === 'GET') {
    return invalidProfileUsage(req.correlationId, 'A profile-based content type that is writable cannot be used with GET requests.');
  }
  if (usage === 'readable' && req.method !== 'GET') {
    return invalidProfileUsage(req.correlationId, 'A profile-based content type that is readable cannot be used with PUT or POST requests.');
  }
  return profileNotSupported(req.correlationId, req.method === 'GET' ? 406 : 415, facets[1]);
}
