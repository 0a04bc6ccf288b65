// The problem-details responses the host produces in more than one place (CONTRACT.md §2.2).
// Wording is ODS 7.3's; one function per case so a handler reads as what it answers.
import { problem } from './problem.js';
import type { HostResponse } from './types.js';

const NOT_FOUND = 'urn:ed-fi:api:not-found';

export function notFoundGeneric(correlationId: string): HostResponse {
  return problem({
    status: 404,
    type: NOT_FOUND,
    title: 'Not Found',
    detail: 'The specified data could not be found.',
    correlationId,
    problemJson: true,
  });
}

export function notFound(correlationId: string, detail: string): HostResponse {
  return problem({ status: 404, type: NOT_FOUND, title: 'Not Found', detail, correlationId });
}

export function snapshotNotFound(correlationId: string): HostResponse {
  return problem({
    status: 404,
    type: NOT_FOUND,
    title: 'Not Found',
    detail: 'Snapshot not found.',
    correlationId,
    errors: ['The snapshot connection for the ODS has not been configured.'],
  });
}

export function methodNotAllowed(correlationId: string, message: string, problemJson = true): HostResponse {
  return problem({
    status: 405,
    type: 'urn:ed-fi:api:method-not-allowed',
    title: 'Method Not Allowed',
    detail: 'The request construction was invalid.',
    correlationId,
    errors: [message],
    problemJson,
  });
}

export function unsupportedMethod(correlationId: string, method: string): HostResponse {
  return methodNotAllowed(correlationId, `The endpoint of the request does not support the '${method}' method.`);
}

export function snapshotWriteNotAllowed(correlationId: string): HostResponse {
  return problem({
    status: 405,
    type: 'urn:ed-fi:api:snapshots:method-not-allowed',
    title: 'Method Not Allowed with Snapshots',
    detail: 'An attempt was made to modify data in a Snapshot, but this data is read-only.',
    correlationId,
    headers: { Allow: 'GET' },
  });
}

export function dataValidationFailed(correlationId: string, validationErrors: Record<string, string[]>): HostResponse {
  return problem({
    status: 400,
    type: 'urn:ed-fi:api:bad-request:data-validation-failed',
    title: 'Data Validation Failed',
    detail: "Data validation failed. See 'validationErrors' for details.",
    correlationId,
    validationErrors,
  });
}

export function constructedIncorrectly(correlationId: string, message: string): HostResponse {
  return problem({
    status: 400,
    type: 'urn:ed-fi:api:bad-request:data-validation-failed',
    title: 'Data Validation Failed',
    detail: 'The request data was constructed incorrectly.',
    correlationId,
    errors: [message],
  });
}

export function badRequest(correlationId: string, message: string): HostResponse {
  return problem({
    status: 400,
    type: 'urn:ed-fi:api:bad-request',
    title: 'Bad Request',
    detail: "The request could not be processed. See 'errors' for details.",
    correlationId,
    errors: [message],
  });
}

export function parameterValidationFailed(correlationId: string, detail: string, errors: string[]): HostResponse {
  return problem({
    status: 400,
    type: 'urn:ed-fi:api:bad-request:parameter-validation-failed',
    title: 'Parameter Validation Failed',
    detail,
    correlationId,
    errors,
  });
}

export function unsupportedMediaType(correlationId: string, message: string): HostResponse {
  return problem({
    status: 415,
    type: 'urn:ed-fi:api:unsupported-media-type',
    title: 'Unsupported Media Type',
    detail: 'The request construction was invalid.',
    correlationId,
    errors: [message],
    problemJson: true,
  });
}

export function payloadTooLarge(correlationId: string, limitBytes: number): HostResponse {
  return problem({
    status: 413,
    type: 'urn:ed-fi:api:bad-request',
    title: 'Payload Too Large',
    detail: "The request could not be processed. See 'errors' for details.",
    correlationId,
    errors: [`The request body exceeds the limit of ${limitBytes} bytes.`],
    problemJson: true,
  });
}

export function unresolvedReference(correlationId: string, entity: string): HostResponse {
  return problem({
    status: 409,
    type: 'urn:ed-fi:api:data-conflict:unresolved-reference',
    title: 'Unresolved Reference',
    detail: `The referenced '${entity}' item does not exist.`,
    correlationId,
  });
}

export function dependentItemExists(correlationId: string, dependent: string): HostResponse {
  return problem({
    status: 409,
    type: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
    title: 'Dependent Item Exists',
    detail: `The requested action cannot be performed because this item is referenced by an existing '${dependent}' item.`,
    correlationId,
  });
}

export function nonUniqueIdentity(correlationId: string, table: string, columns: string[], values: unknown[]): HostResponse {
  return problem({
    status: 409,
    type: 'urn:ed-fi:api:data-conflict:non-unique-identity',
    title: 'Identifying Values Are Not Unique',
    detail: 'The identifying value(s) of the item are the same as another item that already exists.',
    correlationId,
    errors: [
      `A primary key conflict occurred when attempting to create or update a record in the '${table}' table. The duplicate key is (${columns.join(', ')}) = (${values.join(', ')}).`,
    ],
  });
}

export function optimisticLockFailed(correlationId: string): HostResponse {
  return problem({
    status: 412,
    type: 'urn:ed-fi:api:optimistic-lock-failed',
    title: 'Optimistic Lock Failed',
    detail: 'The item has been modified by another user.',
    correlationId,
    errors: [
      "The resource item's etag value does not match what was specified in the 'If-Match' request header indicating that it has been modified by another client since it was last retrieved.",
    ],
  });
}

export function authenticationFailed(correlationId: string, message: string): HostResponse {
  return problem({
    status: 401,
    type: 'urn:ed-fi:api:security:authentication',
    title: 'Authentication Failed',
    detail: 'The caller could not be authenticated.',
    correlationId,
    errors: [message],
    problemJson: true,
  });
}

export function authorizationDenied(correlationId: string, errors: string[], detail = 'Access to the requested data could not be authorized.'): HostResponse {
  return problem({
    status: 403,
    type: 'urn:ed-fi:api:security:authorization',
    title: 'Authorization Denied',
    detail,
    correlationId,
    errors,
  });
}

export function systemError(correlationId: string): HostResponse {
  return problem({
    status: 500,
    type: 'urn:ed-fi:api:system',
    title: 'System Error',
    detail: 'An unexpected problem has occurred.',
    correlationId,
    problemJson: true,
  });
}

export function invalidProfileUsage(correlationId: string, message: string): HostResponse {
  return problem({
    status: 400,
    type: 'urn:ed-fi:api:profile:invalid-profile-usage',
    title: 'Invalid Profile Usage',
    detail: 'The request construction was invalid with respect to usage of a data policy.',
    correlationId,
    errors: [message],
    problemJson: true,
  });
}

/** A well-formed profile content type naming a profile this host does not have. */
export function profileNotSupported(correlationId: string, status: 406 | 415, profileName: string): HostResponse {
  return problem({
    status,
    type: status === 406 ? 'urn:ed-fi:api:not-acceptable' : 'urn:ed-fi:api:unsupported-media-type',
    title: status === 406 ? 'Not Acceptable' : 'Unsupported Media Type',
    detail: 'The request construction was invalid.',
    correlationId,
    errors: [`The profile specified by the content type ('${profileName.slice(0, 60)}') is not supported by this host.`],
    problemJson: true,
  });
}
