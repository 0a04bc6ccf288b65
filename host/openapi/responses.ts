// Responses of the host's OpenAPI document. Each operation lists exactly the status codes of
// the seeds' "HTTP response details" tables; the descriptions are ours.
import type { OpenAPIV3 } from 'openapi-types';

const problemContent: Record<string, OpenAPIV3.MediaTypeObject> = {
  'application/json': { schema: { $ref: '#/components/schemas/problemDetails' } },
  'application/problem+json': { schema: { $ref: '#/components/schemas/problemDetails' } },
};

const problemResponse = (description: string): OpenAPIV3.ResponseObject => ({ description, content: problemContent });
const etagHeader: OpenAPIV3.HeaderObject = { description: 'Version of the item, quoted.', schema: { type: 'string' } };
const locationHeader: OpenAPIV3.HeaderObject = { description: 'URL of the item.', schema: { type: 'string' } };

export const componentResponses: Record<string, OpenAPIV3.ResponseObject> = {
  Created: { description: 'Created. The ETag header holds its version and Location its URL.', headers: { ETag: etagHeader, Location: locationHeader } },
  Updated: { description: 'Updated. The ETag header holds the new version.', headers: { ETag: etagHeader, Location: locationHeader } },
  Deleted: { description: 'Deleted.' },
  NotModified: { description: 'Not modified: the If-None-Match value is the current ETag. No body.' },
  BadRequest: problemResponse('Bad request: a parameter or the body is invalid; see the problem details.'),
  Unauthorized: problemResponse('No valid bearer token.'),
  Forbidden: problemResponse('The client is not authorized for this data or action.'),
  NotFound: problemResponse('Not found.'),
  NotFoundUseSnapshot: problemResponse('Not found. With Use-Snapshot: true, no snapshot is configured.'),
  MethodNotAllowedSnapshot: problemResponse('Method not allowed: writes are refused while a Use-Snapshot header is present.'),
  Conflict: problemResponse('Conflict: unresolved reference, dependent item, or duplicate natural key.'),
  PreconditionFailed: problemResponse('The If-Match value is not the current ETag of the item.'),
  Error: problemResponse('Unexpected server error.'),
  Partitions: { description: 'Page tokens, one per partition.', content: { 'application/json': { schema: { $ref: '#/components/schemas/partitions' } } } },
};

export const responseRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/responses/${name}` });
