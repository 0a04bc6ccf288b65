// The 405 answers for session paths (CONTRACT.md §1.1, §6): the special POST-with-id and
// PUT/DELETE-without-id messages, and the generic "does not support the 'X' method".
import { methodNotAllowed, unsupportedMethod } from '../http/problems.js';
import type { HostRequest, HostResponse } from '../http/types.js';

export const POST_WITH_ID_MESSAGE =
  'Resource items can only be updated using PUT. To "upsert" an item in the resource collection using POST, remove the "id" from the route.';
export const PUT_COLLECTION_MESSAGE =
  'Resource collections cannot be replaced. To "upsert" an item in the collection, use POST. To update a specific item, use PUT and include the "id" in the route.';
export const DELETE_COLLECTION_MESSAGE =
  'Resource collections cannot be deleted. To delete a specific item, use DELETE and include the "id" in the route.';

export function collectionMethodNotAllowed(req: HostRequest): HostResponse {
  if (req.method === 'PUT') return methodNotAllowed(req.correlationId, PUT_COLLECTION_MESSAGE, false);
  if (req.method === 'DELETE') return methodNotAllowed(req.correlationId, DELETE_COLLECTION_MESSAGE, false);
  return unsupportedMethod(req.correlationId, req.method);
}

export function itemMethodNotAllowed(req: HostRequest): HostResponse {
  if (req.method === 'POST') return methodNotAllowed(req.correlationId, POST_WITH_ID_MESSAGE, false);
  return unsupportedMethod(req.correlationId, req.method);
}
